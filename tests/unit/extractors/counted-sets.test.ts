import { analyzeWithoutJieba } from '../../context';

/** Counted sets whose reading needs no part-of-speech tags, on the dictionary segmenter (invented texts). */
type Row = [number, string, string[]];
const enumerations = (text: string): Row[] => analyzeWithoutJieba(text).enumerations.map((e) => [e.count, e.label, e.items.map((i) => i.text)]);

describe('counted sets without tags', () => {
  test.each<[string, string, Row[]]>([
    ['one member written twice', '做强新材料、装备制造、装备制造、电子信息三大主导产业。', [[3, '三大主导产业', ['新材料', '装备制造', '电子信息']]]],
    ['a longer label for the same set later', '要抓好三项任务。全县要交出三项任务满意答卷。', [[3, '三项任务', []]]],
    ['the same label twice, members listed each time', '上半年完成三大任务：修路、建桥、通水。下半年再定三大任务：育苗、种树、护林。', [
      [3, '三大任务', ['修路', '建桥', '通水']],
      [3, '三大任务', ['育苗', '种树', '护林']],
    ]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });

  test.each([
    ['an approximate count with 余', '全县引进20余个项目。'],
    ['an approximate count with 多', '全县建成30多个平台。'],
    ['a large tally of matters', '全年完成300项任务。'],
  ])('no set: %s', (_, text) => {
    expect(enumerations(text)).toEqual([]);
  });
});
