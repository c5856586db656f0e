/** Scoring one analysis against one gold file: counts per field, and every miss and extra with its span. */
import type { AnalysisResult, Span } from '../types';
import type { Gold, GoldCounted } from './gold';
import { add, emptyCounts, looseMatch, matchSets, sameCountedLabel, type Counts } from './match';

/** The scored fields, in the order they are printed. */
export const FIELDS = ['officials', 'titles', 'roles', 'formulas', 'components', 'component items', 'enumerations', 'enumeration items', 'industries'] as const;
export type Field = (typeof FIELDS)[number];

/** Yes/no checks per article: meeting present or absent, its name, organisation and date, the headline. */
export const CHECKS = ['meeting', 'meeting name', 'meeting organization', 'meeting date', 'headline'] as const;
export type Check = (typeof CHECKS)[number];

/**
 * One disagreement. `missing`: in the gold, not found (span: where the gold text first occurs in the article, or
 * null); `extra`: found, not in the gold (span: the item's); `wrong`: a check that failed (span: what was found).
 */
export interface Miss {
  field: Field | Check;
  kind: 'missing' | 'extra' | 'wrong';
  /** The item (with its parent: `name/title`, `formula/label/item`), or `expected …, got …` for a check. */
  text: string;
  span: Span | null;
}

export interface DocumentScore {
  counts: Record<Field, Counts>;
  /** Per check: [right, asked]; asked is 0 when the gold does not ask (no meeting, no date, no headline). */
  checks: Record<Check, [number, number]>;
  misses: Miss[];
}

export const emptyFieldCounts = (): Record<Field, Counts> => Object.fromEntries(FIELDS.map((field) => [field, emptyCounts()])) as Record<Field, Counts>;

/** Headlines match when equal after removing spaces (a hard-wrapped headline is joined without them). */
export function sameHeadline(found: string, gold: string): boolean {
  const squeeze = (text: string) => text.replace(/[\s\u3000]+/g, '');
  return squeeze(found) === squeeze(gold);
}

type Counted = { count: number | string; label: string };
const sameComponent = (p: Counted, g: GoldCounted) => String(p.count) === String(g.count) && sameCountedLabel(p, g);
const NO_SPAN = null;

/**
 * Score one result against its gold. `text` is the decoded article the result's spans index: a missing item's
 * span is where its gold text first occurs there. Fields the gold leaves out are not scored.
 */
export function scoreDocument(result: AnalysisResult, gold: Gold, text: string): DocumentScore {
  const counts = emptyFieldCounts();
  const misses: Miss[] = [];
  const locate = (needle: string): Span | null => {
    const at = needle ? text.indexOf(needle) : -1;
    return at >= 0 ? [at, at + needle.length] : null;
  };
  /** Match one field's predicted items against the gold items; note every unmatched one. */
  const record = <P, G>(field: Field, predicted: P[], goldItems: G[], same: (p: P, g: G) => boolean, show: (x: P | G) => string, spanOf: (p: P) => Span | null, goldText: (g: G) => string) => {
    const matched = matchSets(predicted, goldItems, same);
    add(counts[field], matched);
    for (const p of predicted) if (!matched.pairs.some(([q]) => q === p)) misses.push({ field, kind: 'extra', text: show(p), span: spanOf(p) });
    for (const g of goldItems) if (!matched.pairs.some(([, h]) => h === g)) misses.push({ field, kind: 'missing', text: show(g), span: locate(goldText(g)) });
    return matched.pairs;
  };
  const itemSpan = (items: Array<{ text: string; span: Span }>) => (x: string) => items.find((i) => i.text === x)?.span ?? NO_SPAN;
  const same = (a: string, b: string) => a === b;

  if (gold.officials) {
    const officials = record('officials', result.officials, gold.officials, (p, g) => p.name === g.name, (x) => x.name, (p) => p.span, (g) => g.name);
    for (const [p, g] of officials) {
      record('titles', p.titles, g.titles, looseMatch, (x) => `${g.name}/${x}`, () => p.span, (x) => x);
      record('roles', p.roles, g.roles, same, (x) => `${g.name}/${x}`, () => p.span, () => g.name);
    }
  }
  if (gold.frameworks) {
    const formulas = record('formulas', result.frameworks, gold.frameworks, (p, g) => p.formula === g.formula, (x) => x.formula, (p) => p.span, (g) => g.formula);
    // Components match by count and label; their items are scored within matched components (like enumerations).
    for (const framework of gold.frameworks) {
      const pair = formulas.find(([, g]) => g === framework);
      const predicted = pair ? pair[0].components : [];
      const components = record('components', predicted, framework.components, sameComponent, (x) => `${framework.formula}/${x.label}`, (p) => p.span, (g) => g.label);
      for (const component of framework.components) {
        const match = components.find(([, g]) => g === component);
        const items = match ? match[0].items : [];
        record('component items', items.map((i) => i.text), component.items, looseMatch, (x) => `${framework.formula}/${component.label}/${x}`, itemSpan(items), (x) => x);
      }
      for (const component of predicted) {
        if (!components.some(([p]) => p === component)) record('component items', component.items.map((i) => i.text), [] as string[], looseMatch, (x) => `${framework.formula}/${component.label}/${x}`, itemSpan(component.items), (x) => x);
      }
    }
    for (const framework of result.frameworks) {
      if (formulas.some(([p]) => p === framework)) continue;
      record('components', framework.components, [] as GoldCounted[], sameComponent, (x) => `${framework.formula}/${x.label}`, (p) => p.span, (g) => g.label);
      const items = framework.components.flatMap((c) => c.items);
      record('component items', items.map((i) => i.text), [] as string[], looseMatch, (x) => `${framework.formula}/${x}`, itemSpan(items), (x) => x);
    }
  }
  if (gold.enumerations) {
    const enumerations = record('enumerations', result.enumerations, gold.enumerations, (p, g) => sameCountedLabel(p, g), (x) => x.label, (p) => p.span, (g) => g.label);
    for (const enumeration of gold.enumerations) {
      const pair = enumerations.find(([, g]) => g === enumeration);
      const items = pair ? pair[0].items : [];
      record('enumeration items', items.map((i) => i.text), enumeration.items, looseMatch, (x) => `${enumeration.label}/${x}`, itemSpan(items), (x) => x);
    }
    for (const enumeration of result.enumerations) {
      if (!enumerations.some(([p]) => p === enumeration)) record('enumeration items', enumeration.items.map((i) => i.text), [] as string[], looseMatch, (x) => `${enumeration.label}/${x}`, itemSpan(enumeration.items), (x) => x);
    }
  }
  if (gold.industries) {
    const spans = result.industries.map((i) => ({ text: i.name, span: i.span }));
    record('industries', result.industries.map((i) => i.name), gold.industries, looseMatch, (x) => x, itemSpan(spans), (x) => x);
  }

  const checks = Object.fromEntries(CHECKS.map((check) => [check, [0, 0]])) as Record<Check, [number, number]>;
  const check = (name: Check, right: boolean, expected: string | null, got: string | null, span: Span | null) => {
    checks[name][1]++;
    if (right) checks[name][0]++;
    else misses.push({ field: name, kind: 'wrong', text: `expected ${expected}, got ${got}`, span });
  };
  const meeting = result.meeting;
  if (gold.meeting !== undefined) {
    check('meeting', (gold.meeting === null) === (meeting === null), gold.meeting ? 'a meeting' : 'none', meeting ? meeting.name : 'none', meeting?.span ?? null);
    if (gold.meeting) {
      check('meeting name', !!meeting?.name && looseMatch(meeting.name, gold.meeting.name), gold.meeting.name, meeting?.name ?? 'null', meeting?.nameSpan ?? null);
      // A gold organisation of null (the text does not say who held it) is matched by null only.
      const org = meeting?.organization ?? null;
      const expected = gold.meeting.organization ?? null;
      check('meeting organization', expected === null ? org === null : org !== null && looseMatch(org, expected), expected, org ?? 'null', meeting?.organizationSpan ?? null);
      if (gold.meeting.date) check('meeting date', meeting?.date === gold.meeting.date, gold.meeting.date, meeting?.date ?? 'null', meeting?.dateSpan ?? null);
    }
  }
  if (gold.title !== undefined && gold.title !== null) {
    check('headline', !!result.title && sameHeadline(result.title.text, gold.title), gold.title, result.title?.text ?? 'null', result.title?.span ?? null);
  }
  return { counts, checks, misses };
}
