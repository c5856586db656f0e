/**
 * Every terminal table (analysis, --summary, diff) fits the terminal at 60, 80, 100 and 160 columns, measured in
 * terminal cells (CJK counts two), and a title chain is wrapped inside its cell, never shortened.
 */
import * as fs from 'fs';
import * as path from 'path';
import stringWidth from 'string-width';
import { digestOf, SummaryBuilder } from '../../src/aggregate/summary';
import { diffResults } from '../../src/diff/diff';
import { renderDiffTable } from '../../src/diff/format';
import { renderTable, wrapText, fitWidths } from '../../src/formatters/layout';
import { formatSummary } from '../../src/formatters/summary';
import { table } from '../../src/formatters/table';
import { terminalWidth } from '../../src/formatters/width';
import { analyze } from '../helpers';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const seed = analyze(read('fixtures/zibo-2022.txt'));
const lanhu = analyze(read('tests/fixtures/report-lanhu-2023.txt'));
const qingshan = analyze(read('tests/fixtures/report-qingshan-2024.txt'));

/** A made-up article whose official has a long title chain, the kind that used to be cut with …. */
const LONG_CHAIN = analyze(
  '青原自治区召开全区经济工作会议\n\n3月2日，青原自治区召开全区经济工作会议。自治区党委书记、人大常委会主任、自治区党委党校校长林远航出席并讲话，自治区党委副书记、自治区主席、自治区人民政府党组书记周克明主持会议。\n',
);

const WIDTHS = [60, 80, 100, 160];

/**
 * The rows of every box-drawn table in `text`, each cell's wrapped lines joined back together. A row ends at a
 * `├` or `└` border line.
 */
function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  let current: string[] | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('│')) {
      const cells = line.split('│').slice(1, -1).map((cell) => cell.trim());
      if (!current) current = cells.map(() => '');
      current = current.map((joined, i) => joined + (cells[i] ?? ''));
    } else if (current) {
      rows.push(current);
      current = null;
    }
  }
  return rows;
}

const chains = [seed, lanhu, qingshan, LONG_CHAIN].flatMap((r) => r.officials.map((o) => o.titles.join('、'))).filter(Boolean);

function expectFits(output: string, width: number): void {
  const wide = output.split('\n').filter((line) => stringWidth(line) > width);
  expect(wide).toEqual([]);
}

describe('tables fit the terminal', () => {
  test('the fixtures have long title chains to test with', () => {
    expect(chains).toContain('自治区党委书记、人大常委会主任、自治区党委党校校长');
    expect(seed.officials.length).toBeGreaterThanOrEqual(2);
  });

  test.each(WIDTHS)('analysis tables at %i columns: no line wider, every title chain whole', (width) => {
    const out = table([seed, lanhu, qingshan, LONG_CHAIN], { color: false, width });
    expectFits(out, width);
    const cells = tableRows(out).map((row) => row[1]);
    for (const chain of chains) expect(cells).toContain(chain);
  });

  test.each(WIDTHS)('--summary tables at %i columns: no line wider, every title chain whole', (width) => {
    const builder = new SummaryBuilder();
    for (const r of [seed, lanhu, qingshan, LONG_CHAIN]) builder.add(digestOf(r));
    const out = formatSummary(builder.build(), 'table', false, width);
    expectFits(out, width);
    // The summary lists each official's titles in the order first written: the chain, whole.
    const titleCells = tableRows(out).map((row) => row[2] ?? '');
    for (const r of [seed, LONG_CHAIN]) for (const o of r.officials) expect(titleCells).toContain(o.titles.join('、'));
  });

  test.each(WIDTHS)('diff table at %i columns: no line wider, title chains whole', (width) => {
    const out = renderDiffTable(diffResults(seed, LONG_CHAIN), { color: false, width });
    expectFits(out, width);
    const what = tableRows(out).map((row) => row[2]);
    for (const o of [...seed.officials, ...LONG_CHAIN.officials]) expect(what).toContain(`${o.name} (${o.titles.join('、')})`);
  });

  test('colours do not change the layout', () => {
    const plain = table([seed], { color: false, width: 80 });
    const painted = table([seed], { color: true, width: 80 });
    expect(painted.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  test('an empty column takes little room; widths follow the content', () => {
    const out = table([LONG_CHAIN], { color: false, width: 80 });
    const header = out.split('\n').find((line) => line.startsWith('│ Name'))!;
    const roles = header.split('│')[3];
    expect(stringWidth(roles)).toBeLessThanOrEqual(14);
  });
});

describe('layout pieces', () => {
  test('terminal width: the terminal, else COLUMNS, else 100', () => {
    expect(terminalWidth({ isTTY: true, columns: 72 }, { COLUMNS: '120' })).toBe(72);
    expect(terminalWidth({ isTTY: false, columns: 72 }, { COLUMNS: '120' })).toBe(120);
    expect(terminalWidth(undefined, {})).toBe(100);
    expect(terminalWidth(undefined, { COLUMNS: 'wide' })).toBe(100);
  });

  test.each([
    ['市委常委、秘书长、区工委书记', 12, ['市委常委、', '秘书长、', '区工委书记']],
    ['高端装备制造  新材料  数字经济', 20, ['高端装备制造  新材料', '数字经济']],
    ['一二三四五六七八九十', 6, ['一二三', '四五六', '七八九', '十']],
    ['abc', 1, ['a', 'b', 'c']],
  ])('wrapText(%j, %i)', (text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });

  test('fitWidths narrows the widest columns first and keeps floors', () => {
    expect(fitWidths([4, 10, 40], [4, 6, 6], 100)).toEqual([4, 10, 40]);
    const w = fitWidths([4, 30, 40], [4, 6, 6], 50);
    expect(w.reduce((a, b) => a + b)).toBe(50);
    expect(w[0]).toBe(4);
    expect(Math.abs(w[1] - w[2])).toBeLessThanOrEqual(1);
  });

  test('renderTable never cuts text with …', () => {
    const out = renderTable(['A', 'B'], [['自治区党委书记、人大常委会主任', 'x'.repeat(80)]], 40);
    expect(out).not.toContain('…');
    expectFits(out, 40);
    expect(tableRows(out)[1]).toEqual(['自治区党委书记、人大常委会主任', 'x'.repeat(80)]);
  });
});
