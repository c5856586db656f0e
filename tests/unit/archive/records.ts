/** Invented analysis records for archive tests (no analysis run): just the fields the archive reads. */
import type { AnalysisResult } from '../../../src/types';

export interface Invented {
  path: string;
  date?: string | null;
  published?: string | null;
  org?: string | null;
  meeting?: string | null;
  title?: string;
  officials?: Array<[name: string, titles: string[], roles?: string[]]>;
  frameworks?: Array<[formula: string, components: Array<[count: number, label: string, items: string[]]>]>;
  industries?: string[];
}

export function record(spec: Invented): AnalysisResult {
  const span = (i: number): [number, number] => [i, i + 2];
  return {
    schemaVersion: '1.1',
    input: { path: spec.path, encoding: 'utf-8', chars: 500 },
    title: spec.title ? { text: spec.title, span: [0, spec.title.length] } : null,
    published: spec.published ? { date: spec.published, text: spec.published, source: 'publication-line', span: [40, 50] } : null,
    meeting:
      spec.meeting || spec.org || spec.date
        ? { name: spec.meeting ?? '工作会议', nameSpan: span(60), organization: spec.org ?? null, organizationSpan: spec.org ? span(62) : null, aliases: [], date: spec.date ?? null, dateText: null, dateSpan: null, yearSource: null, span: [60, 80] }
        : null,
    officials: (spec.officials ?? []).map(([name, titles, roles], i) => ({ name, titles, roles: roles ?? ['出席'], span: span(100 + 10 * i), spans: [span(100 + 10 * i)] })),
    people: [],
    frameworks: (spec.frameworks ?? []).map(([formula, components], i) => ({
      formula,
      span: span(200 + 40 * i),
      components: components.map(([count, label, items], j) => ({ count, label, span: span(205 + 40 * i + 5 * j), items: items.map((text, k) => ({ text, span: span(300 + k * 3) })) })),
    })),
    enumerations: [],
    industries: (spec.industries ?? []).map((name, i) => ({ name, span: span(400 + 5 * i) })),
    slogans: [],
    quantities: [],
    directives: [],
    keywords: [],
    removed: [],
    warnings: [],
  };
}

export const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';
