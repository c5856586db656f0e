import { withOffsets, type Segmenter, type WeightedWord } from './types';

const CJK = /[\u3400-\u9fff]/;

/**
 * A small deterministic Segmenter for tests and tools that must not load nodejieba (~1 s, ~300 MB): forward
 * maximum matching over `words` (word → POS tag). CJK characters outside the dictionary become one-character
 * tokens tagged `x`; runs of digits, Latin letters and spaces stay whole. Keywords are the most frequent
 * dictionary words of two or more characters (weight = count / tokens).
 */
export function createDictionarySegmenter(words: Readonly<Record<string, string>> = {}): Segmenter {
  const dict = new Map(Object.entries(words));
  const longest = Math.max(1, ...[...dict.keys()].map((word) => word.length));
  const cutWords = (text: string): string[] => {
    const out: string[] = [];
    let i = 0;
    while (i < text.length) {
      let taken = '';
      for (let length = Math.min(longest, text.length - i); length >= 2; length--) {
        const piece = text.slice(i, i + length);
        if (dict.has(piece)) {
          taken = piece;
          break;
        }
      }
      if (!taken) {
        const run = /^(?:[0-9０-９.]+|[A-Za-z]+|[ \t]+)/.exec(text.slice(i, i + 64));
        taken = run ? run[0] : text[i];
      }
      out.push(taken);
      i += taken.length;
    }
    return out;
  };
  return {
    cut: (text) => withOffsets(text, cutWords(text)),
    tagOf: (word) => dict.get(word) ?? (word.length === 1 && CJK.test(word) ? 'x' : ''),
    keywords(text, top): WeightedWord[] {
      const tokens = cutWords(text);
      const counts = new Map<string, number>();
      for (const word of tokens) if (word.length >= 2 && dict.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
      return [...counts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, top)
        .map(([word, count]) => ({ word, weight: count / Math.max(1, tokens.length) }));
    },
  };
}
