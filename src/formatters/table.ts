import chalk from 'chalk';
import Table from 'cli-table3';
import type { AnalysisResult, TextItem } from '../types';
import { isErrorRecord, type Formatter } from './types';

/** Strip ANSI escapes and control characters so article text cannot drive the terminal. */
export function terminalSafe(text: string): string {
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\n\t]/g, ' ');
}

const join = (items: TextItem[]) => items.map((item) => item.text).join('、');

/** Column widths per number of columns, in terminal cells (CJK characters take two). */
const WIDTHS: Record<number, number[]> = { 1: [92], 2: [14, 78], 3: [14, 30, 48] };

function section(title: string, head: string[], rows: string[][], paint: chalk.Chalk): string {
  if (!rows.length) return '';
  const table = new Table({ head: head.map((cell) => paint.bold(cell)), style: { head: [], border: [] }, wordWrap: true, colWidths: WIDTHS[head.length] });
  for (const row of rows) table.push(row.map(terminalSafe));
  return `${paint.cyan.bold(title)}\n${table.toString()}\n`;
}

function renderOne(result: AnalysisResult, paint: chalk.Chalk): string {
  const out: string[] = [];
  const meeting = result.meeting;
  out.push(paint.bold(terminalSafe(result.title?.text ?? '(no headline)')));
  out.push(paint.dim(`${terminalSafe(result.input.path)} · ${result.input.encoding} · ${result.input.chars} chars`));
  if (meeting) {
    out.push(`${paint.yellow('Meeting')}  ${terminalSafe(meeting.name ?? '?')}`);
    out.push(`${paint.yellow('Body')}     ${terminalSafe(meeting.organization ?? '?')}${meeting.aliases.length ? paint.dim(` (${terminalSafe(meeting.aliases.join(', '))})`) : ''}`);
    out.push(`${paint.yellow('Date')}     ${meeting.date ?? '?'}${meeting.dateText ? paint.dim(` (${terminalSafe(meeting.dateText)})`) : ''}`);
  } else {
    out.push(paint.dim('No meeting reported.'));
  }
  out.push('');
  out.push(section('Officials', ['Name', 'Titles', 'Roles'], result.officials.map((o) => [o.name, o.titles.join('、'), o.roles.join('、')]), paint));
  out.push(
    section(
      'Frameworks',
      ['Formula', 'Component', 'Items'],
      result.frameworks.flatMap((f) => (f.components.length ? f.components.map((c, i) => [i === 0 ? f.formula : '', `${c.count} · ${c.label}`, join(c.items)]) : [[f.formula, '', '']])),
      paint,
    ),
  );
  out.push(section('Enumerations', ['Count', 'Label', 'Items'], result.enumerations.map((e) => [String(e.count), e.label, join(e.items)]), paint));
  out.push(section('Industries', ['Industry'], result.industries.length ? [[result.industries.map((i) => i.name).join('、')]] : [], paint));
  out.push(section('Slogans', ['Slogan'], result.slogans.length ? [[result.slogans.map((s) => s.text).join('  ')]] : [], paint));
  out.push(section('Quantities', ['Quantity'], result.quantities.length ? [[result.quantities.map((q) => q.text).join('  ')]] : [], paint));
  out.push(section('Directives', ['Verb', 'Statement'], result.directives.map((d) => [`${d.speaker}${d.verb}`, d.text.length > 60 ? `${d.text.slice(0, 60)}…` : d.text]), paint));
  out.push(section('Keywords', ['Keyword'], result.keywords.length ? [[result.keywords.map((k) => k.word).join('  ')]] : [], paint));
  if (result.people.length) out.push(paint.dim(`People: ${terminalSafe(result.people.map((p) => `${p.name} (${p.role})`).join(', '))}`));
  if (result.removed.length) out.push(paint.dim(`Removed ${result.removed.length} boilerplate line(s): ${terminalSafe(result.removed.map((r) => r.reason).join(', '))}`));
  for (const warning of result.warnings) out.push(paint.yellow(`warning: ${terminalSafe(warning.message)}`));
  return out.filter((line) => line !== '').join('\n');
}

export const table: Formatter = (records, options) => {
  const paint = new chalk.Instance({ level: options.color ? 1 : 0 });
  return `${records
    .map((record) => (isErrorRecord(record) ? paint.red(`${terminalSafe(record.input)}: error ${record.error.code}: ${terminalSafe(record.error.message)}`) : renderOne(record, paint)))
    .join(`\n\n${'─'.repeat(60)}\n\n`)}\n`;
};
