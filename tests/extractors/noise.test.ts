/**
 * Noise an analyst must not wade through: single words, dates and sessions in quotes are no slogans; a quantity's
 * noun ends where its noun phrase ends; the same figure said twice is one item with both spans. Invented texts.
 */
import { analyze, at } from '../helpers';

describe('slogans are quoted phrases the text presents as a slogan or a goal', () => {
  test.each([
    ['one word in quotes', '全县要大力推进“建设”，绘好“蓝图”，破解“瓶颈”。'],
    ['a date in quotes', '各地深刻汲取“6·13”“7·12”事故教训。'],
    ['a session in quotes', '认真学习贯彻“十四届五次”全会和“二十届三中”全会精神。'],
    ['a plan period or a numeral word', '编制“十四五”规划，开好“两会”。'],
    ['quoted speech', '群众纷纷说“太好了”，有人问“能办吗”。'],
  ])('not a slogan: %s', (_, text) => {
    expect(analyze(text).slogans.map((s) => s.text)).toEqual([]);
  });

  test.each([
    ['the object of a verb', '要打造“办事不求人”服务品牌。', ['办事不求人']],
    ['a goal with parallel parts', '全镇以“村村有亮点、户户有产业”为目标。', ['村村有亮点、户户有产业']],
    ['a row of quoted phrases', '深化“一网通办”“一窗受理”改革。', ['一网通办', '一窗受理']],
    ['a numbered watchword', '坚决纠治“四风”，落实“六稳”要求。', ['四风', '六稳']],
    ['the name of what follows', '开展“清风护航”专项行动。', ['清风护航']],
  ])('a slogan: %s', (_, text, expected) => {
    const slogans = analyze(text).slogans;
    expect(slogans.map((s) => s.text)).toEqual(expected);
    for (const slogan of slogans) expect(at(text, slogan.span)).toBe(slogan.text);
  });
});

describe('a quantity counts a noun phrase that ends where the phrase ends', () => {
  test.each([
    ['a new count follows', '全年共抽检100个样本四是实施质量提升行动。', '100个样本', '样本'],
    ['a clause ends with 时', '当参会人数达到40名时，会议开始。', '40名', null],
    ['a verb after the noun', '全县有18家规上工业企业开展技术改造。', '18家规上工业企业', '规上工业企业'],
    ['a predicate after the noun', '今年又有6家企业上市。', '6家企业', '企业'],
    ['a unit of two characters', '全年培训农民3000人次以上。', '3000人次', null],
    ['a modifier before the noun', '新增1200个就业岗位。', '1200个就业岗位', '就业岗位'],
    ['a nominal verb inside a compound noun', '全区划分30个责任管理网格。', '30个责任管理网格', '责任管理网格'],
  ])('%s', (_, text, expected, noun) => {
    const [quantity] = analyze(text).quantities;
    expect({ text: quantity.text, noun: quantity.noun }).toEqual({ text: expected, noun });
    expect(at(text, quantity.span)).toBe(expected);
  });

  test.each([
    ['said twice', '今年建成5个村级服务站。截至年底，5个村级服务站全部投用。', 2],
    ['said three times', '引进9个重点项目，9个重点项目已开工，9个重点项目进展顺利。', 3],
    ['said again among others', '新增30家企业，其中30家企业为外资，另有12家企业落户。', 2],
  ])('repeats merge, with every span: %s', (_, text, mentions) => {
    const [first] = analyze(text).quantities;
    expect(first.spans).toHaveLength(mentions);
    expect(first.spans[0]).toEqual(first.span);
    for (const span of first.spans) expect(at(text, span)).toBe(first.text);
  });
});
