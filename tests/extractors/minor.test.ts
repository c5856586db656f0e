import { analyze, at } from '../helpers';

describe('slogans, quantities, directives, people, keywords', () => {
  test('quoted watchwords and compound numeric slogans split into parts', () => {
    const text = '坚决破除“庸懒散拖”，构建一核两带三区发展格局，规划建设“两园区、一中心”。';
    const slogans = analyze(text).slogans;
    expect(slogans.map((s) => s.text)).toEqual(['庸懒散拖', '两园区、一中心', '一核两带三区']);
    expect(slogans[2].parts.map((p) => p.text)).toEqual(['一核', '两带', '三区']);
    for (const slogan of slogans) expect(at(text, slogan.span)).toBe(slogan.text);
  });

  test('quantities carry value, unit and noun', () => {
    const [quantity] = analyze('全区35家规上企业代表参加会议。').quantities;
    expect(quantity).toMatchObject({ text: '35家规上企业代表', value: 35, unit: '家', noun: '规上企业代表' });
  });

  test('会议强调/要求 statements up to the sentence end', () => {
    const text = '会议强调，要坚持项目为王。会议要求，要压实责任、狠抓落实。';
    const directives = analyze(text).directives;
    expect(directives.map((d) => [d.speaker, d.verb, d.text])).toEqual([
      ['会议', '强调', '要坚持项目为王'],
      ['会议', '要求', '要压实责任、狠抓落实'],
    ]);
    expect(at(text, directives[1].span)).toBe('要压实责任、狠抓落实');
  });

  test('editors and reporters are people, not officials', () => {
    const text = '某区召开会议。\n（记者 孟凡卓 通讯员 童欣然）\n责任编辑：舒婉清';
    const result = analyze(text);
    expect(result.people.map((p) => [p.name, p.role])).toEqual([
      ['孟凡卓', '记者'],
      ['童欣然', '通讯员'],
      ['舒婉清', '责任编辑'],
    ]);
    expect(result.officials).toEqual([]);
    for (const person of result.people) expect(at(text, person.span)).toBe(person.name);
  });

  test('keywords skip digits, file names, stop words and single characters', () => {
    const text = '微信图片_20230101.jpg\n2023年，数字经济成为新区发展的主引擎，数字经济规模突破1000亿元，数字经济企业不断集聚。';
    const words = analyze(text).keywords.map((k) => k.word);
    expect(words[0]).toBe('数字经济');
    for (const word of words) {
      expect(word.length).toBeGreaterThan(1);
      expect(word).not.toMatch(/^\d|jpg|发展/);
    }
  });
});
