/**
 * One short text per pattern that real articles use (issue 3). Texts are written for these tests in the
 * style of government news; each asserts the exact items.
 */
import { analyze, at } from '../helpers';

const officials = (text: string) => analyze(text).officials.map((o) => [o.name, o.titles, o.roles]);
const enumerations = (text: string) => analyze(text).enumerations.map((e) => [e.count, e.label, e.items.map((i) => i.text)]);

describe('officials patterns', () => {
  test('ministry prefixes: 部党组书记、部长 and 驻部纪检监察组组长、部党组成员', () => {
    expect(officials('会议由部党组书记、部长甘文渊主持。驻部纪检监察组组长、部党组成员卓立群出席会议并讲话。')).toEqual([
      ['甘文渊', ['部党组书记', '部长'], ['主持']],
      ['卓立群', ['驻部纪检监察组组长', '部党组成员'], ['出席', '讲话']],
    ]);
  });

  test('一级巡视员 and a chain separated by spaces', () => {
    expect(officials('省住房和城乡建设厅一级巡视员 孔令晨 出席会议。')).toEqual([['孔令晨', ['省住房和城乡建设厅一级巡视员'], ['出席']]]);
  });

  test('a title chain split from the name by a hard line wrap', () => {
    const text = '会议指出，成绩来之不易。督导组组长\n房正宇到会指导，充分肯定了前期工作。';
    expect(officials(text)).toEqual([['房正宇', ['督导组组长'], ['指导']]]);
  });

  test('a transliterated foreign name with the middle dot', () => {
    expect(officials('国际标准化组织主席乌尔里希·贝克尔表示，合作前景广阔。').map(([name]) => name)).toEqual(['乌尔里希·贝克尔']);
  });

  test('the organisation before a title is kept; the lead-in verb is not', () => {
    expect(officials('记者专访了江东市人民政府市长羊思远。')).toEqual([['羊思远', ['江东市人民政府市长'], []]]);
  });

  test('a common word after a title is not a name (总理强调, 总书记关于)', () => {
    expect(analyze('周总理强调，要团结一切可以团结的力量。深入学习总书记关于城市工作的论述。').officials).toEqual([]);
  });

  test('roles stop at the comma where another subject begins; 并讲话 after a comma continues', () => {
    expect(officials('局党组书记、局长芮书航主持会议，并讲话，局党组成员作交流发言，各科室负责人列席会议。')).toEqual([
      ['芮书航', ['局党组书记', '局长'], ['主持', '讲话']],
    ]);
  });

  test('a bare title as the subject speaks for everyone who holds it', () => {
    const text = '局党组成员柏清扬、卞若晨参加会议。会上，局党组成员逐一作对照检查发言。';
    expect(officials(text)).toEqual([
      ['柏清扬', ['局党组成员'], ['参加', '发言']],
      ['卞若晨', ['局党组成员'], ['参加', '发言']],
    ]);
  });

  test('traditional characters: found after conversion, reported as written', () => {
    const text = '會議由縣委書記馮遠航主持，縣長譚靜出席並講話。';
    const result = analyze(text);
    expect(result.officials.map((o) => [o.name, o.titles, o.roles])).toEqual([
      ['馮遠航', ['縣委書記'], ['主持']],
      ['譚靜', ['縣長'], ['出席', '讲话']], // roles are canonical (simplified) verbs
    ]);
    expect(at(text, result.officials[0].spans[0])).toBe('馮遠航');
  });
});

describe('meeting patterns', () => {
  test('a video meeting reported with 召开…视频会议', () => {
    const meeting = analyze('省应急管理厅召开全省防汛工作视频会议\n2023年6月12日，省应急管理厅召开全省防汛工作视频会议。').meeting!;
    expect([meeting.name, meeting.organization, meeting.date, meeting.yearSource]).toEqual(['全省防汛工作视频会议', '省应急管理厅', '2023-06-12', 'explicit']);
  });

  test('a 民主生活会 for last year, dated from the publication line', () => {
    const meeting = analyze('市水利局党组召开2023年度民主生活会\n发布日期：2024-01-30\n1月26日，市水利局党组召开2023年度民主生活会。').meeting!;
    expect([meeting.name, meeting.organization, meeting.date]).toEqual(['2023年度民主生活会', '市水利局党组', '2024-01-26']);
  });

  test('a 座谈会 held by a body whose short form is used later (only forms used on their own are aliases)', () => {
    const meeting = analyze('青川经济技术开发区举行民营企业座谈会\n4月3日，青川经济技术开发区举行民营企业座谈会。会上，青川经开区负责人介绍了政策。').meeting!;
    expect([meeting.name, meeting.aliases]).toEqual(['民营企业座谈会', ['青川经开区']]);
  });

  test('a headline wrapped over two lines is joined; the body is cut where a place or co-organiser begins', () => {
    const text = '市生态环境局在青石县召开全市农村生活污水治理工作\n现场推进会议\n发布日期：2022-05-20\n5月19日，市生态环境局联合市水务局在青石县召开全市农村生活污水治理工作现场推进会议。';
    const result = analyze(text);
    expect(result.title?.text).toBe('市生态环境局在青石县召开全市农村生活污水治理工作现场推进会议');
    expect([result.meeting?.name, result.meeting?.organization, result.meeting?.date]).toEqual(['全市农村生活污水治理工作现场推进会议', '市生态环境局', '2022-05-19']);
  });

  test('a meeting named before 召开 (…会议在某地召开) with the body in front of the name', () => {
    const meeting = analyze('综述\n近日召开的江南省交通运输工作会议在省城召开，会议部署了全年任务。').meeting!;
    expect([meeting.name, meeting.organization, meeting.date]).toEqual(['交通运输工作会议', '江南省', null]);
  });

  test('a feature that holds no meeting', () => {
    expect(analyze('古镇新颜\n走进古镇，青石板路干净整洁，沿街商铺生意兴隆。').meeting).toBeNull();
  });
});

describe('framework and enumeration patterns', () => {
  test('a formula spelled out right after it with 即, a bracketed list, and a single component as its own item', () => {
    const text = '该区构建“1+1+3”服务体系，即一个数据中台，一个指挥中心，“网格巡查、热线受理、上门服务”三大服务渠道。';
    const [framework] = analyze(text).frameworks;
    expect(framework.components.map((c) => [c.count, c.label, c.items.map((i) => i.text)])).toEqual([
      [1, '一个数据中台', ['数据中台']],
      [1, '一个指挥中心', ['指挥中心']],
      [3, '三大服务渠道', ['网格巡查', '热线受理', '上门服务']],
    ]);
  });

  test('members in brackets after a quoted count', () => {
    expect(enumerations('将任务划分为“4个专项”（道路改造、管网更新，绿化提升、停车治理），逐项推进。')).toEqual([
      [4, '“4个专项”', ['道路改造', '管网更新', '绿化提升', '停车治理']],
    ]);
  });

  test('adjacent quoted members before the label', () => {
    expect(enumerations('设置“黄牌”“红牌”两道防线，层层把关。')).toEqual([[2, '两道防线', ['黄牌', '红牌']]]);
  });

  test('（一）…（二）… and 第一…第二… members', () => {
    expect(enumerations('抓好两项重点工作：（一）稳住工业增长；（二）扩大有效投资。')).toEqual([[2, '两项重点工作', ['稳住工业增长', '扩大有效投资']]]);
  });

  test('a count of counts: “五个二” takes the next five counted phrases', () => {
    const text = '全县围绕“五个二”推进工作。建好两个园区，办好两类学校，修好两条干线，抓好两批项目，育好两支队伍。';
    const [nested] = enumerations(text);
    expect(nested).toEqual([5, '“五个二”', ['两个园区', '两类学校', '两条干线', '两批项目', '两支队伍']]);
  });

  test('quoted political sets and numbered rules with a prefix', () => {
    expect(enumerations('坚决落实中央八项规定精神，深刻领悟“两个确立”。').map(([count, label]) => [count, label])).toEqual([
      [8, '八项规定精神'],
      [2, '“两个确立”'],
    ]);
  });

  test('a set to act on is an enumeration; a tally of work done is a quantity', () => {
    const result = analyze('市里出台8条措施，聚焦5类风险。去年完成12项改革任务，改造300个小区。');
    expect(result.enumerations.map((e) => e.label)).toEqual(['8条措施', '5类风险']);
    expect(result.quantities.map((q) => q.text)).toEqual(['12项改革任务', '300个小区']);
  });

  test('party congress numbers are not counts', () => {
    expect(analyze('深入学习党的二十大精神和十九大报告。').enumerations).toEqual([]);
  });

  test('a short back-reference to an earlier set is not a new enumeration', () => {
    expect(enumerations('聚焦茶叶、竹木、药材“三大特色产业”提质增效。做强“三大特色”，带动农民增收。').map(([, label]) => label)).toEqual(['“三大特色产业”']);
  });
});

describe('slogan and industry patterns', () => {
  test('compound numeric slogans split into parts', () => {
    const [slogan] = analyze('加快构建“一中心四平台”体系。').slogans;
    expect([slogan.text, slogan.parts.map((p) => p.text)]).toEqual(['一中心四平台', ['一中心', '四平台']]);
  });

  test('a known industry named right before 产业集群', () => {
    expect(analyze('全力打造汽车零部件产业集群，壮大县域经济。').industries.map((i) => i.name)).toEqual(['汽车零部件']);
  });
});

describe('numbers that are not counts, and headline edge cases', () => {
  test('a decimal written in characters is not a counted phrase (四点二倍)', () => {
    expect(analyze('工业产值增长四点二倍，农业产值增长二点五倍。').enumerations).toEqual([]);
  });

  test('a salutation ending with a colon is not a headline', () => {
    expect(analyze('各位代表：\n现在，我代表县人民政府作报告。').title).toBeNull();
  });

  test('years written in characters are not keywords', () => {
    const words = analyze('一九五三年，国家开始大规模经济建设。一九五三年的工业建设成绩显著，工业建设稳步推进。').keywords.map((k) => k.word);
    expect(words).not.toContain('一九五三年');
    expect(words).toContain('工业');
  });
});

describe('found by the fuzzer', () => {
  test('a stray 、 after a counted phrase and a comma does not crash the list grammar', () => {
    expect(analyze('两个会议指出，、\n').enumerations.map((e) => [e.label, e.items])).toEqual([['两个会议', []]]);
  });
});

describe('counts of time and size', () => {
  test('两位数增长 and 2个小时 are not counted sets', () => {
    expect(analyze('工业增加值实现两位数增长，办理时间压缩至2个小时以内。').enumerations).toEqual([]);
  });
});
