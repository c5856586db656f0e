import { analyze as analyzeText } from '../../src/analyzer';
import { analyze, at } from '../helpers';

describe('meeting extractor', () => {
  test('name, organisation and aliases from the headline, date from the lead with the headline year', () => {
    const text = '青禾高新技术产业开发区召开2023年招商引资推进大会\n3月6日，青禾高新区召开2023年招商引资推进大会，高新区党工委书记陈立远出席并讲话。\n会后，高新区各部门分头落实。';
    const meeting = analyze(text).meeting!;
    expect(meeting.name).toBe('2023年招商引资推进大会');
    expect(meeting.organization).toBe('青禾高新技术产业开发区');
    expect(meeting.aliases).toEqual(['青禾高新区', '高新区']);
    expect(meeting.date).toBe('2023-03-06');
    expect(meeting.dateText).toBe('3月6日');
    expect(at(text, meeting.dateSpan!)).toBe('3月6日');
    expect(at(text, meeting.organizationSpan!)).toBe('青禾高新技术产业开发区');
  });

  test('a December meeting published in January belongs to the previous year', () => {
    const text = '江北区召开年终工作总结会议\n发布日期：2024-01-04\n12月29日，江北区召开年终工作总结会议。';
    const meeting = analyze(text).meeting!;
    expect(meeting.date).toBe('2023-12-29');
    expect(meeting.yearSource).toBe('publication');
  });

  test('year from an image file timestamp, not from a page-date header', () => {
    const text = '2025年06月01日 星期日\n南湖镇召开安全生产推进会\nIMG_20210315101010.jpg\n3月14日，南湖镇召开安全生产推进会。';
    expect(analyze(text).meeting!.date).toBe('2021-03-14');
  });

  test('近日 or no year evidence gives a null date', () => {
    expect(analyze('某县召开防汛工作会议\n近日，某县召开防汛工作会议。').meeting!.date).toBeNull();
    expect(analyze('某县召开防汛工作会议\n5月8日，某县召开防汛工作会议。').meeting!.date).toBeNull();
  });

  test('an article that reports no meeting has meeting: null', () => {
    expect(analyze('小城的变化\n这几年，小城的道路变宽了，街道变干净了。').meeting).toBeNull();
  });
});

describe('meeting dates in every written form', () => {
  test('a date in Chinese numerals with its year', () => {
    const text = '南坪县召开农业工作会议\n\n二〇二二年三月五日上午，南坪县召开农业工作会议。县委书记吴立中出席并讲话。';
    const meeting = analyze(text).meeting!;
    expect(meeting.date).toBe('2022-03-05');
    expect(meeting.dateText).toBe('二〇二二年三月五日');
    expect(at(text, meeting.dateSpan!)).toBe('二〇二二年三月五日');
  });

  test('十二月二十九日 published in January is last year; the 来源…发布时间 line gives the year', () => {
    const text = '来源：北塘区人民政府网  发布时间：2024-01-05\n\n北塘区召开2024年工作会议\n\n十二月二十九日，北塘区召开2024年工作会议。区长钱立出席。';
    const meeting = analyze(text).meeting!;
    expect(meeting.date).toBe('2023-12-29');
    expect(meeting.yearSource).toBe('publication');
  });

  test('a day alone takes the publication month; 今天 and 昨天 are counted from the publication day', () => {
    expect(analyze('石门镇召开防汛会议\n发布日期：2022-07-09\n8日，石门镇召开防汛会议。').meeting!.date).toBe('2022-07-08');
    expect(analyze('石门镇召开防汛会议\n发布日期：2022-07-03\n28日，石门镇召开防汛会议。').meeting!.date).toBe('2022-06-28');
    expect(analyze('石门镇召开防汛会议\n发布时间：2022/7/9\n今天下午，石门镇召开防汛会议。').meeting!.date).toBe('2022-07-09');
    expect(analyze('石门镇召开防汛会议\n（2022-07-01）\n昨天，石门镇召开防汛会议。').meeting!.date).toBe('2022-06-30');
  });

  test('the date of the sentence just before the one that reports the meeting', () => {
    const text = '春来早\n发布日期：2021-03-02\n一场雨后，天气转暖。3月1日，全省水利系统新春第一场会议聚焦防汛。各地负责人齐聚山城，召开全省防汛现场会。';
    const meeting = analyze(text).meeting!;
    expect(meeting.name).toBe('全省防汛现场会');
    expect(meeting.date).toBe('2021-03-01');
  });
});

describe('meeting shapes and conveners', () => {
  test('…推进会于D日至D日举行: name, place and first day', () => {
    const meeting = analyze('西湾区项目推进会于5月10日至12日举行\n发布日期：2023-05-13\n西湾区项目推进会于5月10日至12日在区政务中心举行。').meeting!;
    expect(meeting.name).toBe('项目推进会');
    expect(meeting.organization).toBe('西湾区');
    expect(meeting.date).toBe('2023-05-10');
  });

  test('由X主办 names the organiser; 隆重举办 reports the meeting', () => {
    const meeting = analyze('2023年文旅推介会隆重举办\n发布日期：2023-04-21\n4月20日，由青川县人民政府主办的2023年文旅推介会在成都隆重举办。').meeting!;
    expect(meeting.name).toBe('2023年文旅推介会');
    expect(meeting.organization).toBe('青川县人民政府');
    expect(meeting.date).toBe('2023-04-20');
  });

  test('在…发布会上: the meeting and the body leading its name', () => {
    const meeting = analyze('数据出炉\n发布日期：2023-03-02\n3月1日，在北江市政府新闻发布会上，副市长郑和介绍了有关情况。').meeting!;
    expect(meeting.name).toBe('新闻发布会');
    expect(meeting.organization).toBe('北江市政府');
  });

  test('two conveners are kept apart, 全市 alone is no body, markup is no part of a body', () => {
    expect(analyze('县总工会、县妇联召开联席会议\n3月1日，县总工会、县妇联召开联席会议。').meeting!.organization).toBe('县总工会');
    expect(analyze('全市召开安全生产会议\n3月1日，全市召开安全生产会议。').meeting!.organization).toBeNull();
    const page = '<html><body><h1>县人大常委会召开第十次会议</h1><p>3月1日，"&gt;县人大常委会召开第十次会议。</p></body></html>';
    const meeting = analyzeText({ text: page, format: 'html' }).meeting!;
    expect(meeting.organization).toBe('县人大常委会');
    expect(meeting.name).toBe('第十次会议');
  });

  test('a routine meeting (定期召开, 每月举行) is not the meeting the article reports', () => {
    expect(analyze('小镇新貌\n这几年，镇里定期召开联席会议，每月举行一次调度会，道路变宽了。').meeting).toBeNull();
  });

  test('a body chairing through a person: the body is taken from the numbered session', () => {
    const meeting = analyze('某某部部署安全生产工作\n近日，某某部部长王立主持召开部安全生产领导小组2022年第一次会议。').meeting!;
    expect(meeting.name).toBe('2022年第一次会议');
    expect(meeting.organization).toBe('部安全生产领导小组');
  });
});

describe('headlines in page layouts', () => {
  test('a table-layout page repeating its headline keeps the meeting date', () => {
    const page =
      '<html><head><title>平湖区召开2023年工业经济工作会议_平湖区人民政府</title></head><body><table><tr><td><b>平湖区召开2023年工业经济工作会议</b></td></tr>' +
      '<tr><td>发布时间：2023-02-14 来源：区政府办</td></tr><tr><td>2月13日，平湖区召开2023年工业经济工作会议。区长李明出席并讲话。</td></tr></table></body></html>';
    const result = analyzeText({ text: page, format: 'html' });
    expect(result.title!.text).toBe('平湖区召开2023年工业经济工作会议');
    expect(result.meeting!.date).toBe('2023-02-13');
  });

  test('an empty <title> takes the headline from the page heading', () => {
    const page = '<html><head><title> </title></head><body><p>访问量：12</p><h1>河口镇召开安全生产推进会</h1><p>5月7日，河口镇召开安全生产推进会。</p></body></html>';
    const result = analyzeText({ text: page, format: 'html' });
    expect(result.title!.text).toBe('河口镇召开安全生产推进会');
    expect(page.slice(...result.title!.span)).toBe('河口镇召开安全生产推进会');
  });

  test('toolbar lines, a dateline and a site-name suffix are not the headline', () => {
    const text = '下载 打印 全屏\n【字号：大 中 小】 收藏 分享\n2023-04-20 10:30\n石桥县召开招商工作会议_石桥县人民政府网\n4月19日，石桥县召开招商工作会议。';
    const result = analyze(text);
    expect(result.title!.text).toBe('石桥县召开招商工作会议');
    expect(result.meeting!.date).toBe('2023-04-19');
  });

  test('headline and body on one line, apart by ideographic spaces', () => {
    const text = '河口镇召开防汛调度会　　6月7日，河口镇召开防汛调度会，镇长王海出席。\n发布时间：2023-06-08';
    const result = analyze(text);
    expect(result.title!.text).toBe('河口镇召开防汛调度会');
    expect(result.meeting!.date).toBe('2023-06-07');
  });
});

describe('page lines before the headline and relative bodies', () => {
  test('an agency dateline and a site line are not the headline; 我市 is no body', () => {
    expect(analyze('新华社北京3月5日电\n某某部召开全国水利工作会议\n3月5日，某某部召开全国水利工作会议。').title!.text).toBe('某某部召开全国水利工作会议');
    expect(analyze('中华人民共和国某某部\n某某部召开安全生产会议\n1月6日，某某部召开安全生产会议。').title!.text).toBe('某某部召开安全生产会议');
    const meeting = analyze('我市召开新闻通气会\n发布时间：2023-05-12 09:30:00\n5月11日，市政府新闻办召开新闻通气会，介绍有关情况。').meeting!;
    expect(meeting.organization).toBe('市政府新闻办');
  });

  test('a day alone after 本报讯（记者…）, the year and month from the publication line at the end', () => {
    const meeting = analyze('本报讯（记者 李华）7日，东山街道召开平安建设工作会议。\n发稿时间：2022-09-08').meeting!;
    expect(meeting.date).toBe('2022-09-07');
    expect(meeting.dateText).toBe('7日');
  });

  test('a place keeps its level word and 城市 is no place', () => {
    expect(analyze('28日，山东德州市优化营商环境动员大会召开。\n发布日期：2020-06-29').meeting!.organization).toBe('山东德州市');
    expect(analyze('中央城市工作会议在北京举行\n7月14日，中央城市工作会议在北京举行。').meeting!.organization).toBeNull();
  });
});

describe('the failing inputs of the issue', () => {
  test('二〇二三年二月十日 gives 2023-02-10', () => {
    const meeting = analyze('西林县召开经济工作会议\n\n二〇二三年二月十日上午，西林县召开经济工作会议。县委书记孙立强出席并讲话，县长周文斌主持会议。').meeting!;
    expect(meeting.date).toBe('2023-02-10');
    expect(meeting.dateText).toBe('二〇二三年二月十日');
  });

  test('来源…发布时间 line: a December meeting published in January is last year', () => {
    const text = '来源：临江区人民政府网  发布时间：2023-01-04\n\n临江区召开2023年经济工作会议\n\n12月29日，临江区召开2023年经济工作会议。区委书记高明远出席并讲话，区长方志诚主持会议。';
    const result = analyze(text);
    expect(result.title!.text).toBe('临江区召开2023年经济工作会议');
    expect(result.meeting!.date).toBe('2022-12-29');
  });
});

test('该区 resolves to the district the text named before', () => {
  const meeting = analyze('新区加快发展\n今年以来，在青溪区，经济稳步增长。3月6日，该区召开优化营商环境大会。').meeting!;
  expect(meeting.organization).toBe('青溪区');
  expect(meeting.name).toBe('优化营商环境大会');
});

describe('more publication and year forms', () => {
  test('去年12月29日 is the year before publication, whatever the month', () => {
    expect(analyze('某县召开总结会议\n发布日期：2024-01-10\n去年12月29日，某县召开总结会议。').meeting!.date).toBe('2023-12-29');
  });

  test('a page line opening with a date and 来源 dates the meeting and is not the headline; every site name is cut', () => {
    const result = analyze('2023-02-14 10:30 来源：区政府办\n平湖区召开工业经济工作会议 - 平湖新闻网 - 某某日报\n2月13日，平湖区召开工业经济工作会议。');
    expect(result.title!.text).toBe('平湖区召开工业经济工作会议');
    expect(result.meeting!.date).toBe('2023-02-13');
  });
});

test('a date or 今天 after the body ends the convener', () => {
  const meeting = analyze('春耕正忙\n发布日期：2023-03-07\n青溪县3月6日召开三级干部大会。').meeting!;
  expect(meeting.organization).toBe('青溪县');
  expect(meeting.date).toBe('2023-03-06');
  expect(analyze('春耕正忙\n发布日期：2023-03-07\n青溪县今天上午召开三级干部大会。').meeting!.organization).toBe('青溪县');
});

describe('which body convened: venues, departments, 全区, two conveners', () => {
  test('在X举行的…会上: the body at whose premises the meeting was held, without 在, up to its head', () => {
    const text = '一季度外贸数据公布\n\n发布日期：2023-04-14\n\n4月13日，在东阳市人民政府新闻办公室召开的新闻发布会上，市商务局局长周敏通报了一季度外贸情况。';
    const meeting = analyze(text).meeting!;
    expect(meeting.organization).toBe('东阳市人民政府新闻办公室');
    expect(at(text, meeting.organizationSpan!)).toBe('东阳市人民政府新闻办公室');
    expect(meeting.name).toBe('新闻发布会');
    expect(meeting.date).toBe('2023-04-13');
    // A level word alone may open the body; a place that is no body (在杭州举行的) gives none.
    expect(analyze('消费季启动\n发布日期：2023-05-10\n5月9日，在市政府新闻办举行的新闻发布会上，市文旅局介绍了安排。').meeting!.organization).toBe('市政府新闻办');
    // A building or a school is no body, nor is a body word that only opens the venue's name.
    for (const venue of ['杭州', '市民中心', '县委党校', '县人民政府会议中心']) {
      expect(analyze(`消费季启动\n发布日期：2023-05-10\n5月9日，在${venue}举行的推介会上，客商签约。`).meeting!.organization).toBeNull();
    }
  });

  test('a meeting noun with 召开 and no convener: 全县/全区 opening the name is no body', () => {
    const meeting = analyze('全县秋粮收购工作座谈会召开\n\n发布日期：2023-09-21\n\n9月20日，全县秋粮收购工作座谈会召开，县长孙平出席。').meeting!;
    expect(meeting.organization).toBeNull();
    expect(meeting.date).toBe('2023-09-20');
    expect(analyze('全市文旅系统发展大会召开\n3月1日，全市文旅系统发展大会召开。').meeting!.organization).toBeNull();
    expect(analyze('安全生产会议召开\n3月1日，全区各镇街各部门召开安全生产会议。').meeting!.organization).toBeNull();
    expect(analyze('常委会会议召开\n3月1日，全国人大常委会召开第五次会议。').meeting!.organization).toBe('全国人大常委会');
  });

  test('a department convener is the whole phrase before the verb, 和 inside it kept, fuller than the headline', () => {
    const text = '江东区召开建筑安全生产通气会\n\n发布时间：2023-07-20\n\n7月19日，江东区住房和城乡建设局召开建筑安全生产通气会，通报上半年情况。';
    const meeting = analyze(text).meeting!;
    expect(meeting.organization).toBe('江东区住房和城乡建设局');
    expect(at(text, meeting.organizationSpan!)).toBe('江东区住房和城乡建设局');
    expect(meeting.name).toBe('建筑安全生产通气会');
    expect(analyze('县发展和改革局召开物价工作会议\n5月4日，县发展和改革局召开物价工作会议。').meeting!.organization).toBe('县发展和改革局');
  });

  test('two conveners are kept apart in the lead and in 由A、B主办; 和 between two bodies parts them too', () => {
    expect(analyze('青年创业座谈会举行\n6月2日，团市委、市人社局召开青年创业座谈会。').meeting!.organization).toBe('团市委');
    const hosted = analyze('非遗展演推介会举办\n发布日期：2023-06-11\n6月10日，由北川县文化和旅游局、北川县商务局主办的非遗展演推介会在成都举办。').meeting!;
    expect(hosted.organization).toBe('北川县文化和旅游局');
    expect(hosted.name).toBe('非遗展演推介会');
    expect(analyze('区委和区政府召开全区经济工作会议\n1月5日，区委和区政府召开全区经济工作会议。').meeting!.organization).toBe('区委');
  });
});
