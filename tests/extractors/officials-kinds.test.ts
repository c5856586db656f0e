import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze as analyzeWith } from '../../src/analyzer';
import { analyze, at } from '../helpers';

/** [name, titles, roles] of every official, in order. */
function officialsOf(text: string): Array<[string, string[], string[]]> {
  return analyze(text).officials.map((o) => [o.name, o.titles, o.roles]);
}

const names = (text: string) => analyze(text).officials.map((o) => o.name);

describe('officials: the two failing inputs of the issue', () => {
  test('a name ends before 同 (江成 同与会企业代表座谈交流)', () => {
    const text = '青山区召开2023年项目建设推进会\n\n3月6日，青山区召开2023年项目建设推进会。区委书记江成同与会企业代表座谈交流，区委副书记、区长罗海平主持会议。';
    expect(officialsOf(text)).toEqual([
      ['江成', ['区委书记'], []],
      ['罗海平', ['区委副书记', '区长'], ['主持']],
    ]);
  });

  test('a name before its title (韩正副区长) is its own person', () => {
    const text = '北湖区召开2023年营商环境优化大会\n\n2月20日，北湖区召开2023年营商环境优化大会。区委书记刘建华、韩正副区长出席会议。会议由韩正副区长主持。';
    const result = analyze(text);
    expect(result.officials.map((o) => [o.name, o.titles, o.roles])).toEqual([
      ['刘建华', ['区委书记'], ['出席']],
      ['韩正', ['副区长'], ['出席', '主持']],
    ]);
    for (const official of result.officials) for (const span of official.spans) expect(at(text, span)).toBe(official.name);
  });
});

describe('officials: where a name ends', () => {
  test.each([
    ['会上，副市长程远说，要抓好项目。', '程远'],
    ['副市长顾浩等出席会议。', '顾浩'],
    ['区长朱民今天到企业调研。', '朱民'],
    ['镇长孙浩20日到村里走访。', '孙浩'],
    ['区委书记张伟作总结讲话。', '张伟'],
    ['市长周成将出席签约活动。', '周成'],
    ['组委会主席林奇通过视频致辞。', '林奇'],
    ['协会主席巴赫来华访问。', '巴赫'],
    ['副市长靳伟因工作原因请假。', '靳伟'],
    ['秘书长阿里互致贺电。', '阿里'],
    ['县县长李全成说。', '李全成'],
  ])('%s → %s (function and time words end it)', (text, name) => {
    expect(names(text)).toEqual([name]);
  });

  test('three-character names stay whole when a single character follows jieba would split off', () => {
    expect(names('区委书记汪明新经常深入基层。')).toEqual(['汪明新']);
    expect(names('党组书记方齐连上任后推动改革。')).toEqual(['方齐连']);
  });

  test('a shorter name inside a longer one is not a mention of it (李明 in 李明远)', () => {
    const text = '主任李明\n县长李明远主持会议。\n';
    const result = analyze(text);
    expect(result.officials.map((o) => [o.name, o.roles])).toEqual([
      ['李明', []],
      ['李明远', ['主持']],
    ]);
    for (const official of result.officials) for (const span of official.spans) expect(at(text, span)).toBe(official.name);
  });

  test('never across a line break', () => {
    expect(names('镇长孙浩\n连呼吁大家参与。')).toEqual(['孙浩']);
  });

  test('a photographer after a title is a person, not an official', () => {
    const result = analyze('副区长赵林 摄');
    expect(result.officials).toEqual([]);
    const credited = analyze('区委书记王磊出席会议。（区委办李娜摄）');
    expect(credited.officials.map((o) => o.name)).toEqual(['王磊']);
    expect(credited.people.map((p) => [p.name, p.role])).toEqual([['李娜', '摄影']]);
  });
});

describe('officials: names that are also words', () => {
  test('a place or noun right after a title is still a name', () => {
    expect(officialsOf('会上，书记江平讲话。市长黄河主持会议。局长高峰在会上表示，要抓落实。')).toEqual([
      ['江平', ['书记'], ['讲话']],
      ['黄河', ['市长'], ['主持']],
      ['高峰', ['局长'], ['讲话']],
    ]);
  });

  test('a head inside a longer word is no title (轮值主席国, 安徽省长丰县)', () => {
    expect(names('作为轮值主席国契机难得。')).toEqual([]);
    expect(names('位于安徽省长丰县的企业。湖南省长沙市委书记出席。')).toEqual([]);
    expect(names('毕业生韩芳给高淳区长信箱写的一封信。')).toEqual([]);
  });

  test('lead-in words are no part of the title (正如, 应)', () => {
    expect(officialsOf('正如市委书记王伟中所说，要抓落实。')).toEqual([['王伟中', ['市委书记'], []]]);
  });

  test('but not a word after paired titles or a verb with its particle', () => {
    expect(names('设立书记/主任信箱，方便群众。')).toEqual([]);
    expect(names('我同村委会主任商量过，决定承包土地。')).toEqual([]);
    expect(names('这是他总统任期中最长的一次出访。')).toEqual([]);
  });
});

describe('officials: surnames, foreign and spaced names', () => {
  test('rare surnames (信, 弓, 习)', () => {
    expect(names('青海省省长信长星出席会议。书记弓建华主持会议。')).toEqual(['信长星', '弓建华']);
  });

  test('transliterated names with any separator or none', () => {
    const text = '外长约翰·克里、国务卿玛丽•安妮、大使阿卜杜拉・阿齐兹、议长让‧皮埃尔、首相保罗．基廷、主席米哈伊尔-戈尔巴乔夫出席。';
    const result = officialsOf(text);
    expect(result.map(([name]) => name)).toEqual(['约翰·克里', '玛丽•安妮', '阿卜杜拉・阿齐兹', '让‧皮埃尔', '保罗．基廷', '米哈伊尔-戈尔巴乔夫']);
    for (const [, , roles] of result) expect(roles).toEqual(['出席']);
    expect(names('以色列总理内塔尼亚胡出席晚宴。总统克林顿24日抵达。部长贾斯蒂卡最近表示欢迎。')).toEqual(['内塔尼亚胡', '克林顿', '贾斯蒂卡']);
  });

  test('a name written with a space between its characters', () => {
    const text = '市长龚 正出席会议并讲话。';
    const [official] = analyze(text).officials;
    expect([official.name, official.roles]).toEqual(['龚正', ['出席', '讲话']]);
    expect(text.slice(official.spans[0][0], official.spans[0][1])).toBe('龚 正');
  });
});

describe('officials: titles', () => {
  test('national, military and foreign titles', () => {
    expect(officialsOf('全国人大常委会委员长乔石、副委员长田纪云出席。战区副司令员李明、驻华大使艾伦出席。')).toEqual([
      ['乔石', ['全国人大常委会委员长'], ['出席']],
      ['田纪云', ['副委员长'], ['出席']],
      ['李明', ['战区副司令员'], ['出席']],
      ['艾伦', ['驻华大使'], ['出席']],
    ]);
  });

  test('an organisation with brackets inside the title stays whole', () => {
    expect(officialsOf('某某开发建设（集团）股份有限公司党委书记吴平出席会议。')).toEqual([
      ['吴平', ['某某开发建设（集团）股份有限公司党委书记'], ['出席']],
    ]);
  });

  test('names before titles, alone or led in by 由', () => {
    expect(officialsOf('会议由韩正副区长主持，刘建华书记出席并讲话。')).toEqual([
      ['韩正', ['副区长'], ['主持']],
      ['刘建华', ['书记'], ['出席', '讲话']],
    ]);
  });

  test('a leader cited before a title as a source is not an official', () => {
    expect(names('会议传达学习了习近平总书记关于安全生产的重要指示精神。区长李强主持会议。')).toEqual(['李强']);
  });
});

describe('officials: roles', () => {
  test('a verb shared by a list of names goes to each', () => {
    expect(officialsOf('区委书记张伟、区长李强、副区长王敏等参加会议。').map(([name, , roles]) => [name, roles])).toEqual([
      ['张伟', ['参加']],
      ['李强', ['参加']],
      ['王敏', ['参加']],
    ]);
  });

  test('a clause with no new subject continues the last one', () => {
    expect(officialsOf('区委书记张伟作总结讲话，对下一步工作作了部署。')[0][2]).toEqual(['总结', '讲话', '部署']);
  });

  test('statements at the event give 讲话; statements to a reporter give nothing', () => {
    expect(officialsOf('会上，区长李强指出，要抓好落实。')[0][2]).toEqual(['讲话']);
    expect(officialsOf('区长王丽对记者表示，今年要抓好项目。')[0][2]).toEqual([]);
    expect(officialsOf('镇党委书记马涛介绍说，村里新修了道路。')[0][2]).toEqual([]);
  });

  test('the one who 听取…汇报 does not 汇报', () => {
    expect(officialsOf('区长王丽听取了各部门的工作汇报。')[0][2]).toEqual([]);
  });

  test('verbs of events: 推介, 回应, 宣布', () => {
    expect(officialsOf('推介会上，副市长周红推介了本地投资环境，局长吴刚回应了企业关切。区长陈立宣布项目开工。').map(([name, , roles]) => [name, roles])).toEqual([
      ['周红', ['推介']],
      ['吴刚', ['回应']],
      ['陈立', ['宣布']],
    ]);
  });

  test('traditional script gives the same canonical roles', () => {
    const traditional = officialsOf('縣委書記林志明出席會議並講話。縣長陳立主持會議。');
    const simplified = officialsOf('县委书记林志明出席会议并讲话。县长陈立主持会议。');
    expect(traditional.map(([, , roles]) => roles)).toEqual(simplified.map(([, , roles]) => roles));
    expect(traditional[0][1]).toEqual(['縣委書記']);
  });
});

describe('officials: word lists extend with --lexicon', () => {
  test('a title, a transliteration character and a name boundary added in an extra directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'officials-lexicon-'));
    try {
      fs.writeFileSync(path.join(dir, 'titles.txt'), '# extra titles\n守备官\n');
      fs.writeFileSync(path.join(dir, 'transliteration-chars.txt'), '# extra characters\n彧\n');
      const text = '守备官彧克赛今天抵达。';
      expect(analyze(text).officials).toEqual([]);
      const result = analyzeWith({ text, path: 'test.txt' }, { lexiconDirs: [dir] });
      expect(result.officials.map((o) => [o.name, o.titles])).toEqual([['彧克赛', ['守备官']]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
