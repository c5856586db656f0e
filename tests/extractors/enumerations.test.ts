import { analyze, at } from '../helpers';

describe('enumerations extractor', () => {
  test('items listed before the counted label', () => {
    const text = '做大做强智能家电、生物医药、现代物流三大主导产业。';
    const [enumeration] = analyze(text).enumerations;
    expect(enumeration.label).toBe('三大主导产业');
    expect(enumeration.count).toBe(3);
    expect(enumeration.items.map((i) => i.text)).toEqual(['智能家电', '生物医药', '现代物流']);
    expect(at(text, enumeration.span)).toBe('三大主导产业');
  });

  test('quoted labels without items, counted once', () => {
    const result = analyze('增强“四个意识”、坚定“四个自信”、做到“两个维护”，始终做到“两个维护”。');
    expect(result.enumerations.map((e) => [e.count, e.label, e.items.length])).toEqual([
      [4, '“四个意识”', 0],
      [4, '“四个自信”', 0],
      [2, '“两个维护”', 0],
    ]);
  });

  test('a quoted part inside the label and 一是…二是… items', () => {
    const text = '要破解两个“最后一公里”难题：一是打通服务群众通道，二是畅通政策落地渠道。';
    const [enumeration] = analyze(text).enumerations;
    expect(enumeration.label).toBe('两个“最后一公里”难题');
    expect(enumeration.items.map((i) => i.text)).toEqual(['打通服务群众通道', '畅通政策落地渠道']);
  });

  test('quantities and numeric abbreviations are not enumerations', () => {
    const result = analyze('今年已改造800个小区，完成9项改革任务，驰而不息纠治“四风”。');
    expect(result.enumerations).toEqual([]);
    expect(result.quantities.map((q) => q.text)).toEqual(['800个小区', '9项改革任务']);
  });

  test('ordinal words are not counts (统一大市场, 第一批)', () => {
    expect(analyze('建设全国统一大市场，公布第一批试点名单。').enumerations).toEqual([]);
  });
});
