import type { AnalysisResult, Component, Enumeration, Framework, Official, OpenCount } from '../types';
import { COUNT_CHARS } from '../util/numbers';

/** The numeral opening a label. */
const LEADING_NUMERAL = new RegExp(String.raw`^[0-9零〇${COUNT_CHARS}百]+`);

/** Strings only in the old result (`removed`) and only in the new one (`added`), each in its own order. */
export interface ListDiff {
  added: string[];
  removed: string[];
}

export interface CountedSummary {
  count: number | OpenCount;
  label: string;
  items: string[];
}

/** A component or enumeration present in both, with what changed (`count`/`label` only when they differ). */
export interface CountedChange {
  old: { count: number | OpenCount; label: string };
  new: { count: number | OpenCount; label: string };
  items: ListDiff;
}

export interface FrameworkChange {
  old: string;
  new: string;
  components: { added: CountedSummary[]; removed: CountedSummary[]; changed: CountedChange[] };
}

export interface OfficialSummary {
  name: string;
  titles: string[];
}

export interface OfficialChange {
  name: string;
  oldTitles: string[];
  newTitles: string[];
  titles: ListDiff;
}

export interface FieldChange {
  field: 'name' | 'organization' | 'date';
  old: string | null;
  new: string | null;
}

export interface ResultDiff {
  old: { path: string; title: string | null; date: string | null };
  new: { path: string; title: string | null; date: string | null };
  meeting: FieldChange[];
  frameworks: { added: CountedFormula[]; removed: CountedFormula[]; changed: FrameworkChange[] };
  enumerations: { added: CountedSummary[]; removed: CountedSummary[]; changed: CountedChange[] };
  industries: ListDiff;
  officials: { added: OfficialSummary[]; removed: OfficialSummary[]; changed: OfficialChange[] };
  slogans: ListDiff;
}

export interface CountedFormula {
  formula: string;
  components: CountedSummary[];
}

const unique = (values: string[]) => [...new Set(values)];

export function listDiff(oldValues: string[], newValues: string[]): ListDiff {
  const before = new Set(oldValues);
  const after = new Set(newValues);
  return { added: unique(newValues.filter((v) => !before.has(v))), removed: unique(oldValues.filter((v) => !after.has(v))) };
}

const isEmpty = (d: ListDiff) => !d.added.length && !d.removed.length;

/**
 * What a counted phrase is about, without its number, measure word and quotes: 三大重点任务 and 四大重点任务 are the
 * same component with a new count.
 */
export function labelKey(label: string): string {
  return label
    .replace(/[“”"‘’'「」『』]/g, '')
    .replace(LEADING_NUMERAL, '')
    .replace(/^[大项个条类种件点方面次批]/, '');
}

const summary = (c: Component | Enumeration): CountedSummary => ({ count: c.count, label: c.label, items: c.items.map((i) => i.text) });

/**
 * Pair up counted phrases: the same label first, then the same label without its number; the rest are added/removed.
 */
function diffCounted(oldList: Array<Component | Enumeration>, newList: Array<Component | Enumeration>) {
  const pairs: Array<[Component | Enumeration, Component | Enumeration]> = [];
  const leftOld = [...oldList];
  const leftNew = [...newList];
  for (const key of [(c: Component | Enumeration) => c.label, (c: Component | Enumeration) => labelKey(c.label)]) {
    for (const o of [...leftOld]) {
      const index = leftNew.findIndex((n) => key(n) === key(o));
      if (index < 0) continue;
      pairs.push([o, leftNew[index]]);
      leftNew.splice(index, 1);
      leftOld.splice(leftOld.indexOf(o), 1);
    }
  }
  const changed: CountedChange[] = [];
  for (const [o, n] of pairs) {
    const items = listDiff(
      o.items.map((i) => i.text),
      n.items.map((i) => i.text),
    );
    if (o.count !== n.count || o.label !== n.label || !isEmpty(items)) changed.push({ old: { count: o.count, label: o.label }, new: { count: n.count, label: n.label }, items });
  }
  return { added: leftNew.map(summary), removed: leftOld.map(summary), changed };
}

function componentKeys(f: Framework): Set<string> {
  return new Set(f.components.map((c) => labelKey(c.label)));
}

/** Pair frameworks: the same formula first, then by shared components, then one left on each side. */
function diffFrameworks(oldList: Framework[], newList: Framework[]): ResultDiff['frameworks'] {
  const leftOld = [...oldList];
  const leftNew = [...newList];
  const pairs: Array<[Framework, Framework]> = [];
  const take = (o: Framework, n: Framework) => {
    pairs.push([o, n]);
    leftOld.splice(leftOld.indexOf(o), 1);
    leftNew.splice(leftNew.indexOf(n), 1);
  };
  for (const o of [...leftOld]) {
    const n = leftNew.find((candidate) => candidate.formula === o.formula);
    if (n) take(o, n);
  }
  for (const o of [...leftOld]) {
    const keys = componentKeys(o);
    const n = leftNew.find((candidate) => [...componentKeys(candidate)].some((k) => keys.has(k)));
    if (n) take(o, n);
  }
  // A document usually has one development formula: one on each side is the same formula restated.
  if (leftOld.length === 1 && leftNew.length === 1) take(leftOld[0], leftNew[0]);

  const changed: FrameworkChange[] = [];
  for (const [o, n] of pairs) {
    const components = diffCounted(o.components, n.components);
    if (o.formula !== n.formula || components.added.length || components.removed.length || components.changed.length) changed.push({ old: o.formula, new: n.formula, components });
  }
  const counted = (f: Framework): CountedFormula => ({ formula: f.formula, components: f.components.map(summary) });
  return { added: leftNew.map(counted), removed: leftOld.map(counted), changed };
}

function diffOfficials(oldList: Official[], newList: Official[]): ResultDiff['officials'] {
  const byName = new Map(newList.map((o) => [o.name, o]));
  const oldNames = new Set(oldList.map((o) => o.name));
  const changed: OfficialChange[] = [];
  for (const o of oldList) {
    const n = byName.get(o.name);
    if (!n) continue;
    const titles = listDiff(o.titles, n.titles);
    if (!isEmpty(titles)) changed.push({ name: o.name, oldTitles: o.titles, newTitles: n.titles, titles });
  }
  const brief = (o: Official): OfficialSummary => ({ name: o.name, titles: o.titles });
  return {
    added: newList.filter((o) => !oldNames.has(o.name)).map(brief),
    removed: oldList.filter((o) => !byName.has(o.name)).map(brief),
    changed,
  };
}

/** Compare two analyses of related articles (e.g. the same zone's meeting in two years). Pure. */
export function diffResults(oldResult: AnalysisResult, newResult: AnalysisResult): ResultDiff {
  const side = (r: AnalysisResult) => ({ path: r.input.path, title: r.title?.text ?? null, date: r.meeting?.date ?? null });
  const meeting: FieldChange[] = [];
  const fields: Array<[FieldChange['field'], (r: AnalysisResult) => string | null]> = [
    ['name', (r) => r.meeting?.name ?? null],
    ['organization', (r) => r.meeting?.organization ?? null],
    ['date', (r) => r.meeting?.date ?? null],
  ];
  for (const [field, get] of fields) if (get(oldResult) !== get(newResult)) meeting.push({ field, old: get(oldResult), new: get(newResult) });
  return {
    old: side(oldResult),
    new: side(newResult),
    meeting,
    frameworks: diffFrameworks(oldResult.frameworks, newResult.frameworks),
    enumerations: diffCounted(oldResult.enumerations, newResult.enumerations),
    industries: listDiff(
      oldResult.industries.map((i) => i.name),
      newResult.industries.map((i) => i.name),
    ),
    officials: diffOfficials(oldResult.officials, newResult.officials),
    slogans: listDiff(
      oldResult.slogans.map((s) => s.text),
      newResult.slogans.map((s) => s.text),
    ),
  };
}

/** True when the two results differ in nothing the diff compares. */
export function isUnchanged(d: ResultDiff): boolean {
  return (
    !d.meeting.length &&
    !d.frameworks.added.length &&
    !d.frameworks.removed.length &&
    !d.frameworks.changed.length &&
    !d.enumerations.added.length &&
    !d.enumerations.removed.length &&
    !d.enumerations.changed.length &&
    isEmpty(d.industries) &&
    !d.officials.added.length &&
    !d.officials.removed.length &&
    !d.officials.changed.length &&
    isEmpty(d.slogans)
  );
}
