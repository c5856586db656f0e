/**
 * One descriptor per extracted result field: its section title, its table columns, how its items become rows, its
 * CSV sheet, and how its items are highlighted in the report. The terminal table, Markdown, CSV and the HTML report
 * all render from this list, so a new extractor needs one entry here, not a change in every renderer.
 */
import type { AnalysisResult, Span, TextItem } from '../types';

/** A cell: plain text, a number, or a list of items (joined with 、 in text output, one link each in the report). */
export type Cell = string | number | TextItem[] | null;

/** One row of a section. `key` is the id suffix of the row's highlight in the report (`official-0`). */
export interface Row {
  key: string;
  cells: Cell[];
  /** Per cell: the id suffix of the highlight that cell links to (a formula cell links to the formula). */
  cellKeys?: Array<string | undefined>;
  /** Per item of an item-list cell: id suffix of its highlight, by cell index. */
  itemKeys?: Record<number, string[]>;
  /** Warnings about this row's item (`warnings[].at` pointing at it): the row is marked with DOUBT_MARK. */
  doubts?: string[];
}

/** The mark of a row whose item has a warning, in every output that shows rows (table, Markdown, report). */
export const DOUBT_MARK = '⚠';

/** Messages of the warnings about the item at `pointer` (`/frameworks/0`), or undefined when there are none. */
export function doubtsAt(result: AnalysisResult, pointer: string): string[] | undefined {
  const messages = result.warnings.filter((w) => w.at === pointer).map((w) => w.message);
  return messages.length ? messages : undefined;
}

/** A highlight over the article text, in input offsets. `links` are id suffixes shown as related on hover/focus. */
export interface MarkSpec {
  key: string;
  kind: string;
  span: Span;
  label: string;
  /** Short inline label shown after the highlighted text (none for name-only mentions and items inside a list). */
  tag?: string;
  links?: string[];
}

/** A CSV sheet written by `--output-dir`; sections with the same file share it (same columns). */
export interface Sheet {
  file: string;
  columns: string[];
  rows(result: AnalysisResult): Array<Array<string | number | null | undefined>>;
}

export interface Descriptor {
  /** The AnalysisResult field the section renders. */
  field: keyof AnalysisResult;
  title: string;
  columns: string[];
  rows(result: AnalysisResult): Row[];
  /** Terminal table and report: the first cell is shown only when it differs from the row above. */
  group?: boolean;
  /** Terminal table: all items in one cell (industries, keywords …), instead of a row each. */
  compact?: boolean;
  /** Column of the per-document CSV sheet: its name and the joined value. */
  documentColumn?: { name: string; value(result: AnalysisResult): string };
  sheet?: Sheet;
  /** Highlight kinds this section draws, with their legend names (colours live in the report's CSS). */
  kinds?: Array<[kind: string, name: string]>;
  marks?(result: AnalysisResult): MarkSpec[];
}

/** Text of a cell for text outputs. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (Array.isArray(cell)) return cell.map((item) => item.text).join('、');
  return String(cell);
}

const joinItems = (items: TextItem[]) => items.map((item) => item.text).join('、');

export const DESCRIPTORS: Descriptor[] = [
  {
    field: 'officials',
    title: 'Officials',
    columns: ['Name', 'Titles', 'Roles'],
    rows: (r) => r.officials.map((o, i) => ({ key: `official-${i}`, cells: [o.name, o.titles.join('、'), o.roles.join('、')], doubts: doubtsAt(r, `/officials/${i}`) })),
    documentColumn: { name: 'officials', value: (r) => r.officials.map((o) => o.name).join('、') },
    sheet: {
      file: 'officials.csv',
      columns: ['name', 'titles', 'roles', 'mentions', 'span_start', 'span_end'],
      rows: (r) => r.officials.map((o) => [o.name, o.titles.join('、'), o.roles.join('、'), o.spans.length, o.span[0], o.span[1]]),
    },
    kinds: [
      ['official', 'official'],
      ['mention', 'official (name only)'],
    ],
    marks: (r) =>
      r.officials.flatMap((o, i) => [
        {
          key: `official-${i}`,
          kind: 'official',
          tag: 'official',
          span: o.span,
          label: `Official: ${o.name} — ${o.titles.join('、') || 'no title'}${o.roles.length ? ` (${o.roles.join('、')})` : ''}`,
          links: [`row-official-${i}`],
        },
        // Later mentions by name alone; the one inside the first mention is already covered.
        ...o.spans.flatMap((s, j) =>
          s[0] >= o.span[0] && s[1] <= o.span[1] ? [] : [{ key: `mention-${i}-${j}`, kind: 'mention', tag: 'official', span: s, label: `Official mentioned: ${o.name}`, links: [`official-${i}`] }],
        ),
      ]),
  },
  {
    field: 'frameworks',
    title: 'Frameworks',
    columns: ['Formula', 'Component', 'Items'],
    group: true,
    rows: (r) =>
      r.frameworks.flatMap((f, i): Row[] =>
        f.components.length
          ? f.components.map((c, j) => ({
              key: `component-${i}-${j}`,
              cells: [f.formula, `${c.count} · ${c.label}`, c.items],
              cellKeys: [j === 0 ? `formula-${i}` : undefined],
              itemKeys: { 2: c.items.map((_, k) => `citem-${i}-${j}-${k}`) },
              doubts: j === 0 ? doubtsAt(r, `/frameworks/${i}`) : undefined,
            }))
          : [{ key: `formula-${i}`, cells: [f.formula, '', ''], doubts: doubtsAt(r, `/frameworks/${i}`) }],
      ),
    documentColumn: { name: 'formulas', value: (r) => r.frameworks.map((f) => f.formula).join('; ') },
    sheet: {
      file: 'items.csv',
      columns: ['kind', 'formula', 'count', 'label', 'item_no', 'item', 'span_start', 'span_end'],
      rows: (r) =>
        r.frameworks.flatMap((f) =>
          f.components.flatMap((c) =>
            c.items.length ? c.items.map((item, k) => ['component', f.formula, c.count, c.label, k + 1, item.text, item.span[0], item.span[1]]) : [['component', f.formula, c.count, c.label, '', '', c.span[0], c.span[1]]],
          ),
        ),
    },
    kinds: [
      ['formula', 'formula'],
      ['component', 'formula component'],
      ['item', 'item'],
    ],
    marks: (r) =>
      r.frameworks.flatMap((f, i) => [
        {
          key: `formula-${i}`,
          kind: 'formula',
          tag: 'formula',
          span: f.span,
          label: `Formula ${f.formula} (${f.components.length} component(s))`,
          links: f.components.map((_, j) => `component-${i}-${j}`),
        },
        ...f.components.flatMap((c, j) => [
          {
            key: `component-${i}-${j}`,
            kind: 'component',
            tag: 'component',
            span: c.span,
            label: `Component ${j + 1} of ${f.formula}: ${c.label}${c.items.length ? ` — ${joinItems(c.items)}` : ''}`,
            links: c.items.map((_, k) => `citem-${i}-${j}-${k}`),
          },
          ...c.items.map((item, k) => ({
            key: `citem-${i}-${j}-${k}`,
            kind: 'item',
            span: item.span,
            label: `Item ${k + 1} of ${c.label} (formula ${f.formula}): ${item.text}`,
            links: [`component-${i}-${j}`],
          })),
        ]),
      ]),
  },
  {
    field: 'enumerations',
    title: 'Enumerations',
    columns: ['Count', 'Label', 'Items'],
    rows: (r) =>
      r.enumerations.map((e, i) => ({ key: `enum-${i}`, cells: [e.count, e.label, e.items], itemKeys: { 2: e.items.map((_, k) => `eitem-${i}-${k}`) }, doubts: doubtsAt(r, `/enumerations/${i}`) })),
    sheet: {
      file: 'items.csv',
      columns: ['kind', 'formula', 'count', 'label', 'item_no', 'item', 'span_start', 'span_end'],
      rows: (r) =>
        r.enumerations.flatMap((e) =>
          e.items.length ? e.items.map((item, k) => ['enumeration', '', e.count, e.label, k + 1, item.text, item.span[0], item.span[1]]) : [['enumeration', '', e.count, e.label, '', '', e.span[0], e.span[1]]],
        ),
    },
    kinds: [['enumeration', 'enumeration']],
    marks: (r) =>
      r.enumerations.flatMap((e, i) => [
        {
          key: `enum-${i}`,
          kind: 'enumeration',
          tag: 'enumeration',
          span: e.span,
          label: `Enumeration (${e.count}): ${e.label}${e.items.length ? ` — ${joinItems(e.items)}` : ''}`,
          links: e.items.map((_, k) => `eitem-${i}-${k}`),
        },
        ...e.items.map((item, k) => ({ key: `eitem-${i}-${k}`, kind: 'item', span: item.span, label: `Item ${k + 1} of ${e.label}: ${item.text}`, links: [`enum-${i}`] })),
      ]),
  },
  {
    field: 'industries',
    title: 'Industries',
    columns: ['Industry'],
    compact: true,
    rows: (r) => r.industries.map((ind, i) => ({ key: `industry-${i}`, cells: [ind.name] })),
    documentColumn: { name: 'industries', value: (r) => r.industries.map((i) => i.name).join('、') },
    sheet: { file: 'industries.csv', columns: ['industry', 'span_start', 'span_end'], rows: (r) => r.industries.map((i) => [i.name, i.span[0], i.span[1]]) },
    kinds: [['industry', 'industry']],
    marks: (r) => r.industries.map((ind, i) => ({ key: `industry-${i}`, kind: 'industry', tag: 'industry', span: ind.span, label: `Industry: ${ind.name}` })),
  },
  {
    field: 'slogans',
    title: 'Slogans',
    columns: ['Slogan', 'Parts'],
    compact: true,
    rows: (r) => r.slogans.map((s, i) => ({ key: `slogan-${i}`, cells: [s.text, s.parts] })),
    kinds: [['slogan', 'slogan']],
    marks: (r) => r.slogans.map((s, i) => ({ key: `slogan-${i}`, kind: 'slogan', tag: 'slogan', span: s.span, label: `Slogan: ${s.text}${s.parts.length ? ` (${joinItems(s.parts)})` : ''}` })),
  },
  {
    field: 'quantities',
    title: 'Quantities',
    columns: ['Expression', 'Value', 'Unit', 'Noun'],
    compact: true,
    rows: (r) => r.quantities.map((q, i) => ({ key: `quantity-${i}`, cells: [q.text, q.value, q.unit, q.noun] })),
    kinds: [['quantity', 'quantity']],
    marks: (r) => r.quantities.map((q, i) => ({ key: `quantity-${i}`, kind: 'quantity', tag: 'quantity', span: q.span, label: `Quantity: ${q.value} ${q.unit}${q.noun ? ` of ${q.noun}` : ''}` })),
  },
  {
    field: 'directives',
    title: 'Directives',
    columns: ['Speaker', 'Verb', 'Statement'],
    rows: (r) => r.directives.map((d, i) => ({ key: `directive-${i}`, cells: [d.speaker, d.verb, d.text] })),
  },
  {
    field: 'keywords',
    title: 'Keywords',
    columns: ['Keyword', 'Weight'],
    compact: true,
    rows: (r) => r.keywords.map((k, i) => ({ key: `keyword-${i}`, cells: [k.word, Math.round(k.weight * 1000) / 1000] })),
    documentColumn: { name: 'keywords', value: (r) => r.keywords.map((k) => k.word).join('、') },
  },
  {
    field: 'people',
    title: 'People',
    columns: ['Name', 'Credited as'],
    compact: true,
    rows: (r) => r.people.map((p, i) => ({ key: `person-${i}`, cells: [p.name, p.role] })),
  },
];

/** The compact form of a section for the terminal: its first column of every row, in one cell. */
export function compactCell(descriptor: Descriptor, result: AnalysisResult): string {
  const rows = descriptor.rows(result);
  if (descriptor.field === 'people') return rows.map((row) => `${cellText(row.cells[0])} (${cellText(row.cells[1])})`).join('、');
  // 、 as in the article itself: two spaces read as one gap in a wrapped cell and cannot be told from a space in an item.
  return rows.map((row) => cellText(row.cells[0])).join('、');
}

/** The highlight kinds of the report, in legend order, plus the meeting fields and removed boilerplate. */
export const MARK_KINDS: Array<[kind: string, name: string]> = [
  ['meeting', 'meeting'],
  ...DESCRIPTORS.flatMap((d) => d.kinds ?? []),
  ['removed', 'removed boilerplate'],
];

/** The meeting fields as highlights. */
export function meetingMarks(result: AnalysisResult): MarkSpec[] {
  const m = result.meeting;
  if (!m) return [];
  const out: MarkSpec[] = [];
  if (m.nameSpan) out.push({ key: 'meeting-name', kind: 'meeting', tag: 'meeting', span: m.nameSpan, label: `Meeting name: ${m.name}` });
  if (m.organizationSpan) out.push({ key: 'meeting-org', kind: 'meeting', tag: 'body', span: m.organizationSpan, label: `Convening body: ${m.organization}` });
  if (m.dateSpan) out.push({ key: 'meeting-date', kind: 'meeting', tag: 'date', span: m.dateSpan, label: `Meeting date: ${m.date ?? MISSING} (${m.dateText})` });
  return out;
}

/** Every output writes a missing value the same way. */
export const MISSING = '—';
