import chalk from 'chalk';
import Table from 'cli-table3';
import type { BatchSummary } from '../cli/summary';
import { terminalSafe } from './table';

/** Rows shown per section in the table view; json output carries everything. */
const TABLE_ROWS = 30;

function section(title: string, head: string[], rows: string[][], total: number, paint: chalk.Chalk): string {
  if (!rows.length) return '';
  const widths = head.length === 3 ? [14, 11, 67] : [60, 12];
  const table = new Table({ head: head.map((cell) => paint.bold(cell)), style: { head: [], border: [] }, wordWrap: true, colWidths: widths });
  for (const row of rows.slice(0, TABLE_ROWS)) table.push(row.map(terminalSafe));
  const more = total > TABLE_ROWS ? paint.dim(`\n… ${total - TABLE_ROWS} more (use --format json for all)`) : '';
  return `${paint.cyan.bold(title)}\n${table.toString()}${more}\n`;
}

export function formatSummary(summary: BatchSummary, format: string, color: boolean): string {
  if (format === 'json') return `${JSON.stringify(summary, null, 2)}\n`;
  if (format === 'jsonl') return `${JSON.stringify(summary)}\n`;
  const paint = new chalk.Instance({ level: color ? 1 : 0 });
  const out = [
    paint.bold(`Summary of ${summary.documents} document(s)${summary.failed ? `, ${summary.failed} failed` : ''}`),
    section('Officials', ['Name', 'Documents', 'Titles'], summary.officials.map((o) => [o.name, String(o.documents), o.titles.join('、')]), summary.officials.length, paint),
    section('Formulas', ['Formula', 'Documents'], summary.formulas.map((f) => [f.formula, String(f.documents)]), summary.formulas.length, paint),
    section('Enumerations', ['Label', 'Documents'], summary.enumerations.map((e) => [e.label, String(e.documents)]), summary.enumerations.length, paint),
    section('Industries', ['Industry', 'Documents'], summary.industries.map((i) => [i.name, String(i.documents)]), summary.industries.length, paint),
    section(
      'Meetings by month',
      ['Month', 'Meetings'],
      [...summary.meetingsByMonth.map((m) => [m.month, String(m.meetings)]), ...(summary.undatedMeetings ? [['undated', String(summary.undatedMeetings)]] : [])],
      summary.meetingsByMonth.length,
      paint,
    ),
  ];
  return `${out.filter(Boolean).join('\n')}\n`;
}
