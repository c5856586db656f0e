import * as fs from 'fs';
import * as path from 'path';
import { analyze as analyzeText } from '../src/analyzer';
import { spansOf } from './helpers';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'zibo-2022.txt');

describe('seed article (fixtures/zibo-2022.txt)', () => {
  const text = fs.readFileSync(FIXTURE, 'utf8');
  const result = analyzeText({ text, path: FIXTURE });

  test('meeting, officials, formula, enumerations and industries', () => {
    expect(result.title?.text).toBe('淄博经济开发区召开2022年工作动员大会');
    expect(result.meeting).toMatchObject({ name: '2022年工作动员大会', organization: '淄博经济开发区', aliases: ['淄博经开区', '经开区'], date: '2022-02-08', dateText: '2月8日' });
    expect(result.officials.map((o) => [o.name, o.titles, o.roles])).toEqual([
      ['袁良', ['市委常委', '秘书长', '区工委书记'], ['出席', '讲话']],
      ['王鉴', ['区工委副书记', '管委会主任'], ['主持', '通报']],
    ]);
    expect(result.frameworks.map((f) => [f.formula, f.components.map((c) => [c.count, c.label, c.items.map((i) => i.text)])])).toEqual([
      ['1+3+3+3', [
        [1, '“一个总目标”', ['未来之城', '绿色之城', '活力之城', '产业新城']],
        [3, '三大重点任务', ['起步区', '产业园区', '基础设施建设']],
        [3, '三个领域', ['高端装备制造', '新材料', '数字经济']],
        [3, '三项保障', ['优化机制', '重塑作风', '提升能力']],
      ]],
    ]);
    expect(result.enumerations.map((e) => [e.label, e.items.map((i) => i.text)])).toEqual([
      ['三个“第一步”问题', ['区域发展', '城市化发展', '产业发展']],
      ['三大主导产业', ['高端装备制造', '新材料', '数字经济']],
    ]);
    expect(result.industries.map((i) => i.name)).toEqual(['高端装备制造', '新材料', '数字经济']);
    expect(result.people).toEqual([expect.objectContaining({ name: '王蓓蓓', role: '编辑' })]);
    expect(result.removed).toHaveLength(9);
    expect(result.slogans.map((s) => s.text)).toEqual(expect.arrayContaining(['松假粗虚慢', '两基地、两中心', '四风']));
  });

  test('every span shows its item in the decoded input', () => {
    for (const [shown, span] of spansOf(result)) {
      expect(text.slice(span[0], span[1])).toBe(shown);
    }
  });
});
