/**
 * Formulas whose numbers the text explains without counted labels, open parts (N, X) kept as written and explained,
 * and counted phrases that have nothing to do with a formula. Every text is invented for these tests.
 */
import { analyze } from '../helpers';

type Row = [number | string, string, string[]];
const components = (text: string): Row[] => (analyze(text).frameworks[0]?.components ?? []).map((c) => [c.count, c.label, c.items.map((i) => i.text)]);
const formulas = (text: string): string[] => analyze(text).frameworks.map((f) => f.formula);

describe('a formula explained without counted labels', () => {
  test.each<[string, string, Row[]]>([
    ['即, a 由…牵头 frame and a numeral with its noun', '该县建立“1+4”救助体系，即由民政部门牵头，教育、卫生、医保、水利4部门分头负责。', [
      [1, '由民政部门牵头', ['民政部门']],
      [4, '4部门', ['教育', '卫生', '医保', '水利']],
    ]],
    ['a bare comma, 以…为主线 and a counted phrase', '该镇明确“1+3”发展思路，以乡村旅游为主线，以茶叶、蔬菜、中药材三大产业为支撑。', [
      [1, '以乡村旅游为主线', ['乡村旅游']],
      [3, '三大产业', ['茶叶', '蔬菜', '中药材']],
    ]],
    ['a bracketed 即 with 在…领导下', '该镇提出“1+2”工作路径（即在镇党委统一领导下，以山地农业和生态旅游两大板块为支撑）。', [
      [1, '在镇党委统一领导下', ['镇党委']],
      [2, '两大板块', ['山地农业', '生态旅游']],
    ]],
    ['durations after a colon', '该县对危房实行“1+3”限时办理：1个月内完成鉴定，3个月内完成改造。', [
      [1, '1个月内完成鉴定', []],
      [3, '3个月内完成改造', []],
    ]],
    ['durations in days', '该区推行“2+10”办结机制：2天内受理，10天内办结。', [
      [2, '2天内受理', []],
      [10, '10天内办结', []],
    ]],
  ])('%s', (_, text, expected) => {
    expect(components(text)).toEqual(expected);
  });

  test.each([
    ['a comma and clauses that do not show the numbers', '该县推行“1+3”服务机制，群众办事更加方便，满意度明显提升。'],
    ['a numeral inside a word is no count', '该镇坚持“1+1”思路，统一规划布局，一体推进建设。'],
    ['a clause run shorter than the formula', '该区落实“1+2+3”工作法，以党建为引领，推动基层治理。'],
  ])('no components: %s', (_, text) => {
    expect(components(text)).toEqual([]);
  });
});

describe('open formulas', () => {
  test.each([
    ['X stays X', '该市打造“1+2+X”政策体系。', ['1+2+X']],
    ['a full-width lower-case n is folded to N', '该区推行“1+3+ｎ”服务模式。', ['1+3+N']],
    ['a lower-case x is folded to X', '该县构建“3+x”帮扶格局，并推广“1+N”模式。', ['3+X', '1+N']],
  ])('%s', (_, text, expected) => {
    expect(formulas(text)).toEqual(expected);
  });

  test.each<[string, string, Row[]]>([
    ['a gloss of the open part with its own letter phrase', '该市打造“1+2+X”政策体系，其中“X”即X个特色产业配套政策。', [
      ['X', 'X个特色产业配套政策', []],
    ]],
    ['a gloss that lists members after 包括', '该市推出“1+N”人才政策，“N”即N项配套细则，包括住房补贴细则、子女入学细则、医疗保障细则等。', [
      ['N', 'N项配套细则', ['住房补贴细则', '子女入学细则', '医疗保障细则']],
    ]],
    ['a letter phrase after the counted components', '该区构建“1+2+N”服务体系：一个指挥中心，两支服务队伍，以及N个便民服务点。', [
      [1, '一个指挥中心', ['指挥中心']],
      [2, '两支服务队伍', []],
      ['N', 'N个便民服务点', []],
    ]],
    ['the clause between the components and the formula', '该区以数据中心为“1个枢纽”，以政务网和物联网为“2张网络”，多元市场主体协同参与，构建“1+2+N”数字政府架构。', [
      [1, '“1个枢纽”', ['数据中心']],
      [2, '“2张网络”', ['政务网', '物联网']],
      ['N', '多元市场主体协同参与', []],
    ]],
    ['glosses that open paragraphs, an open quantifier', '该区构建“1+1+N”治理体系：\n“1”是一个综合指挥平台，统一调度各方力量。\n各社区按要求接入平台。\n“1”是一支专业网格队伍，负责日常巡查。\n“N”是在平台之上开发多个特色应用，方便群众办事。', [
      [1, '一个综合指挥平台', ['综合指挥平台']],
      [1, '一支专业网格队伍', ['专业网格队伍']],
      ['N', '多个特色应用', []],
    ]],
    ['names joined by plus signs: an open part names no one thing', '该镇推广“1+1+N”共治模式，即“镇党委+村委会+各类志愿组织”。', [
      [1, '镇党委', ['镇党委']],
      [1, '村委会', ['村委会']],
      ['N', '各类志愿组织', []],
    ]],
  ])('%s', (_, text, expected) => {
    expect(components(text)).toEqual(expected);
  });
});

describe('counted phrases unrelated to a formula are not its components', () => {
  test.each([
    ['two counted phrases paragraphs apart', '该市统筹实施“10+3”产业政策，推动产业集聚。\n目前，以信息技术、人工智能、集成电路、医药健康、智能装备、节能环保、新能源汽车、新材料、软件服务、科技服务等十个产业作为发展重点。\n全市高技术制造业增加值增长较快。\n今年以来，各区积极落实惠企政策。\n此外，金融、信息服务、科技服务三大优势服务业对经济增长贡献较大。'],
    ['section openings far from one another', '该县推行“5+2”帮扶模式，效果明显。\n县里组建了五支工作队，深入各村开展走访。\n当地群众对此评价很高。\n全年新建道路12公里。\n同时，乡里落实两项补贴，惠及农户。'],
    ['a phrase later in a paragraph, not its opening', '该区坚持“3+2”工作思路不动摇。\n全区已建成三个产业园区，入驻企业百余家。\n各街道加快推进老旧小区改造。\n记者从区统计局了解到，全区外贸平稳增长。\n下半年，全区还将推出两批重点项目。'],
  ])('%s', (_, text) => {
    expect(components(text)).toEqual([]);
  });
});

describe('a gloss per number, the counted phrases named again as one list before it', () => {
  // The list 即一个目标、两大平台… only names the components; the glosses after it say what each one is.
  test.each<[string, string, Row[]]>([
    ['这一个目标 and 指/是 glosses', '全县围绕“1+2”思路，即一个目标、两大平台。“1”即建设生态康养名县这一个目标；“2”指工业园、物流港两大平台。', [
      [1, '一个目标', ['建设生态康养名县']],
      [2, '两大平台', ['工业园', '物流港']],
    ]],
    ['该一个愿景 and a three-part gloss', '该区提出“1+3”布局，即一个愿景、三条廊道。“1”是打造滨江花园城区该一个愿景；“3”是沿江、沿河、沿山三条廊道。', [
      [1, '一个愿景', ['打造滨江花园城区']],
      [3, '三条廊道', ['沿江', '沿河', '沿山']],
    ]],
    ['这一个核心 in a bracketed list', '该镇确立“1+2”格局（一个核心、两大片区）。“1”即做强集镇这一个核心；“2”指东部、西部两大片区。', [
      [1, '一个核心', ['做强集镇']],
      [2, '两大片区', ['东部', '西部']],
    ]],
  ])('%s', (_kind, text, expected) => {
    expect(components(text)).toEqual(expected);
    // The labels named in the list before the glosses are the components again, not enumerations of their own.
    const labels = analyze(text).enumerations.map((e) => e.label);
    for (const [, label] of expected) expect(labels).not.toContain(label);
  });
});
