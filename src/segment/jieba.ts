/**
 * The only module that touches nodejieba. The dictionary is loaded once per process (or worker),
 * lazily, on the first cut: ~0.5 s and ~180 MB with the patched build (patches/; stock: ~1 s, ~310 MB), so never
 * for --help, --version or usage errors.
 */
import * as fs from 'fs';
import type { Lexicon } from '../lexicon';
import { withOffsets, type Segmenter, type Token, type WeightedWord } from './types';

export type { Token } from './types';

interface NodeJieba {
  load(options: { userDict?: string }): void;
  cut(text: string, hmm: boolean): string[];
  extract(text: string, topN: number): WeightedWord[];
  /**
   * Only in the patched build (patches/, applied at install): extract() that reuses the words of the last
   * cut(text, true) when `text` is the same, instead of segmenting it again. Same output as extract().
   */
  extractAfterCut?(text: string, topN: number): WeightedWord[];
  tag(text: string): Array<{ word: string; tag: string }>;
  insertWord(word: string, tag?: string): boolean;
  DEFAULT_USER_DICT: string;
}

let jieba: NodeJieba | undefined;
/** The patched build's extractAfterCut works (the stock build, or a failed patch, has no such native method). */
let reusesCut = false;
const insertedDicts = new Set<string>();

function engine(userDictPaths: readonly string[]): NodeJieba {
  if (!jieba) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('nodejieba') as NodeJieba;
    loaded.load({ userDict: userDictPaths[0] ?? loaded.DEFAULT_USER_DICT });
    jieba = loaded;
    try {
      reusesCut = Array.isArray(loaded.extractAfterCut?.('预热', 1));
    } catch {
      reusesCut = false; // patched index.js over a stock binary
    }
    if (userDictPaths[0]) insertedDicts.add(userDictPaths[0]);
  }
  // User dictionaries from --lexicon directories are added word by word: reloading would cost another second.
  for (const file of userDictPaths) {
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

const tagCache = new Map<string, string>();

/**
 * A Segmenter backed by nodejieba with the lexicon's user dictionaries. Creating it is free; the dictionary
 * loads on the first call. All segmenters of a process share one nodejieba instance (it cannot be shared
 * across threads; each worker loads its own).
 */
export function createJiebaSegmenter(lexicon: Pick<Lexicon, 'userDictPaths'>): Segmenter {
  const dicts = lexicon.userDictPaths;
  return {
    // HMM on: unknown names and numbers stay whole.
    cut: (text: string): Token[] => withOffsets(text, engine(dicts).cut(text, true)),
    tagOf(word: string): string {
      let tag = tagCache.get(word);
      if (tag === undefined) {
        const tags = engine(dicts).tag(word);
        tag = tags.length === 1 ? tags[0].tag : '';
        if (tagCache.size > 50000) tagCache.clear();
        tagCache.set(word, tag);
      }
      return tag;
    },
    // The pipeline asks for the keywords of the text it has just cut: the patched build does not segment it again.
    keywords: (text: string, top: number): WeightedWord[] => (reusesCut ? engine(dicts).extractAfterCut!(text, top) : engine(dicts).extract(text, top)),
  };
}
