/** Output of `meeting-analyze eval`: a plain-text table, JSON, or CSV. */
import { toCsv } from '../formatters/csv';
import type { EvalReport } from './run';

export interface EvalFormatOptions {
  /** Table: every miss and extra per article before the figures; CSV: one row per miss and extra instead of the figures. */
  details?: boolean;
  /** Table: F1 per field and source folder after the figures. */
  bySource?: boolean;
}

const pct = (value: number) => value.toFixed(3);
const spanText = (span: [number, number] | null) => (span ? ` [${span[0]}, ${span[1]}]` : '');
const checkLine = (report: EvalReport, name: string) => report.checks.find((c) => c.check === name)!;

/** The table `npm run eval` has always printed: fields, then meeting, date and headline checks. */
export function formatEvalTable(report: EvalReport, options: EvalFormatOptions = {}): string {
  const lines: string[] = [];
  if (options.details) {
    for (const doc of report.documents) {
      if (doc.misses.length) lines.push('', doc.file, ...doc.misses.map((m) => `  ${m.field} ${m.kind}: ${m.text}${spanText(m.span)}`));
    }
  }
  lines.push('', `meeting-analyze eval on ${report.files} gold files (${report.gold})`, '');
  lines.push('field               precision  recall   F1      tp   fp   fn');
  for (const row of report.fields) {
    lines.push(`${row.field.padEnd(20)}${pct(row.precision).padStart(9)}${pct(row.recall).padStart(8)}${pct(row.f1).padStart(8)}${String(row.tp).padStart(6)}${String(row.fp).padStart(5)}${String(row.fn).padStart(5)}`);
  }
  lines.push(`mean F1 over scored fields: ${pct(report.meanF1)}`);
  const meeting = checkLine(report, 'meeting');
  const name = checkLine(report, 'meeting name');
  const org = checkLine(report, 'meeting organization');
  const date = checkLine(report, 'meeting date');
  const headline = checkLine(report, 'headline');
  lines.push(`meeting present/absent right: ${meeting.right}/${meeting.total}`);
  lines.push(`meeting name right: ${name.right}/${name.total}, organization right: ${org.right}/${org.total}`);
  lines.push(`meeting date right: ${date.right}/${date.total} (${date.total ? ((100 * date.right) / date.total).toFixed(0) : '-'}%)`);
  lines.push(`headline right: ${headline.right}/${headline.total}`);
  if (options.bySource) {
    // "-" where the folder's gold has no entry of that field and nothing was found.
    const sources = report.bySource;
    lines.push('', `F1 by source folder (files: ${sources.map((s) => `${s.source} ${s.files}`).join(', ')})`, '');
    lines.push(`${'field'.padEnd(20)}${sources.map((s) => s.source.slice(0, 12).padStart(13)).join('')}`);
    report.fields.forEach((row, index) => {
      const cells = sources.map((s) => {
        const c = s.fields[index];
        return (c.tp + c.fp + c.fn ? pct(c.f1) : '-').padStart(13);
      });
      lines.push(`${row.field.padEnd(20)}${cells.join('')}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** The whole report as JSON (figures, checks, per-folder figures, every miss and extra with its span). */
export function formatEvalJson(report: EvalReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * CSV (UTF-8 with BOM, RFC 4180). Figures: one row per field for `all` and per source folder. With `details`:
 * one row per miss and extra (document, field, kind, text, span start and end).
 */
export function formatEvalCsv(report: EvalReport, options: EvalFormatOptions = {}): string {
  if (options.details) {
    const rows = report.documents.flatMap((doc) => doc.misses.map((m) => [doc.file, m.field, m.kind, m.text, m.span?.[0], m.span?.[1]]));
    return toCsv(['document', 'field', 'kind', 'text', 'start', 'end'], rows);
  }
  const figures = (scope: string, fields: EvalReport['fields']) => fields.map((row) => [scope, row.field, pct(row.precision), pct(row.recall), pct(row.f1), row.tp, row.fp, row.fn]);
  const rows = [...figures('all', report.fields), ...report.bySource.flatMap((s) => figures(s.source, s.fields))];
  return toCsv(['scope', 'field', 'precision', 'recall', 'f1', 'tp', 'fp', 'fn'], rows);
}
