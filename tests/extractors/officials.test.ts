import { analyze, at } from '../helpers';

describe('officials extractor', () => {
  test('title chains joined by 、 and commas, with roles from the same clause', () => {
    const text = '3月2日，青山县召开2023年经济工作会议，市委常委、副市长，县委书记林晓峰出席并讲话，县委副书记、县长苏定安主持会议。';
    const result = analyze(text);
    expect(result.officials.map((o) => [o.name, o.titles, o.roles])).toEqual([
      ['林晓峰', ['市委常委', '副市长', '县委书记'], ['出席', '讲话']],
      ['苏定安', ['县委副书记', '县长'], ['主持']],
    ]);
    for (const official of result.officials) expect(at(text, official.spans[0])).toBe(official.name);
  });

  test('later sentences that use the name alone add roles', () => {
    const text = '会议由区委书记韩志国主持。\n会上，韩志国通报了上半年重点项目推进情况。';
    const [official] = analyze(text).officials;
    expect(official.name).toBe('韩志国');
    expect(official.roles).toEqual(['主持', '通报']);
    expect(official.spans).toHaveLength(2);
  });

  test('lead-in words before a title are cut off (会议由…)', () => {
    const [official] = analyze('会议由部党组书记、部长郑永和主持并讲话。').officials;
    expect(official.titles).toEqual(['部党组书记', '部长']);
    expect(official.roles).toEqual(['主持', '讲话']);
  });

  test('compound surnames and a name split by a hard line wrap', () => {
    const text = '当天，市人大常委会副主任欧阳明远和开发区管委会主任李旭\n阳出席会议并讲话，对下一步工作作出部署。';
    const result = analyze(text);
    expect(result.officials.map((o) => o.name)).toEqual(['欧阳明远', '李旭阳']);
    const wrapped = result.officials[1];
    expect(text.slice(wrapped.span[0], wrapped.span[1])).toContain('李旭\n阳');
  });

  test('no false people from 书记处, 同志们 or 负责同志', () => {
    const result = analyze('书记处全体同志们参加学习，各部门负责同志列席会议。区委常委会研究了有关事项。');
    expect(result.officials).toEqual([]);
  });

  test('a leader cited only as the source of a doctrine is not an official', () => {
    const result = analyze('会议强调，要深入学习贯彻总书记习近平新时代中国特色社会主义思想。');
    expect(result.officials).toEqual([]);
  });

  test('one title chain before several names separated by 、', () => {
    const result = analyze('局党组成员邵志强、蔺佳琪、欧阳倩参加会议。');
    expect(result.officials.map((o) => [o.name, o.titles, o.roles])).toEqual([
      ['邵志强', ['局党组成员'], ['参加']],
      ['蔺佳琪', ['局党组成员'], ['参加']],
      ['欧阳倩', ['局党组成员'], ['参加']],
    ]);
  });

  test('people joined by 和 or commas share the roles written after the last of them', () => {
    const result = analyze('市委副书记龚振华和市政协主席裘雅文，副市长阙一鸣出席开工仪式。');
    expect(result.officials.map((o) => [o.name, o.roles])).toEqual([
      ['龚振华', ['出席']],
      ['裘雅文', ['出席']],
      ['阙一鸣', ['出席']],
    ]);
  });

  test('a name followed by an ordinary verb is still read whole (no boundary word needed)', () => {
    const [official] = analyze('县委书记蒯明远坦言，改革不能等。').officials;
    expect(official.name).toBe('蒯明远');
    expect(official.titles).toEqual(['县委书记']);
  });

  test('company staff are not officials; a company party secretary is', () => {
    const result = analyze('某某建材有限公司办公室主任葛晓东介绍了情况。某某能源集团党委书记、董事长苗启航出席。');
    expect(result.officials.map((o) => [o.name, o.titles])).toEqual([['苗启航', ['某某能源集团党委书记', '董事长']]]);
  });
});
