import type { AnalysisResult, Component, Enumeration } from '../types';
import { isErrorRecord, type Formatter, type OutputRecord } from './types';

/** Byte order mark: without it Excel reads UTF-8 CSV as the local code page and garbles Chinese. */
export const BOM = '\ufeff';

type Cell = string | number | null | undefined;

/**
 * One CSV field. Text that a spreadsheet would run as a formula (= + - @, or a leading tab/CR that some
 * spreadsheets skip before looking for one) gets a leading apostrophe (OWASP CSV injection advice); then RFC 4180
 * quoting for commas, quotes and line breaks.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: CRLF between records, a header row, BOM first. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return BOM + [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

const results = (records: OutputRecord[]) => records.filter((r): r is AnalysisResult => !isErrorRecord(r));
const doc = (r: AnalysisResult) => r.id ?? r.input.path;

/** One row per input, errors included so that a failed file is visible in the sheet. */
function documents(records: OutputRecord[]): string {
  const header = ['document', 'title', 'meeting', 'organization', 'date', 'date_text', 'officials', 'formulas', 'industries', 'keywords', 'encoding', 'chars', 'error_code', 'error_message'];
  const rows = records.map((r): Cell[] =>
    isErrorRecord(r)
      ? [r.id ?? r.input, '', '', '', '', '', '', '', '', '', '', '', r.error.code, r.error.message]
      : [
          doc(r),
          r.title?.text,
          r.meeting?.name,
          r.meeting?.organization,
          r.meeting?.date,
          r.meeting?.dateText,
          r.officials.map((o) => o.name).join('、'),
          r.frameworks.map((f) => f.formula).join('; '),
          r.industries.map((i) => i.name).join('、'),
          r.keywords.map((k) => k.word).join('、'),
          r.input.encoding,
          r.input.chars,
          '',
          '',
        ],
  );
  return toCsv(header, rows);
}

function officials(records: OutputRecord[]): string {
  const header = ['document', 'name', 'titles', 'roles', 'mentions', 'span_start', 'span_end'];
  return toCsv(
    header,
    results(records).flatMap((r) => r.officials.map((o) => [doc(r), o.name, o.titles.join('、'), o.roles.join('、'), o.spans.length, o.span[0], o.span[1]])),
  );
}

/** One row per item of a framework component or enumeration; one row with an empty item when it lists none. */
function items(records: OutputRecord[]): string {
  const header = ['document', 'kind', 'formula', 'count', 'label', 'item_no', 'item', 'span_start', 'span_end'];
  const rowsOf = (r: AnalysisResult, kind: string, formula: string, c: Component | Enumeration): Cell[][] =>
    c.items.length
      ? c.items.map((item, i) => [doc(r), kind, formula, c.count, c.label, i + 1, item.text, item.span[0], item.span[1]])
      : [[doc(r), kind, formula, c.count, c.label, '', '', c.span[0], c.span[1]]];
  return toCsv(
    header,
    results(records).flatMap((r) => [
      ...r.frameworks.flatMap((f) => f.components.flatMap((c) => rowsOf(r, 'component', f.formula, c))),
      ...r.enumerations.flatMap((e) => rowsOf(r, 'enumeration', '', e)),
    ]),
  );
}

function industries(records: OutputRecord[]): string {
  return toCsv(
    ['document', 'industry', 'span_start', 'span_end'],
    results(records).flatMap((r) => r.industries.map((i) => [doc(r), i.name, i.span[0], i.span[1]])),
  );
}

/** The four sheets written by `--format csv --output-dir <dir>`. */
export function csvFiles(records: OutputRecord[]): Record<string, string> {
  return {
    'documents.csv': documents(records),
    'officials.csv': officials(records),
    'items.csv': items(records),
    'industries.csv': industries(records),
  };
}

/** On stdout there is room for one table: the per-document one. */
export const csv: Formatter = Object.assign((records: OutputRecord[]) => documents(records), { files: csvFiles });
