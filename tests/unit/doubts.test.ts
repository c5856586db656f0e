/**
 * Warnings where the output is doubtful: a pipeline step after the extractors that points at the item (`at`).
 * Whole analyses on the dictionary segmenter, invented texts, and the step alone on made-up results.
 */
import { doubts } from '../../src/pipeline/doubts';
import type { Extracted } from '../../src/pipeline/context';
import { analyzeWithoutJieba } from '../context';

const codes = (text: string) => analyzeWithoutJieba(text).warnings.filter((w) => w.at).map((w) => [w.code, w.at]);

describe('doubts in whole analyses', () => {
  test.each([
    ['会议提出“1+3+2”发展思路。'],
    ['全县构建“1+2+N”工作格局，推动高质量发展。'],
    ['会议提出“2+4”总体布局，“2”即两大平台。'],
  ])('a formula with fewer explained components than parts: %s', (text) => {
    expect(codes(text)).toContainEqual(['formula-unexplained', '/frameworks/0']);
  });

  test.each([
    ['会议要求，要做强三大主导产业：新材料、装备制造。'],
    ['会议要求，要做强四大产业：茶叶、竹木、旅游。'],
    ['会议提出，推进五项改革：审批流程再造、涉企收费清理、信用监管创新。'],
  ])('an enumeration with fewer items than its count: %s', (text) => {
    const found = codes(text);
    expect(found.some(([code, pointer]) => ['enumeration-incomplete', 'count-mismatch'].includes(code!) && pointer === '/enumerations/0')).toBe(true);
  });

  test.each([
    ['近日，青禾县召开项目推进会。'],
    ['日前，白石镇召开安全生产工作会议。'],
    ['青禾县召开项目推进会\n\n会上，县委书记韩立业讲话。'],
  ])('a meeting without a date: %s', (text) => {
    expect(codes(text)).toContainEqual(['meeting-without-date', '/meeting']);
  });

  test('a set named without its members is not warned about (its Items cell is empty)', () => {
    expect(codes('会议要求，要落实三项保障措施。')).toEqual([]);
  });

  test('a complete analysis has no doubts', () => {
    expect(codes('2023年4月2日，青禾县召开项目推进会。会议要求，要做强三大产业：茶叶、竹木、旅游。')).toEqual([]);
  });
});

describe('the doubts step alone', () => {
  const official = (name: string, titles: string[]) => ({ name, titles, roles: [], span: [0, 3] as [number, number], spans: [[0, 3] as [number, number]] });
  test.each([
    ['a name alone', official('韩立业', [])],
    ['another name alone', official('林晓峰', [])],
    ['a third', official('周明远', [])],
  ])('an official found without a title: %s', (_, item) => {
    const warnings = doubts({ officials: [official('吴海涛', ['镇党委书记']), item] } as Partial<Extracted>, []);
    expect(warnings).toEqual([{ code: 'official-without-title', message: `${item.name} was found without a title`, span: [0, 3], at: '/officials/1' }]);
  });

  test('an extractor warning at the same span is not repeated, only pointed at the item', () => {
    const earlier = [{ code: 'count-mismatch', message: '三大产业 says 3 but 2 items are listed', span: [5, 9] as [number, number] }];
    const found = { enumerations: [{ count: 3, label: '三大产业', span: [5, 9] as [number, number], items: [] }] } as unknown as Partial<Extracted>;
    expect(doubts(found, earlier)).toEqual([]);
    expect(earlier[0]).toMatchObject({ at: '/enumerations/0' });
  });
});
