import chalk from 'chalk';
import { DEFAULT_WIDTH, renderTable, wrapText } from '../formatters/layout';
import { MISSING } from '../formatters/descriptors';
import { terminalSafe } from '../formatters/table';
import { isUnchanged, type CountedChange, type CountedSummary, type ListDiff, type ResultDiff } from './diff';

type Row = [section: string, change: 'added' | 'removed' | 'changed', what: string];

const counted = (c: CountedSummary) => `${c.label} (${c.count})${c.items.length ? `: ${c.items.join('、')}` : ''}`;
const itemChanges = (d: ListDiff) => [...d.added.map((v) => `+${v}`), ...d.removed.map((v) => `-${v}`)].join(' ');

function countedChange(c: CountedChange): string {
  const head = c.old.label === c.new.label && c.old.count === c.new.count ? c.new.label : `${c.old.label} (${c.old.count}) → ${c.new.label} (${c.new.count})`;
  const items = itemChanges(c.items);
  return items ? `${head}: ${items}` : head;
}

/** Every difference as one row, in a fixed order of sections. */
export function diffRows(d: ResultDiff): Row[] {
  const rows: Row[] = [];
  for (const m of d.meeting) rows.push(['Meeting', 'changed', `${m.field}: ${m.old ?? MISSING} → ${m.new ?? MISSING}`]);
  for (const f of d.frameworks.added) rows.push(['Formula', 'added', `${f.formula}${f.components.length ? `: ${f.components.map((c) => c.label).join('、')}` : ''}`]);
  for (const f of d.frameworks.removed) rows.push(['Formula', 'removed', f.formula]);
  for (const f of d.frameworks.changed) {
    if (f.old !== f.new) rows.push(['Formula', 'changed', `${f.old} → ${f.new}`]);
    for (const c of f.components.added) rows.push([`Component of ${f.new}`, 'added', counted(c)]);
    for (const c of f.components.removed) rows.push([`Component of ${f.old}`, 'removed', counted(c)]);
    for (const c of f.components.changed) rows.push([`Component of ${f.new}`, 'changed', countedChange(c)]);
  }
  for (const c of d.enumerations.added) rows.push(['Enumeration', 'added', counted(c)]);
  for (const c of d.enumerations.removed) rows.push(['Enumeration', 'removed', counted(c)]);
  for (const c of d.enumerations.changed) rows.push(['Enumeration', 'changed', countedChange(c)]);
  for (const v of d.industries.added) rows.push(['Industry', 'added', v]);
  for (const v of d.industries.removed) rows.push(['Industry', 'removed', v]);
  for (const o of d.officials.added) rows.push(['Official', 'added', `${o.name} (${o.titles.join('、')})`]);
  for (const o of d.officials.removed) rows.push(['Official', 'removed', `${o.name} (${o.titles.join('、')})`]);
  for (const o of d.officials.changed) rows.push(['Official', 'changed', `${o.name}: ${o.oldTitles.join('、')} → ${o.newTitles.join('、')}`]);
  for (const v of d.slogans.added) rows.push(['Slogan', 'added', v]);
  for (const v of d.slogans.removed) rows.push(['Slogan', 'removed', v]);
  return rows;
}

/** The diff as a terminal table no wider than `width` cells (default 100). */
export function renderDiffTable(d: ResultDiff, options: { color: boolean; width?: number }): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const paint = new chalk.Instance({ level: options.color ? 1 : 0 });
  const side = (s: ResultDiff['old']) => wrapText(`${terminalSafe(s.title ?? '(no headline)')} ${terminalSafe(s.path)}${s.date ? ` · ${s.date}` : ''}`, width - 5).join('\n     ');
  const head = `${paint.red('old')}  ${side(d.old)}\n${paint.green('new')}  ${side(d.new)}\n`;
  if (isUnchanged(d)) return `${head}${wrapText('No differences in meeting, formulas, enumerations, industries, officials or slogans.', width).join('\n')}\n`;
  const mark = { added: paint.green('+ added'), removed: paint.red('- removed'), changed: paint.yellow('~ changed') };
  const rows = diffRows(d).map(([section, change, what]) => [terminalSafe(section), mark[change], terminalSafe(what)]);
  // The change column is painted, so it keeps its full width ("~ changed").
  return `${head}${renderTable(['Section', 'Change', 'What'], rows, width, { head: (h) => paint.bold(h), minimum: [8, 9, 12] })}\n`;
}
