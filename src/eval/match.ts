/** Matching rules of `meeting-analyze eval` (documented in docs/annotation.md): the ones the project reports its own figures with. */

/** Remove spaces, quotes and brackets; fold full-width characters. */
export function normalizeForMatch(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000“”"'‘’「」『』《》()（）【】[\]]/g, '');
}

/**
 * Containment match: after normalising, one contains the other and the shorter is at least half the longer (so a
 * one-character fragment does not match a whole phrase).
 */
export function looseMatch(a: string, b: string): boolean {
  return contains(a, b, 0.5);
}

/**
 * Labels of counted sets: a containment match of any length when both sets have the same count (三大产业 and
 * 三大主导产业 name one set), the half-length rule otherwise.
 */
export function sameCountedLabel(a: { count: number | string; label: string }, b: { count: number | string; label: string }): boolean {
  return String(a.count) === String(b.count) ? contains(a.label, b.label, 0) : contains(a.label, b.label, 0.5);
}

function contains(a: string, b: string, minShare: number): boolean {
  const x = normalizeForMatch(a);
  const y = normalizeForMatch(b);
  if (!x.length || !y.length) return false;
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return longer.includes(shorter) && shorter.length >= minShare * longer.length;
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
