import { analyze as analyzeText } from '../../src/analyzer';
import { diffResults, isUnchanged, labelKey, listDiff } from '../../src/diff/diff';
import { diffRows, renderDiffTable } from '../../src/diff/format';

// A made-up district meeting report; each test changes one thing in it.
const BASE = `白沙湾新区召开2023年工作会议

1月10日，白沙湾新区召开2023年工作会议，区委书记韩志远出席并讲话，区委副书记、区长郑一鸣主持会议。

会议要求，要落实“1+3”发展思路，即一个总目标、三大重点任务，以港口建设、园区升级、城市更新为抓手，推动全区高质量发展。全力做大做强海洋装备、生物医药两大主导产业。

全区上下要紧紧围绕发展思路，奋力开创新局面。`;

const analyse = (text: string, path: string) => analyzeText({ text, path });
const OLD = analyse(BASE, 'old.txt');
const diffTo = (text: string) => diffResults(OLD, analyse(text, 'new.txt'));

const NOTHING = {
  meeting: [],
  frameworks: { added: [], removed: [], changed: [] },
  enumerations: { added: [], removed: [], changed: [] },
  industries: { added: [], removed: [] },
  officials: { added: [], removed: [], changed: [] },
  slogans: { added: [], removed: [] },
};

describe('diffResults', () => {
  test('the same article has no differences', () => {
    const d = diffTo(BASE);
    expect(d).toEqual({
      old: { path: 'old.txt', title: '白沙湾新区召开2023年工作会议', date: '2023-01-10' },
      new: { path: 'new.txt', title: '白沙湾新区召开2023年工作会议', date: '2023-01-10' },
      ...NOTHING,
    });
    expect(isUnchanged(d)).toBe(true);
  });

  test('an industry added: the industry and the enumeration that lists it', () => {
    const d = diffTo(BASE.replace('海洋装备、生物医药两大主导产业', '海洋装备、生物医药、新能源三大主导产业'));
    expect(d).toMatchObject({
      ...NOTHING,
      industries: { added: ['新能源'], removed: [] },
      enumerations: {
        added: [],
        removed: [],
        changed: [{ old: { count: 2, label: '两大主导产业' }, new: { count: 3, label: '三大主导产业' }, items: { added: ['新能源'], removed: [] } }],
      },
    });
    expect(isUnchanged(d)).toBe(false);
  });

  test('a formula changed: new formula, component count and its new item', () => {
    const d = diffTo(BASE.replace('三大重点任务，以港口建设、园区升级、城市更新为抓手', '四大重点任务，以港口建设、园区升级、城市更新、乡村振兴为抓手').replace('“1+3”', '“1+4”'));
    expect(d).toMatchObject({
      ...NOTHING,
      frameworks: {
        added: [],
        removed: [],
        changed: [
          {
            old: '1+3',
            new: '1+4',
            components: {
              added: [],
              removed: [],
              changed: [{ old: { count: 3, label: '三大重点任务' }, new: { count: 4, label: '四大重点任务' }, items: { added: ['乡村振兴'], removed: [] } }],
            },
          },
        ],
      },
    });
    expect(diffRows(d)).toEqual([
      ['Formula', 'changed', '1+3 → 1+4'],
      ['Component of 1+4', 'changed', '三大重点任务 (3) → 四大重点任务 (4): +乡村振兴'],
    ]);
  });

  test('an official replaced: one gone, one new, nobody changed', () => {
    const d = diffTo(BASE.replace('区长郑一鸣主持会议', '区长冯乐平主持会议'));
    expect(d).toMatchObject({
      ...NOTHING,
      officials: { added: [{ name: '冯乐平', titles: ['区委副书记', '区长'] }], removed: [{ name: '郑一鸣', titles: ['区委副书记', '区长'] }], changed: [] },
    });
  });

  test('an official with a new title is changed, not replaced', () => {
    const d = diffTo(BASE.replace('区委书记韩志远出席', '市委常委、区委书记韩志远出席'));
    expect(d.officials).toEqual({
      added: [],
      removed: [],
      changed: [{ name: '韩志远', oldTitles: ['区委书记'], newTitles: ['市委常委', '区委书记'], titles: { added: ['市委常委'], removed: [] } }],
    });
  });

  test('a formula with nothing in common on the other side is added and removed when there are two', () => {
    const two = `${BASE}\n\n会议还提出“2+5”工作体系。`;
    const d = diffResults(analyse(two, 'old.txt'), OLD);
    expect(d.frameworks.removed.map((f) => f.formula)).toEqual(['2+5']);
    expect(d.frameworks.changed).toEqual([]);
  });

  test('the table names every difference and says so when there is none', () => {
    const d = diffTo(BASE.replace('区长郑一鸣主持会议', '区长冯乐平主持会议'));
    const table = renderDiffTable(d, { color: false });
    expect(table).toContain('+ added');
    expect(table).toContain('冯乐平 (区委副书记、区长)');
    expect(table).toContain('- removed');
    expect(table).toContain('郑一鸣');
    expect(renderDiffTable(diffTo(BASE), { color: false })).toContain('No differences');
  });
});

describe('diff helpers', () => {
  test('listDiff keeps order and drops duplicates', () => {
    expect(listDiff(['a', 'b', 'b', 'c'], ['c', 'd', 'd', 'a'])).toEqual({ added: ['d'], removed: ['b'] });
  });

  test('labelKey drops number, measure word and quotes', () => {
    expect(labelKey('三大重点任务')).toBe('重点任务');
    expect(labelKey('四项保障')).toBe('保障');
    expect(labelKey('“一个总目标”')).toBe('总目标');
  });
});
