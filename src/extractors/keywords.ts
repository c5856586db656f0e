import type { Extractor } from '../pipeline/context';
import { tfidf } from '../segment/jieba';

/** Digits, dates, file names, Latin fragments and punctuation are noise, never keywords. */
const NOISE = /^(?:[\d.,:%+\-_/]+|.*\.(?:jpe?g|png|gif|html?)|[A-Za-z0-9_]+|\d+[年月日号]|[〇零一二三四五六七八九十百]+[年月日号]?)$/i;

/** How many TF-IDF candidates are asked for to keep `top` after filtering (segment() computes them up front). */
export function keywordCandidates(top: number): number {
  return top > 0 ? top * 4 + 10 : 0;
}

export const keywords: Extractor = {
  id: 'keywords',
  run(ctx) {
    const top = ctx.options.top;
    if (top <= 0) return { keywords: [] };
    const candidates = tfidf(ctx.text, keywordCandidates(top), ctx.lexicon);
    const list = candidates
      .filter(({ word }) => word.length >= 2 && !ctx.lexicon.stopwords.has(word) && !NOISE.test(word) && /[\u3400-\u9fff]/.test(word))
      .slice(0, top)
      .map(({ word, weight }) => ({ word, weight: Math.round(weight * 1000) / 1000 }));
    return { keywords: list };
  },
};
