import type { AnalysisResult } from '../types';
import { cellText, DESCRIPTORS, DOUBT_MARK, doubtsAt, MISSING } from './descriptors';
import { isErrorRecord, type Formatter, type OutputRecord } from './types';

/**
 * Article text inside a Markdown table cell: line breaks become spaces, and characters that would end the cell or
 * start markup (links, emphasis, HTML) are backslash-escaped, so the text shows as written.
 */
export function mdCell(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\\|`*_[\]<>#!~]/g, (c) => `\\${c}`)
    .trim();
}

/** A Markdown table under a `###` heading; nothing when there are no rows. */
export function mdTable(title: string, head: string[], rows: string[][]): string {
  if (!rows.length) return '';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return `### ${title}\n\n${line(head.map(mdCell))}\n${line(head.map(() => '---'))}\n${rows.map((row) => line(row.map(mdCell))).join('\n')}\n`;
}

function renderOne(r: AnalysisResult): string {
  const m = r.meeting;
  const out: string[] = [`## ${mdCell(r.title?.text ?? '(no headline)')}`, ''];
  out.push(`- **Meeting:** ${mdCell(m?.name ?? MISSING)}`);
  out.push(`- **Body:** ${mdCell(m?.organization ?? MISSING)}${m?.aliases.length ? ` (${mdCell(m.aliases.join('、'))})` : ''}`);
  out.push(`- **Date:** ${mdCell(m?.date ?? MISSING)}${m?.dateText ? ` (${mdCell(m.dateText)})` : ''}${doubtsAt(r, '/meeting') ? ` ${DOUBT_MARK}` : ''}`);
  if (r.published) out.push(`- **Published:** ${mdCell(r.published.date)} (${mdCell(r.published.source)})`);
  out.push(`- **Input:** ${mdCell(r.input.path)} · ${mdCell(r.input.encoding)} · ${r.input.chars} chars`, '');
  // Every section the terminal table has, one table each.
  const sections = DESCRIPTORS.map((d) =>
    mdTable(d.title, d.columns, d.rows(r).map((row) => row.cells.map((cell, c) => (c === 0 && row.doubts ? `${DOUBT_MARK} ${cellText(cell)}` : cellText(cell))))),
  ).filter(Boolean);
  out.push(...sections);
  if (r.warnings.length) out.push('', ...r.warnings.map((w) => `- ${w.at ? `${DOUBT_MARK} ` : ''}warning ${mdCell(w.code)}: ${mdCell(w.message)}`));
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** One document's section, ending with one newline. */
const section = (r: OutputRecord) =>
  `${(isErrorRecord(r) ? `## ${mdCell(r.input)}\n\nError ${mdCell(r.error.code)}: ${mdCell(r.error.message)}\n` : renderOne(r)).trimEnd()}\n`;

/**
 * Markdown for reports: per document a heading, the meeting fields and one table per record type. Sections are
 * joined by a blank line, so a batch can write each one as it comes (the same bytes as formatting the whole list).
 */
export const markdown: Formatter = (records) => (records.length ? records.map(section).join('\n') : '\n');
