/**
 * A label says how many, its members follow: in 一是… heads, in the first clauses of the next paragraphs, in
 * heading lines of their own, in parallel clauses of one paragraph; or the clause before points back at them.
 * Every text is invented for these tests.
 */
import { analyze } from '../helpers';

type Row = [number, string, string[]];
const enumerations = (text: string): Row[] => analyze(text).enumerations.map((e) => [e.count, e.label, e.items.map((i) => i.text)]);

describe('ordinal heads', () => {
  test.each<[string, string, Row[]]>([
    ['the label in its paragraph’s last sentence, adverbial openings skipped', '会议明确，今年全市要完成四项任务，确保经济平稳运行。\n一是按照省里的部署要求，抓好重大项目建设。\n二是扩大有效投资。\n三是以提升服务效能为目标，深化营商环境改革。\n四是守牢安全底线。', [
      [4, '四项任务', ['抓好重大项目建设', '扩大有效投资', '深化营商环境改革', '守牢安全底线']],
    ]],
    ['ten heads in one long paragraph', '会议提出要抓好十个方面工作。一是稳定工业增长，加快技术改造。二是扩大有效投资，推进项目建设。三是促进消费升级，培育新型业态。四是推动外贸发展，开拓新兴市场。五是深化改革开放，优化营商环境。六是加快乡村振兴，建设和美乡村。七是推进城市更新，完善基础设施。八是加强生态保护，打好污染防治攻坚战。九是保障改善民生，办好民生实事。十是守牢安全底线，防范化解风险。', [
      [10, '十个方面工作', ['稳定工业增长', '扩大有效投资', '消费升级', '外贸发展', '深化改革开放', '乡村振兴', '城市更新', '生态保护', '保障改善民生', '守牢安全底线']],
    ]],
    ['a run of counted phrases inside the heads is no nested set', '会议强调，要落实“四个一”要求。一是制定一个实施方案。二是摸清一张问题清单。三是落实一批试点项目。四是建立一套考核制度。', [
      [4, '“四个一”', ['制定一个实施方案', '摸清一张问题清单', '一批试点项目', '建立一套考核制度']],
    ]],
    ['heads in one sentence', '该县围绕“三个一”开展工作，一是编制一个规划，二是组建一支队伍，三是搭建一个平台。', [
      [3, '“三个一”', ['编制一个规划', '组建一支队伍', '搭建一个平台']],
    ]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });

  test('watchwords listed in a sentence do not take the numbered paragraphs after it', () => {
    const text = '会议要求，要增强“四个意识”、坚定“四个自信”，扎实推进各项工作。\n一要提高政治站位，统一思想认识。\n二要改进工作作风，狠抓落实。\n三要压实主体责任，强化监督。\n四要严守纪律规矩，廉洁从政。';
    expect(enumerations(text).filter(([, label]) => /四个/.test(label)).map(([, , items]) => items)).toEqual([[], []]);
  });
});

describe('the first clauses of the next paragraphs', () => {
  test.each<[string, string, Row[]]>([
    ['three paragraphs opening with a verb', '会议要求做好“三项重点工作”。\n稳住住房消费，支持刚性和改善性需求。\n推进建筑业改革，培育龙头企业。\n加大保障房供给，筹集保障性租赁住房。\n会议还听取了其他汇报。', [
      [3, '“三项重点工作”', ['稳住住房消费', '推进建筑业改革', '加大保障房供给']],
    ]],
    ['two paragraphs, an adjective used as a verb', '该县明确两大任务。\n巩固脱贫成果，防止规模性返贫。\n壮大特色产业，带动农民增收。\n全县上下要凝心聚力。', [
      [2, '两大任务', ['巩固脱贫成果', '壮大特色产业']],
    ]],
    ['after a colon', '会议部署四项工作：\n优化营商环境，开展减证便民行动。\n扩大有效投资，抓好重点项目。\n促进消费回暖，举办促销活动。\n守住安全底线，排查风险隐患。\n会议由副县长主持。', [
      [4, '四项工作', ['优化营商环境', '扩大有效投资', '促进消费回暖', '守住安全底线']],
    ]],
    ['the label not at its paragraph’s end, openings ending with its head', '该县实施三大行动，推动乡村全面振兴。\n实施产业振兴行动。培育特色产业，建设产业园区。\n实施人才振兴行动。引进专业人才，培训高素质农民。\n实施文化振兴行动。建设文化礼堂，开展群众文化活动。', [
      [3, '三大行动', ['产业振兴行动', '人才振兴行动', '文化振兴行动']],
    ]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });

  test('a longer series of paragraphs opening alike is no member list', () => {
    const text = '会议部署两项工作。\n优化营商环境，开展减证便民行动。\n扩大有效投资，抓好重点项目。\n促进消费回暖，举办促销活动。';
    expect(enumerations(text)).toEqual([[2, '两项工作', []]]);
  });
});

describe('heading lines of their own', () => {
  test.each<[string, string, Row[]]>([
    ['one heading quoted, the others not', '全县部署开展三大行动。\n“数字赋能”行动\n全年建成数字车间20个，推动企业上云。\n产业升级行动\n改造提升传统产业，培育新兴产业。\n民生改善行动\n新建学校3所，改造老旧小区。\n下一步，全县将狠抓落实。', [
      [3, '三大行动', ['“数字赋能”行动', '产业升级行动', '民生改善行动']],
    ]],
    ['a layout that repeats the heading line', '该区推进两项改革\n两项改革\n“一窗通办”改革\n设立综合窗口，实现一窗受理。\n“告知承诺”改革\n对符合条件的事项实行告知承诺。', [
      [2, '两项改革', ['一窗通办', '告知承诺']],
    ]],
    ['every heading quoted', '该市聚焦四大工程，全面提升城市品质。\n“绿色出行”工程\n新增公交线路10条。\n“美丽街巷”工程\n整治背街小巷80条。\n“智慧社区”工程\n建成智慧社区30个。\n“安居宜居”工程\n改造老旧小区50个。', [
      [4, '四大工程', ['“绿色出行”工程', '“美丽街巷”工程', '“智慧社区”工程', '“安居宜居”工程']],
    ]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });
});

describe('parallel clauses inside one paragraph', () => {
  test.each<[string, string, Row[]]>([
    ['quoted names opening clauses after the label’s sentence', '该区着力构建三大支撑。“一张图”统筹园区布局，“一条链”构建配套体系，“一站式”服务企业发展。目前已有多家企业入驻。', [
      [3, '三大支撑', ['一张图', '一条链', '一站式']],
    ]],
    ['quoted names after a colon', '该县打造两个品牌：“山水画廊”吸引游客，“田园牧歌”留住乡愁。', [[2, '两个品牌', ['山水画廊', '田园牧歌']]]],
    ['quoted names in the same sentence', '该镇推出三项举措，“一码通”方便办事，“一网管”提升效率，“一站办”减少跑腿。', [
      [3, '三项举措', ['一码通', '一网管', '一站办']],
    ]],
    ['clauses sharing the label’s head and a frame word', '发言中提到了应对两个挑战。\n要以稳定的就业对冲经济下行的挑战，以持续的创新对冲技术封锁的挑战。', [
      [2, '两个挑战', ['经济下行的挑战', '技术封锁的挑战']],
    ]],
    ['；-parts after a label closing its sentence', '改革成效体现在3个方面。在涉及企业开办的审批环节，实现一日办结；对面向群众的公共服务，做到就近可办；深化数据共享，推出一批免证事项。', [
      [3, '3个方面', ['审批环节', '公共服务', '深化数据共享']],
    ]],
    ['；-parts, each opening with what it counts and its figure', '全年3大消费指标较快增长。社会消费品零售总额860亿元，增长8%；网络零售额210亿元，增长15%；餐饮收入95亿元，增长11%。', [
      [3, '3大消费指标', ['社会消费品零售总额', '网络零售额', '餐饮收入']],
    ]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });

  test('；-parts that report results are no members', () => {
    const text = '全市建立三类规划体系。交通网络明显提升，新建道路80公里；城市绿化持续改善，新增绿地30公顷；水利设施加快完善，新建水库2座。';
    expect(enumerations(text)).toEqual([[3, '三类规划体系', []]]);
  });
});

describe('members in the clause before', () => {
  test.each<[string, string, Row[]]>([
    ['quoted names pointed back at with 这是', '“全国文明城市”“国家卫生城市”“国家园林城市”，这是该市近年来获得的三项称号。', [
      [3, '三项称号', ['全国文明城市', '国家卫生城市', '国家园林城市']],
    ]],
    ['a 、-list pointed back at with 上述', '全区新建了图书馆、文化馆、体育馆，上述三类场馆均已免费开放。', [[3, '三类场馆', ['图书馆', '文化馆', '体育馆']]]],
    ['members ending with the label’s head', '各单位要压实领导责任和监管责任，两个责任一起落实。', [[2, '两个责任', ['领导责任', '监管责任']]]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });

  test('a list that runs on past its members is not pointed back at', () => {
    expect(enumerations('比赛在甲市、乙市与丙市三地的十座场馆举行，这是首次由三个城市共同承办。').map(([, label, items]) => [label, items])).not.toContainEqual(['三个城市', expect.arrayContaining([expect.stringContaining('场馆')])]);
  });
});

describe('members counted one each', () => {
  test.each<[string, string, Row[]]>([
    ['一张, 一本, 一段 with modifiers', '该县开展窗口服务提升，每名新入职人员都要掌握三件工具——一张服务清单、一本随身携带的操作手册、一段3分钟的流程视频。', [
      [3, '三件工具', ['服务清单', '操作手册', '流程视频']],
    ]],
    ['一个, 一套', '该镇为每个村配备两类设施：一个便民服务站、一套应急广播系统。', [[2, '两类设施', ['便民服务站', '应急广播系统']]]],
    ['一支, 一张, 一本', '该区为每个网格落实三项保障：一支专职队伍、一张责任清单、一本工作台账。', [
      [3, '三项保障', ['专职队伍', '责任清单', '工作台账']],
    ]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });
});

describe('a list right before the label', () => {
  test.each<[string, string, Row[]]>([
    ['a quotation whose members are split by commas', '该镇按照“群众申请，村级评议，镇级审核，县级审批”四个步骤依次办理。', [
      [4, '四个步骤', ['群众申请', '村级评议', '镇级审核', '县级审批']],
    ]],
    ['a quotation split by 、 and ；', '街道推行“先受理、后补件；当场办、限时结”四项承诺。', [
      [4, '四项承诺', ['先受理', '后补件', '当场办', '限时结']],
    ]],
    ['two verb phrases joined by 和', '要从扩大内需和稳定外需两个方面同时发力。', [[2, '两个方面', ['扩大内需', '稳定外需']]]],
  ])('%s', (_, text, expected) => {
    expect(enumerations(text)).toEqual(expected);
  });

  test.each([
    ['a label that is one name of a 、-list', '会上解读了“四个意识”、“五史”、两个“确保”、“三个务必”等新论断。', '两个“确保”'],
    ['a name and a clause joined by 和', '各级机关和基层单位是落实“两个责任”的主体。', '“两个责任”'],
    ['a subject and a clause joined by 和', '省委和省政府是推动“三项改革”的第一责任方。', '“三项改革”'],
  ])('no members: %s', (_, text, label) => {
    const found = enumerations(text).find(([, written]) => written === label);
    expect(found?.[2] ?? []).toEqual([]);
  });
});
