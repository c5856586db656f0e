import { stringify } from 'csv-stringify/sync';
import type { AnalysisResult } from '../types';
import { DESCRIPTORS } from './descriptors';
import { isErrorRecord, type Formatter, type OutputRecord } from './types';

/** Byte order mark: without it Excel reads UTF-8 CSV as the local code page and garbles Chinese. */
export const BOM = '\ufeff';

type Cell = string | number | null | undefined;

/** Text a spreadsheet would run as a formula (= + - @, or a leading tab/CR that some spreadsheets skip first). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A string cell neutralised against CSV injection: a leading apostrophe (OWASP's advice). */
const neutral = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** One CSV field: formula text neutralised, then RFC 4180 quoting for commas, quotes and line breaks. */
export function csvCell(value: Cell): string {
  return toCsv([], [[value]]).slice(BOM.length, -2);
}

/**
 * RFC 4180 through csv-stringify: CRLF between records, a header row, BOM first. Only strings are neutralised: a
 * negative number is a number, not a formula.
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  const records = header.length ? [header, ...rows] : rows;
  return (
    BOM +
    stringify(records, {
      record_delimiter: '\r\n',
      // A lone \n or \r inside a cell must be quoted too (csv-stringify quotes only the record delimiter by default).
      quoted_match: /[\r\n]/,
      cast: { string: (text) => neutral(text), number: (value) => String(value) },
    })
  );
}

const results = (records: OutputRecord[]) => records.filter((r): r is AnalysisResult => !isErrorRecord(r));
const doc = (r: AnalysisResult) => r.id ?? r.input.path;

/** Sections with a column in the per-document sheet, in section order. */
const DOCUMENT_COLUMNS = DESCRIPTORS.flatMap((d) => (d.documentColumn ? [d.documentColumn] : []));

/** One row per input, errors included so that a failed file is visible in the sheet. */
function documents(records: OutputRecord[]): string {
  const header = ['document', 'title', 'meeting', 'organization', 'date', 'date_text', ...DOCUMENT_COLUMNS.map((c) => c.name), 'encoding', 'chars', 'error_code', 'error_message'];
  const rows = records.map((r): Cell[] =>
    isErrorRecord(r)
      ? [r.id ?? r.input, ...header.slice(1, -2).map(() => ''), r.error.code, r.error.message]
      : [doc(r), r.title?.text, r.meeting?.name, r.meeting?.organization, r.meeting?.date, r.meeting?.dateText, ...DOCUMENT_COLUMNS.map((c) => c.value(r)), r.input.encoding, r.input.chars, '', ''],
  );
  return toCsv(header, rows);
}

/**
 * The sheets written by `--format csv --output-dir <dir>`: documents.csv, then one per sheet the sections declare
 * (officials, items, industries), each row led by its document.
 */
export function csvFiles(records: OutputRecord[]): Record<string, string> {
  const sheets = new Map<string, { columns: string[]; rows: Cell[][] }>();
  for (const d of DESCRIPTORS) if (d.sheet && !sheets.has(d.sheet.file)) sheets.set(d.sheet.file, { columns: ['document', ...d.sheet.columns], rows: [] });
  for (const r of results(records)) {
    for (const d of DESCRIPTORS) if (d.sheet) sheets.get(d.sheet.file)!.rows.push(...d.sheet.rows(r).map((row) => [doc(r), ...row]));
  }
  return { 'documents.csv': documents(records), ...Object.fromEntries([...sheets].map(([file, sheet]) => [file, toCsv(sheet.columns, sheet.rows)])) };
}

/** On stdout there is room for one table: the per-document one. */
export const csv: Formatter = Object.assign((records: OutputRecord[]) => documents(records), { files: csvFiles });
