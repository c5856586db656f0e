/**
 * The only module that touches nodejieba. The dictionary is loaded once per process (or worker),
 * lazily, on the first analysis: ~1 s and ~270 MB, so never for --help, --version or usage errors.
 */
import * as fs from 'fs';
import type { Lexicon } from '../lexicon';

export interface Token {
  word: string;
  start: number;
  end: number;
}

interface NodeJieba {
  load(options: { userDict?: string }): void;
  cut(text: string, hmm: boolean): string[];
  extract(text: string, topN: number): Array<{ word: string; weight: number }>;
  /** Only in the patched build (patches/): cut(text, true) and extract(text, topN) from one segmentation. */
  cutExtract?(text: string, topN: number): { words: string[]; keywords: Array<{ word: string; weight: number }> };
  tag(text: string): Array<{ word: string; tag: string }>;
  insertWord(word: string, tag?: string): boolean;
  DEFAULT_USER_DICT: string;
}

let jieba: NodeJieba | undefined;
/** The patched build's combined call works (the stock build, or a failed patch, has no such native method). */
let combined = false;
const insertedDicts = new Set<string>();

function engine(lexicon: Lexicon): NodeJieba {
  if (!jieba) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('nodejieba') as NodeJieba;
    loaded.load({ userDict: lexicon.userDictPaths[0] ?? loaded.DEFAULT_USER_DICT });
    jieba = loaded;
    try {
      combined = Array.isArray(loaded.cutExtract?.('预热', 1).words);
    } catch {
      combined = false; // patched index.js over a stock binary
    }
    if (lexicon.userDictPaths[0]) insertedDicts.add(lexicon.userDictPaths[0]);
  }
  // User dictionaries from --lexicon directories are added word by word: reloading would cost another second.
  for (const file of lexicon.userDictPaths) {
    if (insertedDicts.has(file)) continue;
    insertedDicts.add(file);
    for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
      const [word, , tag] = line.trim().split(/\s+/);
      if (word && !word.startsWith('#')) jieba.insertWord(word, tag);
    }
  }
  return jieba;
}

/** True once the dictionary has been loaded in this process. */
export function isJiebaLoaded(): boolean {
  return jieba !== undefined;
}

/**
 * Keywords computed by the last segment() call, for tfidf() on the same text and count: the patched nodejieba
 * gives both from one segmentation instead of cutting the text a second time for TF-IDF.
 */
let pending: { text: string; topN: number; keywords: Array<{ word: string; weight: number }> } | undefined;

/**
 * Segment with the HMM on (unknown names stay whole) and give each token its UTF-16 offsets. With `keywordTopN`,
 * TF-IDF keywords for the same text are computed in the same native call when the build allows it, and handed to
 * the next tfidf(text, keywordTopN); results are the same either way.
 */
export function segment(text: string, lexicon: Lexicon, keywordTopN = 0): Token[] {
  const engine_ = engine(lexicon);
  let words: string[];
  pending = undefined;
  if (keywordTopN > 0 && combined) {
    const both = engine_.cutExtract!(text, keywordTopN);
    words = both.words;
    pending = { text, topN: keywordTopN, keywords: both.keywords };
  } else words = engine_.cut(text, true);
  const tokens: Token[] = new Array(words.length);
  let count = 0;
  let cursor = 0;
  for (const word of words) {
    const at = text.startsWith(word, cursor) ? cursor : text.indexOf(word, cursor);
    if (at < 0) continue;
    tokens[count++] = { word, start: at, end: at + word.length };
    cursor = at + word.length;
  }
  tokens.length = count;
  return tokens;
}

/** TF-IDF keywords from nodejieba's extractor (its IDF table is already in memory); reuses segment()'s when it made them. */
export function tfidf(text: string, topN: number, lexicon: Lexicon): Array<{ word: string; weight: number }> {
  const ready = pending;
  pending = undefined;
  if (ready && ready.topN === topN && ready.text === text) return ready.keywords;
  return engine(lexicon).extract(text, topN);
}

/**
 * Is this short string a word jieba does not know as a common word (an unknown name is tagged `x`, a
 * known name `nr`)? Used only to confirm a surname-initial candidate after a title, never to find people.
 */
export function looksLikeName(word: string, lexicon: Lexicon): boolean {
  return /^(?:x|nr|nrfg|nrt)$/.test(singleWordTag(word, lexicon));
}

/** Is this string one word jieba knows as something other than a name (强调, 关于, 文史)? */
export function isCommonWord(word: string, lexicon: Lexicon): boolean {
  const tag = singleWordTag(word, lexicon);
  return tag !== '' && !/^(?:x|nr|nrfg|nrt|nz)$/.test(tag);
}

const tagCache = new Map<string, string>();

/** jieba's part-of-speech tag when it reads the string as one word, else ''. Memoised: names and labels repeat. */
function singleWordTag(word: string, lexicon: Lexicon): string {
  let tag = tagCache.get(word);
  if (tag === undefined) {
    const tags = engine(lexicon).tag(word);
    tag = tags.length === 1 ? tags[0].tag : '';
    if (tagCache.size > 50000) tagCache.clear();
    tagCache.set(word, tag);
  }
  return tag;
}

/** jieba's part-of-speech tag for a word it treats as one token, else `x` (unknown). */
export function wordTag(word: string, lexicon: Lexicon): string {
  return singleWordTag(word, lexicon) || 'x';
}
