import chalk from 'chalk';
import stripAnsi from 'strip-ansi';
import type { AnalysisResult } from '../types';
import { cellText, compactCell, DESCRIPTORS, DOUBT_MARK, doubtsAt, MISSING, type Descriptor } from './descriptors';
import { DEFAULT_WIDTH, renderTable, wrapText } from './layout';
import { isErrorRecord, type Formatter } from './types';

/**
 * Strip ANSI escapes (strip-ansi: CSI, OSC with either terminator) and control characters, so article text cannot
 * drive the terminal. strip-ansi leaves DCS, PM and APC strings (ESC P/^/_ … ST), which are taken out here.
 */
export function terminalSafe(text: string): string {
  return stripAnsi(text)
    .replace(/\u001b[PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\n\t]/g, ' ');
}

/** A section of the terminal output: its title and a table as wide as the terminal at most. */
export function tableSection(title: string, head: string[], rows: string[][], width: number, paint: chalk.Chalk): string {
  if (!rows.length) return '';
  return `${paint.cyan.bold(title)}\n${renderTable(head, rows.map((row) => row.map(terminalSafe)), width, { head: (h) => paint.bold(h) })}\n`;
}

function section(descriptor: Descriptor, result: AnalysisResult, width: number, paint: chalk.Chalk): string {
  const rows = descriptor.rows(result);
  if (!rows.length) return '';
  // Short lists read better run together than one row each.
  if (descriptor.compact) return tableSection(descriptor.title, [descriptor.columns[0]], [[compactCell(descriptor, result)]], width, paint);
  const cells = rows.map((row) => row.cells.map(cellText));
  if (descriptor.group) for (let i = cells.length - 1; i > 0; i--) if (cells[i][0] === cells[i - 1][0]) cells[i][0] = '';
  // A row the analysis has doubts about: marked, with the reason among the warnings at the end.
  rows.forEach((row, i) => {
    if (row.doubts) cells[i][0] = `${DOUBT_MARK} ${cells[i][0]}`;
  });
  return tableSection(descriptor.title, descriptor.columns, cells, width, paint);
}

function renderOne(result: AnalysisResult, paint: chalk.Chalk, width: number): string {
  // Free lines are wrapped too, so that no line is wider than the terminal.
  const wrap = (text: string, indent = 0) => wrapText(terminalSafe(text), width - indent).join(`\n${' '.repeat(indent)}`);
  const out: string[] = [];
  const meeting = result.meeting;
  out.push(paint.bold(wrap(result.title?.text ?? '(no headline)')));
  out.push(paint.dim(wrap(`${result.input.path} · ${result.input.encoding} · ${result.input.chars} chars`)));
  if (meeting) {
    out.push(`${paint.yellow('Meeting')}  ${wrap(meeting.name ?? MISSING, 9)}`);
    out.push(`${paint.yellow('Body')}     ${wrap(`${meeting.organization ?? MISSING}${meeting.aliases.length ? ` (${meeting.aliases.join(', ')})` : ''}`, 9)}`);
    const undated = doubtsAt(result, '/meeting') ? ` ${DOUBT_MARK}` : '';
    out.push(`${paint.yellow('Date')}     ${wrap(`${meeting.date ?? MISSING}${meeting.dateText ? ` (${meeting.dateText})` : ''}${undated}`, 9)}`);
  } else {
    out.push(paint.dim('No meeting reported.'));
  }
  out.push('');
  for (const descriptor of DESCRIPTORS) out.push(section(descriptor, result, width, paint));
  if (result.removed.length) out.push(paint.dim(wrap(`Removed ${result.removed.length} boilerplate line(s): ${result.removed.map((r) => r.reason).join(', ')}`)));
  for (const warning of result.warnings) out.push(paint.yellow(wrap(`${warning.at ? `${DOUBT_MARK} ` : ''}warning: ${warning.message}`)));
  return out.filter((line) => line !== '').join('\n');
}

/** Records as terminal text: per document its headline, meeting fields and one table per section. */
export const table: Formatter = (records, options) => {
  const paint = new chalk.Instance({ level: options.color ? 1 : 0 });
  const width = options.width ?? DEFAULT_WIDTH;
  return `${records
    .map((record) =>
      isErrorRecord(record)
        ? paint.red(wrapText(terminalSafe(`${record.input}: error ${record.error.code}: ${record.error.message}`), width).join('\n'))
        : renderOne(record, paint, width),
    )
    .join(`\n\n${'─'.repeat(Math.min(60, width))}\n\n`)}\n`;
};
