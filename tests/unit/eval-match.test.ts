import { f1, looseMatch, matchSets, sameCountedLabel } from '../../src/eval/match';
import { parseGold, GoldError } from '../../src/eval/gold';

describe('eval matching rules', () => {
  test.each([
    ['区委书记', '区委书记', true],
    ['“新材料”', '新材料', true], // quotes do not count
    ['装备制造', '装备制造业', true], // one contains the other, at least half as long
    ['园', '科技园区', false], // a fragment under half the length does not match
    ['ＡＢ产业', 'AB产业', true], // full-width folded
  ])('looseMatch(%p, %p) = %p', (a, b, expected) => {
    expect(looseMatch(a, b)).toBe(expected);
  });

  test.each([
    [{ count: 3, label: '三大产业' }, { count: 3, label: '三大现代化主导产业' }, false],
    [{ count: 3, label: '三大产业' }, { count: 3, label: '三大产业集群' }, true],
    [{ count: 5, label: '五项' }, { count: 5, label: '五项重点改革任务清单' }, true], // same count: any containment
    [{ count: 4, label: '五项' }, { count: 5, label: '五项重点改革任务清单' }, false],
  ])('sameCountedLabel(%p, %p) = %p', (a, b, expected) => {
    expect(sameCountedLabel(a, b)).toBe(expected);
  });

  test('matching is one-to-one and greedy in predicted order', () => {
    const matched = matchSets(['甲乙', '甲乙丙'], ['甲乙丙'], looseMatch);
    expect(matched).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(f1(matched)).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
  });

  test.each([
    ['[]', /must be a JSON object/],
    ['{"title": "x"}', /"file"/],
    ['{"file": "a.txt", "meeting": {"name": "会", "date": "3月5日"}}', /meeting\.date must be YYYY-MM-DD/],
    ['{"file": "a.txt", "enumerations": [{"count": 3, "items": []}]}', /enumerations\[0\]\.label/],
  ])('a malformed gold file is refused with the field named: %s', (text, message) => {
    expect(() => parseGold(text)).toThrow(GoldError);
    expect(() => parseGold(text)).toThrow(message);
  });
});
