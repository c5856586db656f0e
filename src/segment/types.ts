/**
 * The segmentation engine as the pipeline sees it. `jieba.ts` implements it with nodejieba; tests use the
 * dictionary segmenter in `dictionary.ts`, which needs no dictionary load.
 */

/** One token of the working text: `[start, end)` UTF-16 offsets into the string that was cut. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/** A keyword with its TF-IDF weight (unitless, larger is more characteristic). */
export interface WeightedWord {
  word: string;
  weight: number;
}

/** What the extractors need from a segmenter. Implementations must be deterministic. */
export interface Segmenter {
  /** Cut `text` into tokens that cover it in order (gaps only where the engine drops characters). */
  cut(text: string): Token[];
  /**
   * Part-of-speech tag (ICTCLAS tag set: n, v, nr, ns, x …) of `word` when the engine reads it as one word,
   * else `''`. Memoised by implementations: extractors ask about the same names and labels many times.
   */
  tagOf(word: string): string;
  /** The `top` TF-IDF keywords of `text`, heaviest first. */
  keywords(text: string, top: number): WeightedWord[];
}

const NAME_TAG = /^(?:x|nr|nrfg|nrt)$/;
const NOT_COMMON_TAG = /^(?:x|nr|nrfg|nrt|nz)$/;

/** Is this a tag an unknown or known personal name gets (`x` unknown, `nr*` name)? */
export function isNameTag(tag: string): boolean {
  return NAME_TAG.test(tag);
}

/** Is this the tag of a word the engine knows as something other than a name (强调 v, 关于 p, 文史 n)? */
export function isCommonWordTag(tag: string): boolean {
  return tag !== '' && !NOT_COMMON_TAG.test(tag);
}

/** Map each token of `words` (the engine's output, in order) to its offsets in `text`; skips words not found. */
export function withOffsets(text: string, words: readonly string[]): Token[] {
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
