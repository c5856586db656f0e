import type { Extractor } from '../pipeline/context';

/** Digits, dates, file names, Latin fragments and punctuation are noise, never keywords. */
const NOISE = /^(?:[\d.,:%+\-_/]+|.*\.(?:jpe?g|png|gif|html?)|[A-Za-z0-9_]+|\d+[年月日号]|[〇零一二三四五六七八九十百]+[年月日号]?)$/i;

export const keywords: Extractor = {
  id: 'keywords',
  needs: [],
  provides: ['keywords'],
  run(ctx) {
    const top = ctx.options.top;
    if (top <= 0) return { keywords: [] };
    const candidates = ctx.segmenter.keywords(ctx.text, top * 4 + 10);
    const list = candidates
      .filter(({ word }) => word.length >= 2 && !ctx.lexicon.stopwords.has(word) && !NOISE.test(word) && /[\u3400-\u9fff]/.test(word))
      .slice(0, top)
      .map(({ word, weight }) => ({ word, weight: Math.round(weight * 1000) / 1000, rule: 'keyword.tf-idf' }));
    return { keywords: list };
  },
};
