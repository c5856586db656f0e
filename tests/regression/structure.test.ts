/**
 * Issue 11: formulas, enumerations and industries read from the whole document. One short text per kind of
 * failure, written for these tests in the style of government news; each asserts the exact items.
 */
import { buildOutline, markerAt } from '../../src/grammar/outline';
import { testContext } from '../context';
import { analyze, at } from '../helpers';

type Row = [number | string, string, string[]];
const enumerations = (text: string): Row[] => analyze(text).enumerations.map((e) => [e.count, e.label, e.items.map((i) => i.text)]);
const components = (text: string, formula?: string): Row[] => {
  const frameworks = analyze(text).frameworks;
  const framework = formula ? frameworks.find((f) => f.formula === formula) : frameworks[0];
  return (framework?.components ?? []).map((c) => [c.count, c.label, c.items.map((i) => i.text)]);
};
const industries = (text: string) => analyze(text).industries.map((i) => i.name);

describe('the failing input of the issue', () => {
  const text = '平湖区召开2023年工业经济工作会议\n\n2月13日，平湖区召开2023年工业经济工作会议。会议强调，要做强三大主导产业：新能源汽车、集成电路、生物医药；做优三大平台：科创平台、开放平台、金融平台。';

  test('two counted lists glued to verbs, split by ；', () => {
    expect(enumerations(text)).toEqual([
      [3, '三大主导产业', ['新能源汽车', '集成电路', '生物医药']],
      [3, '三大平台', ['科创平台', '开放平台', '金融平台']],
    ]);
  });

  test('their industries, with spans on the input', () => {
    const result = analyze(text);
    expect(result.industries.map((i) => i.name)).toEqual(['新能源汽车', '集成电路', '生物医药']);
    for (const industry of result.industries) expect(at(text, industry.span)).toBe(industry.name);
  });
});

describe('document outline', () => {
  test('ordinal markers of each family, and bare numerals that are no markers', () => {
    const marker = (text: string) => {
      const m = markerAt(text, 0);
      return m && [m.family, m.index, text.slice(m.end)];
    };
    expect(marker('二是扩大投资')).toEqual(['是', 2, '扩大投资']);
    expect(marker('第三，深化改革')).toEqual(['第', 3, '深化改革']);
    expect(marker('（四）强化保障')).toEqual(['（）', 4, '强化保障']);
    expect(marker('五、加强领导')).toEqual(['、', 5, '加强领导']);
    expect(marker('⑥优化服务')).toEqual(['①', 6, '优化服务']);
    expect(marker('其次，抓好园区')).toEqual(['首先', 2, '抓好园区']);
    expect(marker('一网统管全域')).toBeNull();
  });

  test('headings, front matter and numbered title lines', () => {
    const text = '---\ntitle: 示例\n---\n强化要素保障\n（一）优化审批服务\n该区持续深化改革，压缩审批时限。\n二是抓好项目，扩大投资。';
    const ctx = testContext(text);
    const outline = buildOutline(ctx);
    expect(outline.paragraphs.map((p) => [text.slice(p.start, p.end), !!p.frontMatter, p.heading, p.marker ? `${p.marker.family}${p.marker.index}` : null])).toEqual([
      ['---', true, false, null],
      ['title: 示例', true, false, null],
      ['---', true, false, null],
      ['强化要素保障', false, true, null],
      ['（一）优化审批服务', false, true, '（）1'],
      ['该区持续深化改革，压缩审批时限。', false, false, null],
      ['二是抓好项目，扩大投资。', false, false, '是2'],
    ]);
  });
});

describe('members in the next paragraphs', () => {
  test('a label ending its paragraph, then paragraphs opening 一是 … 四是', () => {
    const text = '会议要求抓好四个方面工作。\n一是稳住工业基本盘，加快技改投入。\n二是扩大有效投资，狠抓项目建设。\n三是提振消费市场，培育新型业态。\n四是守牢安全底线，防范化解风险。';
    expect(enumerations(text)).toEqual([[4, '四个方面工作', ['稳住工业基本盘，加快技改投入', '扩大有效投资，狠抓项目建设', '提振消费市场，培育新型业态', '守牢安全底线，防范化解风险']]]);
  });

  test('第一 … 第三 paragraphs after a verb glued to the count (推进三项)', () => {
    const text = '全区将重点推进三项改革。\n第一，深化放管服改革，压缩审批时限。\n第二，推进国企改革，完善治理结构。\n第三，深化农村改革，盘活闲置资源。';
    expect(enumerations(text)).toEqual([[3, '三项改革', ['深化放管服改革，压缩审批时限', '推进国企改革，完善治理结构', '深化农村改革，盘活闲置资源']]]);
  });

  test('首先 … 其次 … 最后', () => {
    const text = '下一步要突出三个重点：\n首先，抓好春季招商，引进一批好项目。\n其次，抓好园区建设，补齐配套短板。\n最后，抓好队伍建设，提升干部能力。';
    expect(enumerations(text)).toEqual([[3, '三个重点', ['抓好春季招商，引进一批好项目', '抓好园区建设，补齐配套短板', '抓好队伍建设，提升干部能力']]]);
  });

  test('parallel paragraphs opening with a quoted name and a shared frame', () => {
    const text = '该镇探索形成三种治理模式。\n“积分超市”模式：村民参与环境整治可获积分。\n“红白理事”模式：移风易俗由理事会牵头。\n“乡贤议事”模式：重大村务先由乡贤协商。';
    expect(enumerations(text)).toEqual([[3, '三种治理模式', ['积分超市', '红白理事', '乡贤议事']]]);
  });

  test('parallel paragraphs 在…方面', () => {
    const text = '今年，该县着力做好三项工作。\n在项目建设方面，全年新开工项目同比增长。\n在招商引资方面，签约落地一批龙头企业。\n在民生保障方面，新增城镇就业岗位。';
    expect(enumerations(text)).toEqual([[3, '三项工作', ['项目建设', '招商引资', '民生保障']]]);
  });

  test('section headings that share a shape, after the label', () => {
    const text = '记者从两个维度观察了该区的变化。\n对接“产”与“学”\n企业和高校共建实验室，成果就地转化。\n融合“城”与“乡”\n公交线路延伸到每个村，城乡差距缩小。';
    expect(enumerations(text)).toEqual([[2, '两个维度', ['对接“产”与“学”', '融合“城”与“乡”']]]);
  });

  test('a heading label and parallel clauses sharing a frame in the next paragraph', () => {
    const text = '严格“三项管理”确保工程质量\n该县严格执行招投标规定，杜绝围标串标。严格资金拨付程序，确保专款专用。严格竣工验收标准，不合格不交付。';
    expect(enumerations(text)).toEqual([[3, '“三项管理”', ['严格执行招投标规定', '严格资金拨付程序', '严格竣工验收标准']]]);
  });

  test('parallel sentences sharing a frame 守住“…”关, and headings 深入开展“…”行动', () => {
    expect(enumerations('今年要守好三道关口。\n守住“选址”关。严格审核用地手续。\n守住“设计”关。推行农房标准图集。\n守住“验收”关。实行多部门联合验收。')).toEqual([
      [3, '三道关口', ['选址', '设计', '验收']],
    ]);
    expect(enumerations('全市部署三大专项行动。\n深入开展“清源”行动\n全面排查污染源头。\n深入开展“净水”行动\n整治黑臭水体。\n深入开展“护岸”行动\n修复河道岸线。')).toEqual([
      [3, '三大专项行动', ['清源', '净水', '护岸']],
    ]);
  });

  test('a topic sentence carrying the label, then sentences opening …方面', () => {
    const text = '该县着力培育两大主导产业。茶产业方面，新增茶园面积五千亩。竹产业方面，引进竹木加工企业三家。';
    expect(enumerations(text)).toEqual([[2, '两大主导产业', ['茶产业', '竹产业']]]);
    expect(industries(text)).toEqual(['茶产业', '竹产业']);
  });

  test('quoted lead phrases opening paragraphs', () => {
    const text = '该区打造“三个一”数字治理体系。\n“一网”统全域。依托城市大脑汇聚各类数据。\n“一屏”观全局。指挥中心实时调度。\n“一端”办事情。群众掌上办理各类事项。';
    expect(enumerations(text)).toEqual([[3, '“三个一”', ['一网', '一屏', '一端']]]);
  });

  test('a numbered run in the next paragraphs is not taken by a label in the middle of a paragraph', () => {
    const text = '全区完成三项改革任务，成效明显，群众满意度持续提升，各项指标稳中有进。\n一是加快项目建设。\n二是优化营商环境。';
    expect(enumerations(text)).toEqual([]);
  });
});

describe('members anywhere nearby', () => {
  test('members before the label, with a digit count', () => {
    expect(enumerations('今年将在甲县、乙县、丙县3个县开展试点。')).toEqual([[3, '3个县', ['甲县', '乙县', '丙县']]]);
  });

  test('a partial list closed by 等 gives the named members and no count warning', () => {
    const result = analyze('今年，全县重点整治占道经营、乱贴广告、噪音扰民等9类问题。');
    expect(result.enumerations.map((e) => [e.count, e.label, e.items.map((i) => i.text)])).toEqual([[9, '9类问题', ['占道经营', '乱贴广告', '噪音扰民']]]);
    expect(result.warnings.map((w) => w.code)).not.toContain('count-mismatch');
  });

  test('one member named before 等 and the count', () => {
    expect(enumerations('优先保障低保户等4类重点对象的住房安全。')).toEqual([[4, '4类重点对象', ['低保户']]]);
  });

  test('a count glued to an adjective, members after a colon', () => {
    expect(enumerations('该区要品质优三方面：环境优、服务优、配套优。')).toEqual([[3, '三方面', ['环境优', '服务优', '配套优']]]);
  });

  test('a list introduced later in the sentence (由…构成，包括…)', () => {
    expect(enumerations('报告设计了由四个维度构成的评价体系，包括基础设施、人力资源、金融服务、政务环境。')).toEqual([
      [4, '四个维度', ['基础设施', '人力资源', '金融服务', '政务环境']],
    ]);
  });

  test('quoted members that contain 、 are not split', () => {
    expect(enumerations('始终坚持“因户施策、一户一档”、“公开透明、阳光操作”、“自愿申请、自建为主”三项原则。')).toEqual([
      [3, '三项原则', ['因户施策、一户一档', '公开透明、阳光操作', '自愿申请、自建为主']],
    ]);
  });

  test('a last member joined by 与 stays whole when the count says so', () => {
    expect(enumerations('审批涉及行政审批局、自然资源局、建设与交通局等3个部门。')).toEqual([[3, '3个部门', ['行政审批局', '自然资源局', '建设与交通局']]]);
  });

  test('a preposition inside the first member is not part of it; verb-object members keep their verb', () => {
    expect(enumerations('报告从农业、工业、服务业三个方面作了部署。')).toEqual([[3, '三个方面', ['农业', '工业', '服务业']]]);
    expect(enumerations('要打好三大攻坚战：防风险、治污染、稳就业等。')).toEqual([[3, '三大攻坚战', ['防风险', '治污染', '稳就业']]]);
  });

  test('levels listed with 、 are members without the verb before them', () => {
    expect(enumerations('大力推行县、乡、村三级便民服务模式。')).toEqual([[3, '三级便民服务模式', ['县', '乡', '村']]]);
  });

  test('two whole quotations joined by 和', () => {
    expect(enumerations('确定“东区厂房改造”和“西区仓储扩建”两个项目开展试点。')).toEqual([[2, '两个项目', ['东区厂房改造', '西区仓储扩建']]]);
  });

  test('a repeated subject is no frame: the same name opening sentences gives no members', () => {
    const text = '该县公布三项措施。\n县发改局局长介绍，今年扩大投资。县发改局局长介绍，今年优化服务。县发改局局长介绍，今年强化保障。';
    expect(enumerations(text)).toEqual([[3, '三项措施', []]]);
  });

  test('two members after 即', () => {
    expect(enumerations('会议要求，落实“两个责任”，即主体责任和监督责任。')).toEqual([[2, '“两个责任”', ['主体责任', '监督责任']]]);
  });

  test('fused one-character levels before the count', () => {
    expect(enumerations('该县建立县乡两级联动机制，确保责任落实。')).toEqual([[2, '两级联动机制', ['县', '乡']]]);
    expect(enumerations('组建县乡村三级工作专班。')).toEqual([[3, '三级工作专班', ['县', '乡', '村']]]);
  });

  test('a number inside the label', () => {
    expect(enumerations('该市将着力打造3个千亿元级集群。')).toEqual([[3, '3个千亿元级集群', []]]);
  });

  test('counts and measure words alone: after their list, or as a quoted name', () => {
    expect(enumerations('C级危房重点实施换屋顶、加圈梁、修地基、通管网4项，逐户落实。')).toEqual([[4, '4项', ['换屋顶', '加圈梁', '修地基', '通管网']]]);
    expect(enumerations('该市出台“稳岗十条”，帮助企业渡过难关。')).toEqual([[10, '“稳岗十条”', []]]);
  });

  test('one set named twice is one enumeration', () => {
    expect(enumerations('全市出台《支持民营经济发展二十条》，简称“民营二十条”。')).toEqual([[20, '《支持民营经济发展二十条》', []]]);
  });

  test('a later mention that defines the set gives its members', () => {
    const text = '该市建立“三级调度”工作机制。\n‘三级调度’指的是市级领导季度调度；专班每月调度；部门每周调度。';
    expect(enumerations(text).map(([count, , items]) => [count, items])).toEqual([[3, ['市级领导季度调度', '专班每月调度', '部门每周调度']]]);
  });
});

describe('enumeration or not', () => {
  test('quantities of work done are not enumerations', () => {
    expect(enumerations('今年全市开工20个项目，命名首批40个特色镇。')).toEqual([]);
  });

  test('a ranking mention is not an enumeration', () => {
    expect(enumerations('该案例获评全国十大案例之一。')).toEqual([]);
  });

  test('a numeral read by the segmenter as part of a word is no count', () => {
    expect(enumerations('该市修订三条例，小王购买三套房。')).toEqual([]);
    expect(enumerations('要进一步统一思想。')).toEqual([]);
  });

  test('places counted without their names are quantities', () => {
    expect(enumerations('活动覆盖全国4省市。')).toEqual([]);
  });
});

describe('formulas explained anywhere', () => {
  test('a gloss per number, members joined by 、, and an open count', () => {
    const text = '该区构建“1+2+N”服务体系。“1”即一个数据平台，“2”指网格员队伍、志愿者队伍两支队伍，“N”即各类服务场景。';
    expect(components(text)).toEqual([
      [1, '一个数据平台', ['数据平台']],
      [2, '两支队伍', ['网格员队伍', '志愿者队伍']],
      ['N', '各类服务场景', []],
    ]);
  });

  test('a gloss that lists its members without a counted phrase', () => {
    expect(components('该区构建“1+2”服务体系。“1”即数据平台，“2”指网格员队伍和志愿者队伍。')).toEqual([
      [1, '数据平台', ['数据平台']],
      [2, '网格员队伍和志愿者队伍', ['网格员队伍', '志愿者队伍']],
    ]);
  });

  test('two equal numbers explained by one gloss', () => {
    expect(components('构建“1+1+3”体系。“1”即以人才引领为核心和建设一个城市中台，“3”是政务、民生、产业三大板块。')).toEqual([
      [1, '以人才引领为核心', ['人才引领']],
      [1, '一个城市中台', ['城市中台']],
      [3, '三大板块', ['政务', '民生', '产业']],
    ]);
  });

  test('names joined by plus signs spell the formula out', () => {
    expect(components('该村构建“1+1+1+N”治理体系，即“党支部+村委会+监委会+各类协会”，推动共建共治。')).toEqual([
      [1, '党支部', ['党支部']],
      [1, '村委会', ['村委会']],
      [1, '监委会', ['监委会']],
      ['N', '各类协会', []],
    ]);
  });

  test('a run of clauses matching the numbers', () => {
    expect(components('该村确立“1+1+3”发展思路：在龙头企业带动下，以乡村旅游为主线，以稻、虾、菇三大产业为支撑。')).toEqual([
      [1, '在龙头企业带动下', ['龙头企业']],
      [1, '以乡村旅游为主线', ['乡村旅游']],
      [3, '三大产业', ['稻', '虾', '菇']],
    ]);
  });

  test('members just before the formula', () => {
    expect(components('该市聚焦生物制药和新能源材料“1+1”产业定位，加快项目落地。')).toEqual([
      [1, '生物制药', ['生物制药']],
      [1, '新能源材料', ['新能源材料']],
    ]);
  });

  test('a heading names the formula first; the later mention explains it', () => {
    const text = '实施“1＋3”工程\n近年来，该区持续推进“1＋3”工程，即一个核心区、三个功能区，功能区包括研发区、孵化区、产业区。';
    const result = analyze(text);
    expect(result.frameworks.map((f) => f.formula)).toEqual(['1+3']);
    expect(components(text)).toEqual([
      [1, '一个核心区', ['核心区']],
      [3, '三个功能区', ['研发区', '孵化区', '产业区']],
    ]);
  });

  test('notation: ➕ and ＋ with spaces, multi-digit parts, lower-case n', () => {
    const formulas = analyze('该县推出“1 ➕ 3”帮扶机制，推行“1＋10＋n”模式和“2 + 12”工作法。').frameworks.map((f) => f.formula);
    expect(formulas).toEqual(['1+3', '1+10+N', '2+12']);
  });

  test('names joined by plus signs just before the formula', () => {
    expect(components('该镇形成了“党建引领+网格治理+志愿服务”的“1+1+1”模式。')).toEqual([
      [1, '党建引领', ['党建引领']],
      [1, '网格治理', ['网格治理']],
      [1, '志愿服务', ['志愿服务']],
    ]);
  });

  test('a formula the text never explains has no components, and counted phrases elsewhere stay enumerations', () => {
    const text = '去年该区提出“2+3”工作法，成效明显。\n会议强调，要抓好三项重点任务和两个保障。';
    expect(components(text)).toEqual([]);
    expect(enumerations(text).map(([, label]) => label)).toEqual(['三项重点任务', '两个保障']);
  });

  test('a counted phrase in the next clause with no link is not a component', () => {
    expect(components('该县以“1+5+N”治理模式，织密一张基层治理网络，群众办事更方便。')).toEqual([]);
  });
});

describe('industries as noun phrases under an industry label', () => {
  test('a verb phrase names no industry', () => {
    expect(industries('要运用数字技术改造提升传统产业。')).toEqual([]);
  });

  test('a list that is the instrument of a verb before the label names no industry', () => {
    expect(industries('要用好智能技术、低碳技术改造提升传统优势产业，培育先进材料、智能制造等主导产业。')).toEqual(['先进材料', '智能制造']);
  });

  test('生物医药与健康 stays one', () => {
    expect(industries('该区做大生物医药与健康、新材料两大主导产业。')).toEqual(['生物医药与健康', '新材料']);
  });

  test('主导产业为 A、B和C: the last member split at 和', () => {
    expect(industries('全县主导产业为茶叶、竹木加工和生态旅游。')).toEqual(['茶叶', '竹木加工', '生态旅游']);
  });

  test('a copula names one industry', () => {
    expect(industries('纺织业是该县的传统优势产业。')).toEqual(['纺织业']);
  });

  test('以 … 为主导产业: the lead-in is trimmed', () => {
    expect(industries('当地以食品加工、纺织服装为主导产业。')).toEqual(['食品加工', '纺织服装']);
  });

  test('新兴产业 or 未来产业 alone are no label; 战略性新兴产业 is', () => {
    expect(industries('该市大力发展新兴产业，布局人工智能、量子信息等未来产业。')).toEqual([]);
    expect(industries('该市培育集成电路、新型显示等战略性新兴产业。')).toEqual(['集成电路', '新型显示']);
  });

  test('a quoted group before 等 and a bracket inside a name', () => {
    expect(industries('推动“钢化电”等传统支柱产业转型。')).toEqual(['钢化电']);
    expect(industries('推动人工智能（算法）、机器人等战略性新兴产业发展。')).toEqual(['人工智能（算法）', '机器人']);
  });

  test('only the 等-group next to the label', () => {
    expect(industries('当地盛产茶叶、竹笋，并培育了光伏、储能等重点产业。')).toEqual(['光伏', '储能']);
  });
});
