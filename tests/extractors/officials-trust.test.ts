/**
 * Officials and people an analyst can trust: every name whole, every title on its own person, no invented people,
 * roles only for acts at the meeting. One `test.each` table of invented wordings per failure kind.
 */
import { SummaryBuilder, digestOf } from '../../src/aggregate/summary';
import { analyze, at } from '../helpers';

/** [name, titles, roles] of every official, in order. */
function officialsOf(text: string): Array<[string, string[], string[]]> {
  return analyze(text).officials.map((o) => [o.name, o.titles, o.roles]);
}
const names = (text: string) => analyze(text).officials.map((o) => o.name);
const rolesOf = (text: string, name: string) => analyze(text).officials.find((o) => o.name === name)?.roles;
const peopleOf = (text: string) => analyze(text).people.map((p) => p.name);

describe('a list of names after one shared title, the first opening with a dictionary word', () => {
  test.each([
    ['副县长高贵平、李佳欣、王昈、孙增远出席会议。', '副县长', ['高贵平', '李佳欣', '王昈', '孙增远']],
    ['副区长方便民、赵海涛、钱昆出席活动。', '副区长', ['方便民', '赵海涛', '钱昆']],
    ['市委常委高尚文、刘一鸣、周文斌参加会议。', '市委常委', ['高尚文', '刘一鸣', '周文斌']],
    ['市县领导何运达、曹和平、张焕章、胡敏等出席。', '市县领导', ['何运达', '曹和平', '张焕章', '胡敏']],
  ])('%s', (text, title, expected) => {
    const result = officialsOf(text);
    expect(result.map(([name]) => name)).toEqual(expected);
    for (const [, titles, roles] of result) {
      expect(titles).toEqual([title]);
      expect(roles.length).toBe(1);
    }
  });

  test.each([
    ['会议由市县领导主持。'],
    ['这是市县领导干部的责任。'],
    ['政府总理索加瓦雷领导的政党获胜。'],
  ])('a group word without a list of names gives nobody its title: %s', (text) => {
    expect(analyze(text).officials.filter((o) => o.titles.some((t) => t.includes('领导')))).toEqual([]);
  });
});

describe('names neither cut nor run on', () => {
  test('field case: a traditional-script text keeps the whole name (縣長周汎之主持會議)', () => {
    expect(officialsOf('縣長周汎之主持會議。')).toEqual([['周汎之', ['縣長'], ['主持']]]);
  });

  test.each([
    ['区委书记杨懿文在会上强调，要抓落实。', '杨懿文'],
    ['县长庹晓峰出席会议。', '庹晓峰'],
    ['区长禤国维主持会议。', '禤国维'],
    ['市委书记訾宏伟作总结讲话。', '訾宏伟'],
  ])('a rare surname with a two-character given name: %s', (text, name) => {
    expect(names(text)).toEqual([name]);
  });

  test.each([
    ['塔吉克斯坦总统拉赫蒙互致贺电。', '拉赫蒙'],
    ['乌克兰总统泽连斯基参与下一轮会谈。', '泽连斯基'],
    ['俄罗斯总统普京强调，双方要加强合作。', '普京'],
    ['法国总统马克龙出席开幕式。', '马克龙'],
  ])('a foreign name: %s', (text, name) => {
    expect(names(text)).toEqual([name]);
  });

  test.each([
    ['外交部长谢尔盖?拉夫罗夫出席会议。', '谢尔盖?拉夫罗夫'],
    ['国务卿安东尼？布林肯主持会谈。', '安东尼？布林肯'],
    ['外长阿卜杜拉?本?扎耶德出席会议。', '阿卜杜拉?本?扎耶德'],
    ['总理米哈伊尔\uFFFD米舒斯京主持会议。', '米哈伊尔\uFFFD米舒斯京'],
  ])('a transliteration whose separator was garbled: %s', (text, name) => {
    expect(names(text)).toEqual([name]);
  });

  test.each([
    ['二级调研员庞斌包抓通渭县。', '庞斌'],
    ['副县长王军包联三家企业。', '王军'],
    ['乌克兰总统泽连斯基参加会议。', '泽连斯基'],
  ])('a name does not run into the next word: %s', (text, name) => {
    expect(names(text)).toEqual([name]);
  });

  test.each([
    ['特区行政长官林郑月娥发表声明。林郑月娥表示，将全力支持。', '林郑月娥'],
    ['科摩罗总统阿扎利会见代表团。阿扎利说，欢迎投资。', '阿扎利'],
    ['塔吉克斯坦总统拉赫蒙互致贺电。拉赫蒙表示，愿加强合作。', '拉赫蒙'],
  ])('a name read short is completed from its other mentions: %s', (text, name) => {
    expect(names(text)).toEqual([name]);
  });

  test.each([
    ['区长王𪚥主持会议。', '王𪚥'],
    ['区长王𪚥、副区长李䶮出席会议。', '王𪚥'],
    ['市长葛\uFE00明出席会议。', '葛\uFE00明'],
  ])('a character outside the BMP or with a variation selector: %s', (text, name) => {
    const result = analyze(text);
    const official = result.officials.find((o) => o.name === name);
    expect(official).toBeDefined();
    for (const span of official!.spans) expect(at(text, span)).toBe(name);
  });
});

describe('a title belongs to the name it touches', () => {
  test.each([
    ['自治区党委书记吴志强与张小明一行座谈。', '吴志强', '张小明'],
    ['市长李文华与王建国一行进行了会谈。', '李文华', '王建国'],
    ['省委书记陈立新同刘海洋一行座谈交流。', '陈立新', '刘海洋'],
  ])('%s', (text, titled, partner) => {
    const result = officialsOf(text);
    expect(result.map(([name]) => name)).toContain(titled);
    expect(result.map(([name]) => name)).not.toContain(partner);
  });

  test('names joined by 和 after one title share it', () => {
    expect(officialsOf('部党组成员、领导小组副组长易明和倪红出席会议。').map(([name, titles]) => [name, titles])).toEqual([
      ['易明', ['部党组成员', '领导小组副组长']],
      ['倪红', ['部党组成员', '领导小组副组长']],
    ]);
  });
});

describe('title modifiers stay with the title', () => {
  test.each([
    ['美国前总统特朗普发表讲话。', '特朗普', '美国前总统'],
    ['原市委书记李刚出席会议。', '李刚', '原市委书记'],
    ['时任县委书记王林主持会议。', '王林', '时任县委书记'],
    ['玻利维亚前陆军司令苏尼达出席。', '苏尼达', '玻利维亚前陆军司令'],
  ])('%s', (text, name, title) => {
    expect(analyze(text).officials.find((o) => o.name === name)?.titles).toEqual([title]);
  });

  test.each([
    ['原市委书记李刚出席会议。市委书记李刚讲话。', ['原市委书记', '市委书记']],
    ['市委书记李刚讲话。原市委书记李刚出席会议。', ['市委书记', '原市委书记']],
    ['美国前总统特朗普发表讲话。总统特朗普表示欢迎。', ['美国前总统', '总统']],
  ])('a former post and a current one stay apart: %s', (text, titles) => {
    expect(analyze(text).officials[0].titles).toEqual(titles);
  });

  test('the batch summary keeps a former post apart from a current one', () => {
    const builder = new SummaryBuilder();
    builder.add(digestOf(analyze('原市委书记李刚出席会议。')));
    builder.add(digestOf(analyze('市委书记李刚主持会议。')));
    expect(builder.build().officials).toEqual([{ name: '李刚', documents: 2, mentions: 2, titles: ['原市委书记', '市委书记'] }]);
  });

  test.each([
    ['会见美国前总统克林顿。', '美国前总统'],
    ['原平市市长张明出席会议。', '原平市市长'],
    ['7.国际奥委会主席巴赫致辞。', '国际奥委会主席'],
  ])('a place or a list number is no modifier: %s', (text, title) => {
    expect(analyze(text).officials[0].titles).toEqual([title]);
  });
});

describe('no invented people: a candidate needs a name’s evidence', () => {
  test.each([
    ['毛主席英明果断，指挥若定。'],
    ['周总理强调要实事求是。'],
    ['全市上下牢记习近平总书记殷殷嘱托。'],
    ['宣读习近平主席贺信。'],
    ['加强参事文史、决策咨询等工作。'],
    ['做好侨务、保密、参事、史志等工作。'],
    ['局长方面表示同意。'],
    ['书记宣讲团深入基层。'],
  ])('%s', (text) => {
    expect(analyze(text).officials).toEqual([]);
  });

  test.each([
    ['（全景 摄）'],
    ['审核：权限等措施'],
    ['农民富起来，村庄美起来。'],
  ])('no person from a caption or a word: %s', (text) => {
    expect(analyze(text).people).toEqual([]);
  });
});

describe('who counts as an official', () => {
  test.each([
    ['深入学习贯彻习近平总书记重要讲话精神。区长李强主持会议。', '李强'],
    ['今年3月，习近平总书记在当地考察时强调，要扩大开放。省委书记王宁表示，将抓好落实。', '王宁'],
    ['习近平总书记在座谈会上要求，重视技术研发。县委书记苏康说，要落实。', '苏康'],
  ])('a leader cited only as a source is not listed: %s', (text, only) => {
    expect(names(text)).toEqual([only]);
  });

  test.each([
    ['某某科技有限公司总经理张海洋介绍了项目。', '张海洋'],
    ['中国工程院院士钟志明作报告。', '钟志明'],
    ['某某银行支行行长陈立平出席签约仪式。', '陈立平'],
  ])('company executives, researchers and 院士 go to people: %s', (text, name) => {
    const result = analyze(text);
    expect(result.officials.map((o) => o.name)).not.toContain(name);
    expect(result.people.map((p) => p.name)).toContain(name);
  });

  test.each([
    ['村民李桂英说，路修好了。', '李桂英'],
    ['网格员赵晓红每天走访住户。', '赵晓红'],
    ['记者 王晓东 通讯员 刘一凡', '王晓东'],
  ])('people gets named persons who are not officials: %s', (text, name) => {
    expect(peopleOf(text)).toContain(name);
  });
});

describe('roles only for acts at the meeting', () => {
  test.each([
    ['会上，区长王平说：“我们要积极参加培训。”', '王平', ['讲话']],
    ['会上，市委书记李强强调，各部门要主持好专题会议。', '李强', ['讲话']],
    ['会上，县长周明指出，要积极参加招商活动。', '周明', ['讲话']],
  ])('not a verb in quoted or reported speech: %s', (text, name, roles) => {
    expect(rolesOf(text, name)).toEqual(roles);
  });

  test.each([
    ['城东区召开项目推进会\n\n3月2日，城东区召开项目推进会。区长王平出席会议并讲话。会议期间，自治区党委书记吴志强与王平一行进行座谈，深入交流。', '吴志强'],
    ['城东区召开项目推进会\n\n3月2日，城东区召开项目推进会。区长王平出席会议并讲话。在当地期间，副市长张立还考察了产业园区。', '张立'],
    ['城东区召开项目推进会\n\n3月2日，城东区召开项目推进会。区长王平出席会议并讲话。会后，副区长刘敏会见了企业代表并交流。', '刘敏'],
  ])('not another event in the same article: %s', (text, name) => {
    expect(rolesOf(text, name) ?? []).toEqual([]);
  });

  test.each([
    ['会上，副区长王敏介绍了参会企业情况。', '王敏', '参加'],
    ['区长李强传达了讲话精神。', '李强', '讲话'],
    ['局长赵刚宣读了参会人员名单。', '赵刚', '参加'],
    ['副市长孙立发放了发言材料。', '孙立', '发言'],
  ])('not a role from a noun phrase: %s', (text, name, role) => {
    const roles = rolesOf(text, name);
    expect(roles).toBeDefined();
    expect(roles).not.toContain(role);
  });

  test.each([
    ['区委书记张伟，区长李强主持会议。', [['张伟', []], ['李强', ['主持']]]],
    ['市委书记王海，市长刘洋作报告。', [['王海', []], ['刘洋', ['作报告']]]],
    ['区委书记张伟，区长李强出席会议。', [['张伟', ['出席']], ['李强', ['出席']]]],
    ['市委书记王海，市长刘洋，副市长陈立出席会议并讲话。', [['王海', ['出席', '讲话']], ['刘洋', ['出席', '讲话']], ['陈立', ['出席', '讲话']]]],
  ])('a verb belonging to the next person in a comma list stays with that person: %s', (text, expected) => {
    expect(officialsOf(text).map(([name, , roles]) => [name, roles])).toEqual(expected);
  });
});

describe('one title written in two scripts', () => {
  test.each([
    ['管委會主任李平主持會議，管委会主任李平讲话。', ['管委會主任']],
    ['縣長陳立主持會議。县长陈立讲话。', ['縣長']],
    ['区委书记林明出席会议。區委書記林明讲话。', ['区委书记']],
  ])('%s', (text, titles) => {
    expect(analyze(text).officials[0].titles).toEqual(titles);
  });
});
