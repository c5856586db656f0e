import { analyzeWithoutJieba } from '../../context';

/** Every extractor on short texts with the dictionary segmenter; spans checked strictly by the pipeline. */
const strip = (value: unknown) => JSON.parse(JSON.stringify(value, (key, field) => (key === 'span' || key === 'spans' || key.endsWith('Span') ? undefined : field)));

describe('extractors, text → exact items', () => {
  test.each([
    ['officials with a shared verb', '县委书记王青松、县长李明远等出席会议。', 'officials', [
      { name: '王青松', titles: ['县委书记'], roles: ['出席'] },
      { name: '李明远', titles: ['县长'], roles: ['出席'] },
    ]],
    ['people from a credit line', '青山县召开经济工作会议\n\n会议强调，要狠抓落实。\n（记者 李四海 通讯员 王小明）', 'people', [
      { name: '李四海', role: '记者' },
      { name: '王小明', role: '通讯员' },
    ]],
    ['enumeration with its members', '会议强调，要做强三大主导产业：新材料、装备制造、电子信息。', 'enumerations', [
      { count: 3, label: '三大主导产业', items: [{ text: '新材料' }, { text: '装备制造' }, { text: '电子信息' }] },
    ]],
    ['industries under an industry label', '会议强调，要做强三大主导产业：新材料、装备制造、电子信息。', 'industries', [{ name: '新材料' }, { name: '装备制造' }, { name: '电子信息' }]],
    ['directives with their speaker', '会议强调，要狠抓落实。会议要求，各单位要压实责任。', 'directives', [
      { verb: '强调', speaker: '会议', text: '要狠抓落实' },
      { verb: '要求', speaker: '会议', text: '各单位要压实责任' },
    ]],
    ['a compound slogan split into parts', '“一核两翼”格局初步形成。', 'slogans', [{ text: '一核两翼', parts: [{ text: '一核' }, { text: '两翼' }] }]],
    ['a quantity with its value in units', '全县完成产值120亿元。', 'quantities', [{ text: '120亿元', value: 12000000000, unit: '元', noun: null }]],
  ])('%s', (_, text, field, expected) => {
    const result = analyzeWithoutJieba(text) as unknown as Record<string, unknown>;
    expect(strip(result[field])).toEqual(expected);
  });

  test('a formula whose numbers are glossed gets a component per number', () => {
    const [framework] = analyzeWithoutJieba('会议提出“1+3”发展格局，“1”即一个中心，“3”指三大产业，即茶叶、竹木、旅游。').frameworks;
    expect(framework.formula).toBe('1+3');
    expect(framework.components.map((component) => component.count)).toEqual([1, 3]);
    expect(strip(framework.components[1])).toEqual({ count: 3, label: '三大产业', items: [{ text: '茶叶' }, { text: '竹木' }, { text: '旅游' }] });
  });

  test('the headline is the first line', () => {
    expect(analyzeWithoutJieba('青山县召开经济工作会议\n\n会议强调，要狠抓落实。').title?.text).toBe('青山县召开经济工作会议');
  });
});
