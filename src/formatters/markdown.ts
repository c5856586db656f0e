import type { AnalysisResult, TextItem } from '../types';
import { isErrorRecord, type Formatter } from './types';

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

function table(title: string, head: string[], rows: string[][]): string {
  if (!rows.length) return '';
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return `### ${title}\n\n${line(head)}\n${line(head.map(() => '---'))}\n${rows.map((row) => line(row.map(mdCell))).join('\n')}\n`;
}

const join = (items: TextItem[]) => items.map((item) => item.text).join('、');

function renderOne(r: AnalysisResult): string {
  const m = r.meeting;
  const out: string[] = [`## ${mdCell(r.title?.text ?? '(no headline)')}`, ''];
  out.push(`- **Meeting:** ${mdCell(m?.name ?? '—')}`);
  out.push(`- **Body:** ${mdCell(m?.organization ?? '—')}${m?.aliases.length ? ` (${mdCell(m.aliases.join('、'))})` : ''}`);
  out.push(`- **Date:** ${mdCell(m?.date ?? '—')}${m?.dateText ? ` (${mdCell(m.dateText)})` : ''}`);
  out.push(`- **Input:** ${mdCell(r.input.path)} · ${mdCell(r.input.encoding)} · ${r.input.chars} chars`, '');
  const sections = [
    table('Officials', ['Name', 'Titles', 'Roles'], r.officials.map((o) => [o.name, o.titles.join('、'), o.roles.join('、')])),
    table(
      'Frameworks',
      ['Formula', 'Count', 'Component', 'Items'],
      r.frameworks.flatMap((f) => (f.components.length ? f.components.map((c) => [f.formula, String(c.count), c.label, join(c.items)]) : [[f.formula, '', '', '']])),
    ),
    table('Enumerations', ['Count', 'Label', 'Items'], r.enumerations.map((e) => [String(e.count), e.label, join(e.items)])),
    table('Industries', ['Industry'], r.industries.map((i) => [i.name])),
    table('Slogans', ['Slogan', 'Parts'], r.slogans.map((s) => [s.text, join(s.parts)])),
    table('Quantities', ['Expression', 'Value', 'Unit', 'Noun'], r.quantities.map((q) => [q.text, String(q.value), q.unit, q.noun ?? ''])),
  ].filter(Boolean);
  out.push(...sections.map((s) => `${s}`));
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Markdown for reports: per document a heading, the meeting fields and one table per record type. */
export const markdown: Formatter = (records) =>
  `${records
    .map((r) => (isErrorRecord(r) ? `## ${mdCell(r.input)}\n\nError ${mdCell(r.error.code)}: ${mdCell(r.error.message)}\n` : renderOne(r)))
    .join('\n')
    .trimEnd()}\n`;
