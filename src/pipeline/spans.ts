/**
 * The pipeline's one place for spans: extractors return items in working offsets; here every span is checked
 * (inside the working text, start ≤ end, and the text it covers shows the item) and, once all extractors have
 * run, mapped to `[start, end)` UTF-16 offsets of the decoded input.
 */
import type { Span, Warning } from '../types';
import { foldWidth } from './fold';
import { toSourceSpan, type TextView } from './text-view';

/** Thrown in strict mode when an extractor returns a span that does not hold its item. */
export class SpanError extends Error {
  constructor(
    readonly extractor: string,
    readonly path: string,
    reason: string,
  ) {
    super(`extractor ${extractor}: ${path}: ${reason}`);
    this.name = 'SpanError';
  }
}

type Json = Record<string, unknown>;

const isSpan = (value: unknown): value is Span =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number';

const isSpanKey = (key: string) => key === 'span' || key.endsWith('Span');
/** Lists of spans: every mention (`spans`) and what an item was found from (`evidence`, with --explain). */
const isSpanListKey = (key: string) => key === 'spans' || key === 'evidence';
/** The fields an item has besides its explanation (`rule`, `evidence`), which never decide how it is checked. */
const ownKeys = (object: Json) => Object.keys(object).filter((key) => key !== 'rule' && key !== 'evidence').length;

/** The field whose value a span is evidence of: `span` → text/name/label/formula; `xSpan` → x or xText. */
function evidenceOf(object: Json, key: string): string | null {
  const candidates = key === 'span' ? ['text', 'name', 'label', 'formula'] : [`${key.slice(0, -4)}Text`, key.slice(0, -4)];
  for (const field of candidates) {
    // A field with a span of its own (Meeting.name has nameSpan) is checked there, not against `span`.
    if (typeof object[field] === 'string' && !(key === 'span' && `${field}Span` in object)) return object[field] as string;
  }
  return null;
}

// Whitespace, quotes, brackets and format characters do not count when comparing an item with its evidence.
const IGNORED = /[\s\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff"'“”‘’「」『』《》〈〉()（）【】\[\]·•・]/g;
const comparable = (value: string) => foldWidth(value).replace(IGNORED, '');
// Open counts are folded to upper case (1+10+n is reported as 1+10+N).
const formulaDigits = (value: string) => value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
const EDGE_SPACE = /[\s\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/;

export interface SpanCheckOptions {
  /** Throw a SpanError instead of dropping the item with a warning. */
  strict: boolean;
}

/** What one `checkSpans` call walks with: the view, its length, and where failures go. */
interface Walk {
  view: TextView;
  limit: number;
  fail: (path: string, reason: string) => void;
}

/**
 * Check the spans of one extractor's output in place (working offsets). A top-level or nested array element
 * whose span is out of range or does not show its item is removed and reported as a `span-check` warning (or
 * thrown, when strict). A TextItem span with whitespace at an edge that its text lacks is trimmed to the text;
 * a TextItem without text gets the text its span covers.
 */
export function checkSpans(extractor: string, produced: Json, view: TextView, options: SpanCheckOptions): Warning[] {
  const warnings: Warning[] = [];
  const fail = (path: string, reason: string) => {
    if (options.strict) throw new SpanError(extractor, path, reason);
    warnings.push({ code: 'span-check', message: `extractor ${extractor}: ${path}: ${reason}; item dropped` });
  };
  const walk: Walk = { view, limit: view.text.length, fail };
  for (const [field, value] of Object.entries(produced)) {
    if (field === 'warnings' || value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      produced[field] = keepValid(walk, value, field);
    } else {
      const reason = visit(walk, value as Json, field);
      if (reason) {
        fail(field, reason);
        produced[field] = null;
      }
    }
  }
  return warnings;
}

/** The elements of an array whose spans hold; each dropped one is reported through `walk.fail`. */
function keepValid(walk: Walk, list: unknown[], path: string): unknown[] {
  const kept: unknown[] = [];
  for (let index = 0; index < list.length; index++) {
    const element = list[index];
    const reason = element !== null && typeof element === 'object' ? visit(walk, element as Json, `${path}[${index}]`) : null;
    if (reason) walk.fail(`${path}[${index}]`, reason);
    else kept.push(element);
  }
  return kept;
}

/**
 * Returns a reason when the object (or a span inside it that is not in a droppable array) is wrong. A module-level
 * function, not a closure made per call: V8 keeps the optimised code of a short-lived closure only weakly, so a
 * closure rebuilt for every document is compiled again after every full garbage collection.
 */
function visit(walk: Walk, object: Json, path: string): string | null {
  const { view, limit } = walk;
  for (const [key, value] of Object.entries(object)) {
    if (isSpanKey(key) && isSpan(value)) {
      const [start, end] = value;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= limit)) {
        return `${key} [${start}, ${end}] is outside the text (length ${limit})`;
      }
      if (key === 'span' && typeof object.text === 'string' && ownKeys(object) === 2) trimEdges(object, view);
      if (key === 'span' && object.text === undefined && ownKeys(object) === 1) object.text = view.raw.slice(start, end);
      const evidence = evidenceOf(object, key);
      if (evidence !== null && !shows(view, object[key] as Span, evidence, key === 'span' && typeof object.formula === 'string')) {
        return `${key} [${start}, ${end}] covers ${JSON.stringify(view.raw.slice(start, Math.min(end, start + 40)))}, not ${JSON.stringify(evidence)}`;
      }
    } else if (isSpanListKey(key) && Array.isArray(value)) {
      for (const span of value) {
        if (!isSpan(span) || span[0] < 0 || span[0] > span[1] || span[1] > limit) return `${key} has ${JSON.stringify(span)} outside the text`;
      }
    } else if (Array.isArray(value)) {
      const kept = keepValid(walk, value, `${path}.${key}`);
      if (kept.length !== value.length) object[key] = kept;
    } else if (value !== null && typeof value === 'object') {
      const reason = visit(walk, value as Json, `${path}.${key}`);
      if (reason) return reason;
    }
  }
  return null;
}

function shows(view: TextView, [start, end]: Span, value: string, formula: boolean): boolean {
  const needle = formula ? formulaDigits(foldWidth(value)) : comparable(value);
  if (needle === '') return true;
  for (const haystack of [view.raw.slice(start, end), view.text.slice(start, end)]) {
    if ((formula ? formulaDigits(foldWidth(haystack)) : comparable(haystack)).includes(needle)) return true;
  }
  return false;
}

/** Shrink a TextItem's span past edge whitespace or format characters that its text does not start or end with. */
function trimEdges(item: Json, view: TextView): void {
  const text = item.text as string;
  const span = item.span as Span;
  let [start, end] = span;
  while (start < end && EDGE_SPACE.test(view.raw[start]) && !text.startsWith(view.raw[start])) start++;
  while (end > start && EDGE_SPACE.test(view.raw[end - 1]) && !text.endsWith(view.raw[end - 1])) end--;
  item.span = [start, end];
}

/**
 * Map every span of the extracted fields from working offsets to the decoded input, in place: fields named
 * `span`, `…Span` and `spans`. Throws an Error if a mapped span leaves the input (a bug in the view, never in
 * input data).
 */
export function mapSpans(value: unknown, view: TextView): void {
  if (Array.isArray(value)) {
    for (const element of value) if (element !== null && typeof element === 'object') mapSpans(element, view);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as Json;
  for (const [key, field] of Object.entries(object)) {
    if (isSpanKey(key) && isSpan(field)) object[key] = mapOne(field, view);
    else if (isSpanListKey(key) && Array.isArray(field)) object[key] = field.map((span) => (isSpan(span) ? mapOne(span, view) : span));
    else if (field !== null && typeof field === 'object') mapSpans(field, view);
  }
}

function mapOne([start, end]: Span, view: TextView): Span {
  const mapped = toSourceSpan(view, start, end);
  if (mapped[0] < 0 || mapped[0] > mapped[1] || mapped[1] > view.source.length) {
    throw new Error(`span [${start}, ${end}] maps outside the input: [${mapped[0]}, ${mapped[1]}]`);
  }
  return mapped;
}

/**
 * The pipeline's one place for explanations, after mapping. Without `explain`, every `rule` and `evidence` an
 * extractor set is removed (the output stays as it always was). With it, an item without a rule of its own takes
 * its parent's (the members of an enumeration were found the way the enumeration was), and an item without
 * evidence gets its own span.
 */
export function settleExplanations(value: unknown, explain: boolean, parentRule?: string): void {
  settle(value, explain, parentRule);
}

/**
 * `settleExplanations` for one value; returns what its holder keeps in its place. Without `explain`, an item
 * that has a `rule` or `evidence` is replaced by a copy without them: `delete` of a property that is not the last
 * one added turns an object into a slow dictionary-mode object, and every later reader (formatters, the caller's
 * code) would then run on those.
 */
function settle(value: unknown, explain: boolean, parentRule: string | undefined): unknown {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const element: unknown = value[index];
      const settled = settle(element, explain, parentRule);
      if (settled !== element) value[index] = settled;
    }
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  let object = value as Json;
  if (!explain) {
    if ('rule' in object || 'evidence' in object) object = withoutExplanation(object);
  } else if (typeof object.rule === 'string' || parentRule !== undefined) {
    if (typeof object.rule !== 'string') object.rule = parentRule;
    if (!Array.isArray(object.evidence) && isSpan(object.span)) object.evidence = [[...object.span]];
  }
  const rule = typeof object.rule === 'string' ? object.rule : parentRule;
  for (const key of Object.keys(object)) {
    const field = object[key];
    if (key !== 'evidence' && !isSpanListKey(key) && !isSpanKey(key) && field !== null && typeof field === 'object') {
      const settled = settle(field, explain, rule);
      if (settled !== field) object[key] = settled;
    }
  }
  return object;
}

/** A copy of the item without `rule` and `evidence`, its other fields in the same order. */
function withoutExplanation(object: Json): Json {
  const copy: Json = {};
  for (const key of Object.keys(object)) if (key !== 'rule' && key !== 'evidence') copy[key] = object[key];
  return copy;
}
