/** Scoring against gold annotations, following ../shared/gold-dev/README.md's matching rules. */

/** Remove spaces, quotes and brackets; fold full-width characters. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000“”"'‘’「」『』《》()（）【】[\]]/g, '');
}

/** Containment match: one contains the other after normalising. */
export function looseMatch(a: string, b: string): boolean {
  const x = normalizeForMatch(a);
  const y = normalizeForMatch(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function add(into: Counts, more: Counts): void {
  into.tp += more.tp;
  into.fp += more.fp;
  into.fn += more.fn;
}

/** One-to-one greedy matching of predicted against gold strings. Returns counts and the matched pairs. */
export function matchSets<P, G>(predicted: P[], gold: G[], same: (p: P, g: G) => boolean): Counts & { pairs: Array<[P, G]> } {
  const used = new Set<number>();
  const pairs: Array<[P, G]> = [];
  for (const p of predicted) {
    const index = gold.findIndex((g, i) => !used.has(i) && same(p, g));
    if (index >= 0) {
      used.add(index);
      pairs.push([p, gold[index]]);
    }
  }
  return { tp: pairs.length, fp: predicted.length - pairs.length, fn: gold.length - pairs.length, pairs };
}

export function f1(counts: Counts): { precision: number; recall: number; f1: number } {
  const precision = counts.tp + counts.fp ? counts.tp / (counts.tp + counts.fp) : 1;
  const recall = counts.tp + counts.fn ? counts.tp / (counts.tp + counts.fn) : 1;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
