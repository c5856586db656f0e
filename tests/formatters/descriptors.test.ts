/**
 * The section descriptors are the one place renderers learn about a result field: every field an extractor
 * provides (apart from the headline and the meeting, which every output shows in its header) has one, and each
 * descriptor's rows match its columns. No dictionary needed: hand-made results.
 */
import { EXTRACTORS } from '../../src/extractors/registry';
import { cellText, DESCRIPTORS, MARK_KINDS } from '../../src/formatters/descriptors';
import { markdown } from '../../src/formatters/markdown';
import { renderTable, wrapText } from '../../src/formatters/layout';
import type { AnalysisResult } from '../../src/types';

const span: [number, number] = [0, 2];
const result: AnalysisResult = {
  schemaVersion: '1.1',
  published: null,
  input: { path: 'x.txt', encoding: 'utf-8', chars: 40 },
  title: { text: '青原县召开工作会议', span },
  meeting: null,
  officials: [{ name: '林远', titles: ['县委书记', '县长'], roles: ['出席'], span, spans: [span, [10, 12]] }],
  people: [{ name: '李青', role: '编辑', span }],
  frameworks: [{ formula: '1+2', span, components: [{ count: 2, label: '两项任务', span, items: [{ text: '招商', span }, { text: '引资', span }] }] }],
  enumerations: [{ count: 2, label: '两大产业', span, items: [{ text: '纺织', span }, { text: '化工', span }] }],
  industries: [{ name: '纺织', span }],
  slogans: [{ text: '一核两区', span, parts: [{ text: '一核', span }] }],
  quantities: [{ text: '22家企业', value: 22, unit: '家', noun: '企业', span }],
  directives: [{ verb: '强调', speaker: '会议', text: '要抓落实', span }],
  keywords: [{ word: '招商', weight: 1.23456 }],
  removed: [],
  warnings: [],
};

describe('section descriptors', () => {
  test('every field an extractor provides has a descriptor (title and meeting are headers)', () => {
    const provided = EXTRACTORS.flatMap((e) => e.provides as readonly string[]).filter((f) => !['title', 'meeting', 'warnings'].includes(f));
    expect(provided.length).toBeGreaterThan(5);
    expect(DESCRIPTORS.map((d) => d.field as string).sort()).toEqual([...new Set(provided)].sort());
  });

  test.each(DESCRIPTORS.map((d) => [d.title, d] as const))('%s: one row per item, as many cells as columns', (_title, d) => {
    const rows = d.rows(result);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.cells).toHaveLength(d.columns.length);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });

  test('item lists join with 、 in text outputs; highlight kinds are unique', () => {
    const frameworks = DESCRIPTORS.find((d) => d.field === 'frameworks')!;
    expect(frameworks.rows(result)[0].cells.map(cellText)).toEqual(['1+2', '2 · 两项任务', '招商、引资']);
    const kinds = MARK_KINDS.map(([kind]) => kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  test('Markdown renders every section from the descriptors', () => {
    const md = markdown([result], { color: false });
    for (const d of DESCRIPTORS) expect(md).toContain(`### ${d.title}\n\n| ${d.columns.join(' | ')} |`);
  });

  test('a table and its wrapping stay within the width (no dictionary needed)', () => {
    expect(wrapText('自治区党委书记、人大常委会主任', 16)).toEqual(['自治区党委书记、', '人大常委会主任']);
    const out = renderTable(['Name', 'Titles'], [['林远', '自治区党委书记、人大常委会主任']], 30);
    expect(Math.max(...out.split('\n').map((line) => [...line].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)))).toBeLessThanOrEqual(30);
  });
});
