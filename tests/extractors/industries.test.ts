import { analyze, at } from '../helpers';

describe('industries extractor', () => {
  test('items of an industry enumeration', () => {
    const text = '全力发展新能源汽车、集成电路、生物医药三大支柱产业。';
    const result = analyze(text);
    expect(result.industries.map((i) => i.name)).toEqual(['新能源汽车', '集成电路', '生物医药']);
    for (const industry of result.industries) expect(at(text, industry.span)).toBe(industry.name);
  });

  test('主导产业为 A、B and A、B等特色产业, without generic words', () => {
    const result = analyze('全县主导产业为绿色食品、纺织服装。当地还培育了茶叶、中药材等特色产业，带动产业发展。');
    expect(result.industries.map((i) => i.name)).toEqual(['绿色食品', '纺织服装', '茶叶', '中药材']);
  });
});
