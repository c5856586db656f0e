import { analyze, at } from '../helpers';

const ARTICLE = [
  '会议指出，要锚定“一个总体定位”，建设“创新之港”，建设“开放之港”。',
  '会议要求，要抓好四大重点工程，以新区开发、园区升级、交通提速、生态修复为抓手，推动全域发展。',
  '会议强调，要强化两项支撑，持续优化服务、提升效能，确保各项工作落地。',
  '下一步，全县上下将紧紧围绕“1＋4＋2”工作思路，真抓实干。',
].join('\n');

describe('frameworks extractor', () => {
  test('formula normalised to ASCII, each number linked to its counted phrase and items', () => {
    const [framework] = analyze(ARTICLE).frameworks;
    expect(framework.formula).toBe('1+4+2');
    expect(at(ARTICLE, framework.span)).toBe('1＋4＋2');
    expect(framework.components.map((c) => [c.count, c.label, c.items.map((i) => i.text)])).toEqual([
      [1, '“一个总体定位”', ['创新之港', '开放之港']],
      [4, '四大重点工程', ['新区开发', '园区升级', '交通提速', '生态修复']],
      [2, '两项支撑', ['优化服务', '提升效能']],
    ]);
    for (const component of framework.components) {
      for (const item of component.items) expect(at(ARTICLE, item.span)).toBe(item.text);
    }
  });

  test('components are not repeated as enumerations', () => {
    expect(analyze(ARTICLE).enumerations.map((e) => e.label)).toEqual([]);
  });

  test('a count that disagrees with its items is a warning', () => {
    const text = '要抓好三大任务：招商、安商、富商、兴商。\n全区围绕“3+1”思路推进。';
    const result = analyze(text);
    expect(result.warnings.map((w) => w.code)).toContain('count-mismatch');
  });

  test('formulas with N and in brackets', () => {
    const result = analyze('构建『1+10+N』政策体系，形成“1＋6”格局。');
    expect(result.frameworks.map((f) => f.formula)).toEqual(['1+10+N', '1+6']);
  });
});
