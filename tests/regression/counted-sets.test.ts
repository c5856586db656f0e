/**
 * Counted sets on held-out kinds of wording: measure words and levels outside the word lists, labels cut or
 * merged, false sets, members named before a tally, and industries in more than one group. Every text is written
 * for these tests in the style of government news; each row asserts the exact result.
 */
import { analyze } from '../helpers';

type Row = [number | string, string, string[]];
const enumerations = (text: string): Row[] => analyze(text).enumerations.map((e) => [e.count, e.label, e.items.map((i) => i.text)]);
const industries = (text: string): string[] => analyze(text).industries.map((i) => i.name);

describe('a measure word or level outside the lists, read from the tags', () => {
  test.each<[string, string, Row[]]>([
    ['家 tagged q after digits', '会议邀请青山公司、白河集团2家单位作交流发言。', [[2, '2家单位', ['青山公司', '白河集团']]]],
    ['户 fused with the numeral', '工作组走访了李家、王家两户村民。', [[2, '两户村民', ['李家', '王家']]]],
    ['幅 fused with the numeral, members after a colon', '规划描绘了三幅图景：田园、工厂、江畔。', [[3, '三幅图景', ['田园', '工厂', '江畔']]]],
    ['a function character inside a quoted name', '全县上下要处理好“三对关系”。', [[3, '“三对关系”', []]]],
    ['levels set off by 、', '压实市、区两级责任。', [[2, '两级责任', ['市', '区']]]],
    ['levels named by short nouns before 级', '健全园区企业两级安全责任体系。', [[2, '两级安全责任体系', ['园区', '企业']]]],
    ['two-character levels fused', '落实街道社区两级网格管理。', [[2, '两级网格管理', ['街道', '社区']]]],
    ['places counted by a level word with the other levels in brackets', '东湖、西岭、南山3县（区）作交流发言。', [[3, '3县（区）', ['东湖', '西岭', '南山']]]],
    ['places counted by a level word after 等', '青川、白河等5市开展试点。', [[5, '5市', ['青川', '白河']]]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });

  test.each([
    ['an approximate count', '今年引进20余家企业。'],
    ['a count of a time word', '抢修队连续奋战三个晚上，历时两个多月。'],
    ['an open-class measure word with no members and no set verb', '全镇共有两户村民受灾。'],
    ['a round hundred in an idiom', '沿线百里画廊景色宜人。'],
    ['a level word after a count with no list', '全市有8市民代表参与评议。'],
    ['a grade, not levels', '苏南运河二级航道整治完工。'],
  ])('no set: %s', (_, text) => {
    expect(enumerations(text)).toEqual([]);
  });
});

describe('labels cut or merged', () => {
  test.each<[string, string, Row[]]>([
    ['an amount in digits inside the label', '到2030年，全省形成3个5000亿元级产业集群。', [[3, '3个5000亿元级产业集群', []]]],
    ['a graded amount in Chinese numerals', '全市将打造两个千亿级产业集群。', [[2, '两个千亿级产业集群', []]]],
    [
      'two sets under one label, each with its members',
      '一季度推出三项举措：减税、降费、贴息。二季度又推出三项举措：稳岗、扩招、培训。',
      [
        [3, '三项举措', ['减税', '降费', '贴息']],
        [3, '三项举措', ['稳岗', '扩招', '培训']],
      ],
    ],
    [
      'two counts after their noun under one label, members after 包括：',
      '县里出台扶持政策12条。包括：降低用地成本，减免厂房租金，发放贴息贷款。今年又出台扶持政策12条。包括：发放稳岗补贴，开展技能培训，奖励企业招工。',
      [
        [12, '政策12条', ['降低用地成本', '减免厂房租金', '发放贴息贷款']],
        [12, '政策12条', ['发放稳岗补贴', '开展技能培训', '奖励企业招工']],
      ],
    ],
    ['a list writing one member twice', '建成东湾村、南岭村、南岭村、西坡村三个示范村。', [[3, '三个示范村', ['东湾村', '南岭村', '西坡村']]]],
    ['the same label again is one set', '落实五项制度。各单位要把五项制度执行到位。', [[5, '五项制度', []]]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });
});

describe('false sets', () => {
  test.each<[string, string, Row[]]>([
    ['a longer label after the set', '会议要求答好三个重大命题。全区要交出三个重大命题高分答卷。', [[3, '三个重大命题', []]]],
    ['a shorter label after the set', '着力破解四个发展难题。四个难题破解了，发展就顺了。', [[4, '四个发展难题', []]]],
    ['a quoted word inside a tallied label', '今年建成10个“美丽庭院”示范点。', []],
    ['a large count of matters, not of policy items', '全年推出787项便民事项。', []],
    ['a time word after the measure word', '志愿者利用两个周末走访群众。', []],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });
});

describe('members named before or after a tally', () => {
  test.each<[string, string, Row[]]>([
    ['名称、名称等 N 个 before a tally verb', '青峰电子、蓝湾制药、远航物流等9个外资项目集中开工。', [[9, '9个外资项目', ['青峰电子', '蓝湾制药', '远航物流']]]],
    ['a count after its noun, members after 包括', '全年签约项目16个，包括东湖物流园项目、西岭水厂项目、南港码头项目等。', [[16, '项目16个', ['东湖物流园项目', '西岭水厂项目', '南港码头项目']]]],
    ['members named before 等 and a set verb past them', '推出婚育、入学、就业等10项“一件事”服务。', [[10, '10项“一件事”服务', ['婚育', '入学', '就业']]]],
    ['more than a hundred policy items acted on', '聚焦29个领域，制定249条优化提升措施。', [[29, '29个领域', []], [249, '249条优化提升措施', []]]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });

  test.each([
    ['kinds of vehicles counted in 台', '环卫所新购置洗扫车、洒水车等14台作业车辆。'],
    ['kinds of meetings counted in 场', '全镇召开动员会、推进会等11场会议。'],
    ['an approximate count with members', '开发区引进20余家企业，包括青峰电子、蓝湾制药。'],
    ['members of another noun after 等', '一季度拟开工重大项目155个，包括产业、基础设施、民生等多个领域。'],
  ])('no set: %s', (_, text) => {
    expect(enumerations(text)).toEqual([]);
  });
});

describe('industries in more than one group', () => {
  test.each<[string, string, string[]]>([
    ['a cluster group, then a second group under 优势产业', '该县形成电子信息、汽车制造、航空装备三大产业集群，壮大能源装备、轨道交通、新材料等优势产业。', ['电子信息', '汽车制造', '航空装备', '能源装备', '轨道交通', '新材料']],
    ['a graded cluster phrase', '该区着力打造智能终端、新型显示两大千亿级产业集群。', ['智能终端', '新型显示']],
    ['首位产业 and 优势产业 later in the text', '全县以绿色食品为首位产业。会议强调，要把新能源、新材料作为优势产业来培育。', ['绿色食品', '新能源', '新材料']],
    ['关键产业 as a qualifier', '设立集成电路、生物医药等关键产业发展办公室。', ['集成电路', '生物医药']],
    ['a 产业定位 with a formula', '园区聚焦数字经济和文化旅游“1+1”产业定位。', ['数字经济', '文化旅游']],
    ['one industry after the copula', '该县的首位产业是新能源汽车。', ['新能源汽车']],
    ['a 产业定位 through 的', '园区确立了智能制造和现代物流的产业定位。', ['智能制造', '现代物流']],
    ['a plain count of industries made the priority', '以新一代信息技术、软件和信息服务以及科技服务业等十个产业作为发展重点。', ['新一代信息技术', '软件和信息服务', '科技服务业']],
    ['service industries counted with 大', '前三季度金融、信息服务、科技服务三大优势服务业贡献突出。', ['金融', '信息服务', '科技服务']],
    ['clusters written per member', '做强电子信息产业集群、汽车产业集群和装备制造产业集群。', ['电子信息', '汽车', '装备制造']],
  ])('%s', (_, text, expected) => {
    expect(industries(text)).toEqual(expected);
  });

  test.each([
    ['新兴产业 without a qualifier', '要前瞻布局氢能、量子信息等未来产业和新兴产业。'],
    ['a count of industries with no priority word', '这两个产业近年发展很快。'],
    ['a 和-pair of qualities before 的', '培育具有先进水平和竞争力的战略性新兴产业。'],
    ['a role word after 为', '全省以优势产业为龙头，延伸产业链。'],
    ['a grade in a list of clusters', '锻造更多千亿元级、万亿元级新兴产业集群。'],
  ])('no industries: %s', (_, text) => {
    expect(industries(text)).toEqual([]);
  });
});

describe('members right after a colon keep their first word', () => {
  // After the colon the sentence part is over: 发展, 推进 … open the first member, they do not lead into the list.
  test.each([
    ['会议要求，处理好三个关系：发展与安全、速度与质量、当前与长远。', ['发展与安全', '速度与质量', '当前与长远']],
    ['会议部署两项任务：发展特色农业、建设美丽乡村。', ['发展特色农业', '建设美丽乡村']],
    ['会议提出，统筹好“三对关系”：发展与保护、城市与乡村、存量与增量。', ['发展与保护', '城市与乡村', '存量与增量']],
  ])('%s', (text, items) => {
    const { analyze } = require('../helpers') as typeof import('../helpers');
    expect(analyze(text).enumerations[0].items.map((i) => i.text)).toEqual(items);
  });
});
