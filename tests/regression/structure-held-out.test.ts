/**
 * Issue 11, second round: kinds of failure found on held-out inputs. Each text is written for these tests in the
 * style of government news and asserts the exact items.
 */
import { analyze as analyzeText } from '../../src/analyzer';
import { analyze } from '../helpers';

type Row = [number | string, string, string[]];
const enumerations = (text: string): Row[] => analyze(text).enumerations.map((e) => [e.count, e.label, e.items.map((i) => i.text)]);
const components = (text: string): Row[] => (analyze(text).frameworks[0]?.components ?? []).map((c) => [c.count, c.label, c.items.map((i) => i.text)]);

describe('a counted phrase in another paragraph is no component without a link', () => {
  const text = '东河区召开2024年项目推进会议\n\n4月3日，东河区召开2024年项目推进会议，提出深化“4+X”服务体系，全年新开工项目20个。\n\n会议要求，要落实四项机制：专班机制、调度机制、考核机制、通报机制。';

  test('the formula has no components and the list stays an enumeration', () => {
    const result = analyze(text);
    expect(result.frameworks.map((f) => [f.formula, f.components.length])).toEqual([['4+X', 0]]);
    expect(enumerations(text)).toEqual([[4, '四项机制', ['专班机制', '调度机制', '考核机制', '通报机制']]]);
  });
});

describe('a gloss per number keeps to its own number', () => {
  test('one thing, a 和-pair and a list', () => {
    const text = '南坪镇召开2024年乡村振兴大会\n\n3月8日，南坪镇召开2024年乡村振兴大会。会议提出，推进“1+2+3”振兴路径：“1”即一个愿景，打造山区共富示范镇；“2”指两大支撑，茶叶加工和乡村旅游；“3”是三项机制，即联农机制、用地机制、考评机制。';
    expect(components(text)).toEqual([
      [1, '一个愿景', ['山区共富示范镇']],
      [2, '两大支撑', ['茶叶加工', '乡村旅游']],
      [3, '三项机制', ['联农机制', '用地机制', '考评机制']],
    ]);
  });
});

describe('counted phrases after a formula', () => {
  test('a count of one names the thing its clause builds; members stop at the next component', () => {
    const text = '西港区召开2024年开放发展大会\n\n2月2日，西港区召开2024年开放发展大会。会议提出，围绕“1+2+2”总体部署，瞄准一个总目标，建成沿海开放新门户；抓好两大重点任务，即港口扩容和保税物流；强化两项保障，健全招商机制、压实干部责任。';
    const rows = components(text);
    expect(rows.slice(0, 2)).toEqual([
      [1, '一个总目标', ['沿海开放新门户']],
      [2, '两大重点任务', ['港口扩容', '保税物流']],
    ]);
    expect(rows[2][1]).toBe('两项保障');
    expect(rows[2][2]).toHaveLength(2);
  });
});

describe('names joined by plus signs', () => {
  test('the open count gets its name as its item', () => {
    const text = '石桥街道召开社区治理推进会\n\n6月1日，石桥街道召开社区治理推进会，推广“1+1+N”共治模式，即“社区党委+居民理事会+各类社会组织”。';
    expect(components(text)).toEqual([
      [1, '社区党委', ['社区党委']],
      [1, '居民理事会', ['居民理事会']],
      ['N', '各类社会组织', []],
    ]);
  });
});

describe('set or quantity past a 的-modifier', () => {
  test('the clause verb decides', () => {
    const text = '北城区召开2024年重点工作会议\n\n1月9日，北城区召开2024年重点工作会议。会议通报，去年全区开工28个重点项目。会议出台稳定外贸的6条措施。';
    expect(enumerations(text)).toEqual([[6, '6条措施', []]]);
  });

  test('a modifier that measures keeps a tally', () => {
    expect(enumerations('我们正加快推进总投资12亿元的9个技改项目。')).toEqual([]);
  });
});

describe('a partial list label runs to its head noun', () => {
  test('等5类突出问题', () => {
    const text = '西湖街道召开市容整治会议\n\n5月6日，西湖街道召开市容整治会议，部署集中整治露天烧烤、乱堆杂物、车辆乱停等5类突出问题。';
    expect(enumerations(text)).toEqual([[5, '5类突出问题', ['露天烧烤', '乱堆杂物', '车辆乱停']]]);
  });
});

describe('Markdown numbered list after a label', () => {
  const md = '# 城东区召开2024年数字经济大会\n\n3月10日，城东区召开2024年数字经济大会。会议提出，今年重点抓好三项任务：\n\n1. **算力设施扩容**\n2. **工业互联网推广**\n3. **智慧城市运营**\n';

  test('the list lines are the members', () => {
    const result = analyzeText({ text: md, path: 'x.md', format: 'markdown' });
    expect(result.enumerations.map((e) => [e.label, e.items.map((i) => i.text)])).toEqual([['三项任务', ['算力设施扩容', '工业互联网推广', '智慧城市运营']]]);
  });

  test('a longer run of lines is not these members', () => {
    const result = analyzeText({ text: md.replace('3. **智慧城市运营**\n', '3. **智慧城市运营**\n4. **数据安全**\n'), path: 'x.md', format: 'markdown' });
    expect(result.enumerations.map((e) => e.items.length)).toEqual([0]);
  });
});

describe('industries named by the clauses after a topic sentence', () => {
  const industries = (text: string) => analyze(text).industries.map((i) => i.name);

  test('the subjects of parallel clauses sharing their next word', () => {
    expect(industries('会议指出，要做大做强主导产业。新材料要加快项目落地，生物医药要突出研发创新，电子信息要扩大产能规模。')).toEqual(['新材料', '生物医药', '电子信息']);
  });

  test('clauses of different shapes name nothing', () => {
    expect(industries('会议指出，要做大做强主导产业。全县上下要加快项目落地，确保完成全年目标。')).toEqual([]);
  });

  test('the label must end its sentence', () => {
    expect(industries('要做大做强主导产业，新材料要加快项目落地，生物医药要突出研发创新。')).toEqual([]);
  });
});
