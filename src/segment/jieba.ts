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
  tag(text: string): Array<{ word: string; tag: string }>;
  insertWord(word: string, tag?: string): boolean;
  DEFAULT_USER_DICT: string;
}

let jieba: NodeJieba | undefined;
const insertedDicts = new Set<string>();

function engine(lexicon: Lexicon): NodeJieba {
  if (!jieba) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('nodejieba') as NodeJieba;
    loaded.load({ userDict: lexicon.userDictPaths[0] ?? loaded.DEFAULT_USER_DICT });
    jieba = loaded;
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

/** Segment with the HMM on (unknown names stay whole) and give each token its offsets. */
export function segment(text: string, lexicon: Lexicon): Token[] {
  const words = engine(lexicon).cut(text, true);
  const tokens: Token[] = [];
  let cursor = 0;
  for (const word of words) {
    const at = text.startsWith(word, cursor) ? cursor : text.indexOf(word, cursor);
    if (at < 0) continue;
    tokens.push({ word, start: at, end: at + word.length });
    cursor = at + word.length;
  }
  return tokens;
}

/** TF-IDF keywords from nodejieba's extractor (its IDF table is already in memory). */
export function tfidf(text: string, topN: number, lexicon: Lexicon): Array<{ word: string; weight: number }> {
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

const knownCache = new Map<string, boolean>();

/**
 * Is this string one entry of jieba's dictionary (segmentation without the HMM keeps it whole)? `tag` guesses a
 * part of speech for unknown strings too (严义埙 → n); this tells a known word from a guess. Memoised.
 */
export function isDictionaryWord(word: string, lexicon: Lexicon): boolean {
  let known = knownCache.get(word);
  if (known === undefined) {
    known = word.length < 2 || engine(lexicon).cut(word, false).length === 1;
    if (knownCache.size > 50000) knownCache.clear();
    knownCache.set(word, known);
  }
  return known;
}
