import { clean } from '../../src/pipeline/clean';
import { normalize } from '../../src/pipeline/normalize';
import { toSourceSpan } from '../../src/pipeline/text-view';
import { loadLexicon } from '../../src/lexicon';

const lexicon = loadLexicon();

describe('clean', () => {
  test('boilerplate lines are removed and reported with reason and span', () => {
    const source = '股票代码 000001\n正文第一段。\nDSC_20220101.JPG\n责任编辑：某某\n版权所有 © 某网\n扫一扫 分享到微信';
    const { view, removed } = clean(source, lexicon);
    expect(view.raw).toBe('正文第一段。');
    expect(removed.map((r) => r.reason)).toEqual(['page-header', 'image-file', 'editor-line', 'copyright', 'share-widget']);
    for (const piece of removed) expect(source.slice(piece.span[0], piece.span[1])).toBe(piece.text);
  });

  test('hard-wrapped lines are joined, headings and finished sentences are not', () => {
    const source = '标题一行\n\n会议由镇党委书记主持，镇长李旭阳出席\n会议并讲话。\n一、总体要求\n坚持稳中求进。';
    const { view } = clean(source, lexicon);
    expect(view.raw).toBe('标题一行\n会议由镇党委书记主持，镇长李旭阳出席会议并讲话。\n一、总体要求\n坚持稳中求进。');
    const joinedAt = view.raw.indexOf('出席会议');
    expect(toSourceSpan(view, joinedAt, joinedAt + 4)).toEqual([source.indexOf('出席'), source.indexOf('会议并') + 2]);
  });

  test('every kept character maps back to the same character in the source', () => {
    const source = '  第一行，没有结束\r\n  接着第二行。\r\n\r\n编辑:张三\r\n第三段。  ';
    const { view } = clean(source, lexicon);
    for (let i = 0; i < view.raw.length; i++) {
      if (view.raw[i] === '\n') continue;
      expect(source.slice(view.starts[i], view.ends[i])).toBe(view.raw[i]);
    }
  });
});

describe('normalize', () => {
  test('full-width digits and plus fold to ASCII, keeping length', () => {
    const { view } = clean('“１＋３＋３”思路', lexicon);
    const { view: normal } = normalize(view, lexicon);
    expect(normal.text).toBe('“1+3+3”思路');
    expect(normal.raw).toBe('“１＋３＋３”思路');
  });

  test('traditional text is matched as simplified but reported as written', () => {
    const { view } = clean('國務院總理在會議上發表講話，強調發展經濟。', lexicon);
    const { view: normal, traditional } = normalize(view, lexicon);
    expect(traditional).toBe(true);
    expect(normal.text).toBe('国务院总理在会议上发表讲话,强调发展经济。');
    expect(normal.text.length).toBe(normal.raw.length);
  });
});

describe('traditional script and page chrome', () => {
  test('a three-line traditional article is detected by its share of traditional-only characters', () => {
    const { analyze: analyzeText } = require('../../src/analyzer');
    const result = analyzeText({ text: '南港區召開經濟工作會議\n3月6日，南港區召開經濟工作會議。區委書記陳立遠出席並講話。\n會議強調，要堅持穩中求進。' });
    expect(result.warnings.map((w: { code: string }) => w.code)).toContain('traditional-script');
    expect(result.officials.map((o: { name: string }) => o.name)).toContain('陳立遠');
    const simplified = analyzeText({ text: '南港区召开经济工作会议\n会议回顾了乾隆年间的旧事。' });
    expect(simplified.warnings.map((w: { code: string }) => w.code)).not.toContain('traditional-script');
  });

  test('toolbar lines are removed; a headline wrapped inside 《》 or split by a publication line is joined', () => {
    const source = '下载 打印 全屏 收藏\n某部学习《关于加强基层治理的\n意见》，部署下一步工作\n发布日期：2023-01-02\n正文第一段。';
    const { view, removed } = clean(source, lexicon);
    expect(view.raw.split('\n')[0]).toBe('某部学习《关于加强基层治理的意见》，部署下一步工作');
    expect(removed.map((r) => r.reason)).toEqual(['share-widget', 'publication-line']);
    const tail = clean('住房和城乡建设部召开安全生产工作视频\n发布日期：2023-01-02\n会议\n正文第一段，内容。', lexicon).view.raw;
    expect(tail.split('\n')[0]).toBe('住房和城乡建设部召开安全生产工作视频会议');
  });
});

describe('breadcrumb trails', () => {
  test('a trail of short menu labels apart by > » ＞ or / is page chrome, reported with its span', () => {
    const source = '网站首页 » 信息公开 » 部门动态\n北塘区召开春季植树工作会议_北塘区人民政府\n3月8日，北塘区召开春季植树工作会议。';
    const { view, removed } = clean(source, lexicon);
    expect(view.raw.split('\n')[0]).toBe('北塘区召开春季植树工作会议_北塘区人民政府');
    expect(removed.map((r) => r.reason)).toEqual(['breadcrumb']);
    expect(source.slice(...removed[0].span)).toBe('网站首页 » 信息公开 » 部门动态');
    // A labelled trail of two segments, full-width separators, and one without a trail word but three short labels.
    for (const trail of ['您现在的位置：主页 ＞ 通知公告', '机构 / 区发改局 / 工作动态', '首页 -> 镇街动态']) {
      expect(clean(`${trail}\n正文第一段。`, lexicon).removed.map((r) => r.reason)).toEqual(['breadcrumb']);
    }
  });

  test('text that only contains a separator is kept: sentences, dates, quoted lines, long segments', () => {
    for (const line of [
      '全年增速>6%，高于全省平均水平。',
      '2023/04/18 某某区召开会议',
      '相关附件>>',
      '> 《某某日报》（2023年04月18日第 05 版）',
      '首页 > 栏目 > 河西区召开2023年全区安全生产暨消防工作大会',
    ]) {
      expect(clean(`${line}\n正文第一段。`, lexicon).removed.filter((r) => r.reason === 'breadcrumb')).toEqual([]);
    }
  });

  test('the headline under a breadcrumb trail is the real one, its site suffix cut', () => {
    const { analyze: analyzeText } = require('../../src/analyzer');
    const result = analyzeText({ text: '首页>新闻中心>乡镇动态\n石湖镇召开秋季防火工作会议_石湖镇人民政府\n发布时间：2023-10-12\n\n10月11日，石湖镇召开秋季防火工作会议。' });
    expect(result.title.text).toBe('石湖镇召开秋季防火工作会议');
    expect(result.meeting.date).toBe('2023-10-11');
  });
});

describe('boilerplate removal never takes the article with it', () => {
  // Whole articles written on one line (pasted from a page, or a feed that drops line breaks), each with a
  // copyright phrase somewhere inside: only the sentence holding the phrase goes.
  test.each([
    [
      '3月2日，河西镇召开春耕生产部署会。镇党委书记周立新出席会议并讲话，镇长孙海燕主持会议。会议要求，各村要抓紧检修农机、储备农资，确保春耕不误农时。本文来源：河西镇融媒体中心，转载请注明出处。会议还通报了去年粮食生产情况。',
      '本文来源：河西镇融媒体中心，转载请注明出处。',
    ],
    [
      '如有版权异议，请与本网联系。9月18日，北湖区举行重点项目集中开工仪式，区委书记钱志远宣布开工，区长吴丽华致辞。此次开工项目共十二个，总投资八十六亿元，涵盖先进制造、现代物流和城市更新三个领域，将为全区高质量发展注入新动能。',
      '如有版权异议，请与本网联系。',
    ],
    [
      '11月5日，东山县召开冬季安全生产工作会议，县委副书记郑国栋出席并讲话，强调要压实企业主体责任、部门监管责任和属地管理责任，坚决遏制重特大事故发生，确保全县安全形势持续稳定。未经授权，禁止转载！',
      '未经授权，禁止转载！',
    ],
  ])('one line with a copyright sentence: the sentence is removed, the body kept (%#)', (line, sentence) => {
    const { view, removed, warnings } = clean(line, lexicon);
    expect(removed.map((r) => r.text)).toEqual([sentence]);
    expect(removed[0].reason).toBe('copyright');
    expect(line.slice(removed[0].span[0], removed[0].span[1])).toBe(sentence);
    expect(view.raw).toBe(line.replace(sentence, ''));
    expect(warnings).toBeUndefined();
    // Every kept character still maps back to itself.
    for (let i = 0; i < view.raw.length; i++) expect(line.slice(view.starts[i], view.ends[i])).toBe(view.raw[i]);
  });

  test.each([['转载请注明出处。'], ['如有版权异议，请联系删除'], ['本文仅代表作者观点，不代表本网立场。']])('a short boilerplate line is still removed whole: %s', (line) => {
    const source = `县委书记王青松出席会议并讲话。\n${line}\n会议强调，要做强主导产业。`;
    const { view, removed } = clean(source, lexicon);
    expect(removed.map((r) => r.text)).toEqual([line]);
    expect(view.raw).toBe('县委书记王青松出席会议并讲话。\n会议强调，要做强主导产业。');
  });

  test.each([
    ['copyright lines', `${'版权所有：某某网站，转载请注明出处。\n'.repeat(20)}县委书记王青松出席会议。`],
    ['share widgets', `${'分享到：微信 微博 QQ空间\n'.repeat(30)}县长李明远主持会议。`],
    ['editor lines', `${'责任编辑：赵六\n'.repeat(40)}会议强调，要抓好落实。`],
  ])('cleaning that removes most of a text warns (%s)', (_label, source) => {
    const { warnings } = clean(source, lexicon);
    expect(warnings).toEqual([{ code: 'mostly-removed', message: expect.stringMatching(/^boilerplate removal took \d+ % of the text/) }]);
  });

  test('an ordinary article with a short footer does not warn', () => {
    const source = `${'会议强调，要坚持稳中求进工作总基调，扎实推进各项重点工作。\n'.repeat(10)}责任编辑：赵六\n转载请注明出处。`;
    expect(clean(source, lexicon).warnings).toBeUndefined();
  });
});
