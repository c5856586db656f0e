import { analyze } from '../helpers';

/** A formula named in one paragraph and explained in the next by counted phrases that repeat its numbers in order. */
describe('formula explained by a run of counted phrases in the next paragraph', () => {
  test('the run 1, 2, 3 after “1+2+3” gives every component', () => {
    const result = analyze(
      '河口县召开2024年经济工作会议\n\n会议指出，今年全县将紧紧围绕“1+2+3”发展路径，奋力推进县域经济高质量发展。\n会议要求，要锚定一个目标，建成沿边开放示范县；要做强两大产业：跨境物流、热带农业；要抓实三项改革：土地改革、投融资改革、园区改革。',
    );
    const [framework] = result.frameworks;
    expect(framework.formula).toBe('1+2+3');
    expect(framework.components.map((component) => [component.count, component.label])).toEqual([
      [1, '一个目标'],
      [2, '两大产业'],
      [3, '三项改革'],
    ]);
    expect(framework.components[2].items.map((item) => item.text)).toEqual(['土地改革', '投融资改革', '园区改革']);
  });

  test('one counted number in the next paragraph is no link (“3+N” then 三项保障)', () => {
    const result = analyze('河口县召开2024年招商工作会议\n\n会议提出“3+N”招商机制，力争引进一批重大项目。\n会议强调，要强化三项保障：用地保障、资金保障、人才保障。');
    expect(result.frameworks[0].components).toEqual([]);
    expect(result.enumerations.map((enumeration) => enumeration.label)).toContain('三项保障');
  });
});
