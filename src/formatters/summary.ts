/** `--summary` output in every format: the batch totals of src/aggregate/summary as tables, Markdown, CSV or JSON. */
import chalk from 'chalk';
import type { BatchSummary } from '../aggregate/summary';
import { toCsv } from './csv';
import { DEFAULT_WIDTH } from './layout';
import { mdTable } from './markdown';
import { tableSection } from './table';

/** Rows shown per section in the table and Markdown views; json and csv carry everything. */
const TABLE_ROWS = 30;

interface SummarySection {
  title: string;
  /** Singular name of what a row counts, for the CSV `section` column. */
  kind: string;
  head: string[];
  rows: string[][];
}

/** The summary's sections, as data every text format renders. */
export function summarySections(summary: BatchSummary): SummarySection[] {
  return [
    { title: 'Officials', kind: 'official', head: ['Name', 'Documents', 'Titles'], rows: summary.officials.map((o) => [o.name, String(o.documents), o.titles.join('、')]) },
    { title: 'Formulas', kind: 'formula', head: ['Formula', 'Documents'], rows: summary.formulas.map((f) => [f.formula, String(f.documents)]) },
    { title: 'Enumerations', kind: 'enumeration', head: ['Label', 'Documents'], rows: summary.enumerations.map((e) => [e.label, String(e.documents)]) },
    { title: 'Industries', kind: 'industry', head: ['Industry', 'Documents'], rows: summary.industries.map((i) => [i.name, String(i.documents)]) },
    { title: 'Keywords', kind: 'keyword', head: ['Keyword', 'Documents'], rows: summary.keywords.map((k) => [k.word, String(k.documents)]) },
    {
      title: 'Meetings by month',
      kind: 'month',
      head: ['Month', 'Meetings'],
      rows: [...summary.meetingsByMonth.map((m) => [m.month, String(m.meetings)]), ...(summary.undatedMeetings ? [['undated', String(summary.undatedMeetings)]] : [])],
    },
  ];
}

const heading = (summary: BatchSummary) => `Summary of ${summary.documents} document(s)${summary.failed ? `, ${summary.failed} failed` : ''}`;
const more = (rows: string[][]) => (rows.length > TABLE_ROWS ? `… ${rows.length - TABLE_ROWS} more (use --format json or csv for all)` : '');

/**
 * The summary as text in `format` (table, markdown, csv, json, jsonl). Table output is at most `width` cells wide.
 * Throws for an unknown format.
 */
export function formatSummary(summary: BatchSummary, format: string, color: boolean, width = DEFAULT_WIDTH): string {
  if (format === 'json') return `${JSON.stringify(summary, null, 2)}\n`;
  if (format === 'jsonl') return `${JSON.stringify(summary)}\n`;
  const sections = summarySections(summary);
  if (format === 'csv') {
    // One sheet: a section column, then up to three values; the Titles column only for officials.
    return toCsv(
      ['section', 'name', 'count', 'titles'],
      sections.flatMap((s) => s.rows.map((row) => [s.kind, row[0], Number(row[1]), row[2] ?? ''])),
    );
  }
  if (format === 'markdown') {
    const body = sections.map((s) => `${mdTable(s.title, s.head, s.rows.slice(0, TABLE_ROWS))}${more(s.rows) ? `\n${more(s.rows)}\n` : ''}`).filter((s) => s.trim());
    return `## ${heading(summary)}\n\n${body.join('\n')}`;
  }
  if (format !== 'table') throw new Error(`unknown format "${format}"`);
  const paint = new chalk.Instance({ level: color ? 1 : 0 });
  const out = [
    paint.bold(heading(summary)),
    ...sections.map((s) => {
      const table = tableSection(s.title, s.head, s.rows.slice(0, TABLE_ROWS), width, paint);
      return table && more(s.rows) ? `${table}${paint.dim(more(s.rows))}\n` : table;
    }),
  ];
  return `${out.filter(Boolean).join('\n')}\n`;
}
