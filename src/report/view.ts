/**
 * What the report shows of an input: the article as analysed — for a page the text extracted from its markup, for
 * any input the cleaned text with hard-wrapped lines joined and boilerplate left out — and a map from input spans
 * (what results carry) to offsets in that text.
 */
import { loadLexicon } from '../lexicon';
import { resolveFormat, type InputFormat } from '../pipeline/format';
import { articleOf } from '../pipeline/article';
import type { TextView } from '../pipeline/text-view';
import type { Span } from '../types';
import { bisect } from '../util/search';

export interface ShownText {
  /** The article text as shown (characters as written). */
  text: string;
  /** The shown range covering input span `span`, or null when none of it is shown (boilerplate, markup). */
  locate(span: Span): Span | null;
}

/** First index whose value is ≥ `value` in a non-decreasing array. */
const lowerBound = (values: Int32Array, value: number): number => bisect(values.length, (i) => values[i] < value);

/** A shown text over a view; exported for tests. */
export function shownFromView(view: TextView): ShownText {
  return {
    text: view.raw,
    locate([start, end]) {
      // Shown characters whose source lies inside the span: from the first starting at or after `start` to the
      // last ending at or before `end`.
      const from = lowerBound(view.starts, start);
      const to = lowerBound(view.ends, end + 1);
      return from < to ? [from, to] : null;
    },
  };
}

/**
 * The text to show for `text` analysed as `format` (default `text`, as analyzeText), cleaned as analysis cleans it.
 * `lexiconDirs`: the same extra lexicons the analysis used (boilerplate patterns come from them).
 */
export function shownText(text: string, format?: InputFormat, lexiconDirs: string[] = []): ShownText {
  return shownFromView(articleOf(text, resolveFormat(text, format ?? 'text'), loadLexicon(lexiconDirs)).view);
}
