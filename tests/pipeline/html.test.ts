import * as iconv from 'iconv-lite';
import { resolveFormat } from '../../src/pipeline/format';
import { analyze as analyzeText } from '../../src/analyzer';
import { decodeBytesChecked } from '../../src/input/read';
import { extractHtml, looksLikeHtml } from '../../src/pipeline/html';

// A made-up county news page with the usual chrome around the article.
const PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>青山县召开2023年经济工作会议_青山县人民政府网</title>
<style>.x { color: red } p::before { content: "样式文字" }</style>
<script>var banner = "<p>脚本里的假段落</p>"; document.write('脚本文字');</script>
</head>
<body>
<header><div class="logo">青山县人民政府</div></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li></ul></nav>
<div class="navCurrent"><a href="/">首页</a> &gt; <a href="/news">要闻动态</a></div>
<div id="content">
  <h1>青山县召开2023年经济工作会议</h1>
  <div class="info">发布时间：2023-01-05</div>
  <p>1月4日，青山县召开2023年经济工作会议。县委书记王青松出席会议并讲话，县长李明远主持会议。</p>
  <p>会议强调，要围绕&ldquo;一核两翼&rdquo;发展布局，做强新材料&amp;装备制造、
  绿色食品、文化旅游三大主导产业。</p>
  <p>全县共有22家重点企业参加&nbsp;会议。<br>会议还部署了其他工作。</p>
  <noscript><p>请启用脚本</p></noscript>
  <iframe src="ad.html">框架文字</iframe>
  <div class="bdsharebuttonbox"><a href="#" class="bds_weixin">分享到微信</a></div>
</div>
<div class="related"><ul><li><a href="/1">另一篇新闻的标题</a></li><li><a href="/2">第二篇相关新闻</a></li></ul></div>
<footer><p>版权所有 青山县人民政府 备案号</p></footer>
<script>console.log("尾部脚本")</script>
</body>
</html>`;

/** The article text with the HTML around it: every kept character must come from the same character or entity. */
function decodedAt(source: string, start: number, end: number): string {
  return source.slice(start, end);
}

describe('HTML extraction', () => {
  const extracted = extractHtml(PAGE);
  const raw = extracted.view.raw;

  test('title (site name cut off) and article text are kept, block structure as paragraphs', () => {
    expect(extracted.title).toBe('青山县召开2023年经济工作会议');
    const lines = raw.split('\n').filter((line) => line.trim() !== '');
    expect(lines[0]).toBe('青山县召开2023年经济工作会议');
    expect(lines).toContain('1月4日，青山县召开2023年经济工作会议。县委书记王青松出席会议并讲话，县长李明远主持会议。');
    // The source line break between two Chinese characters is not a space; the entity is decoded.
    expect(raw).toContain('会议强调，要围绕“一核两翼”发展布局，做强新材料&装备制造、绿色食品、文化旅游三大主导产业。');
    // <br> is a line break inside the paragraph.
    expect(raw).toContain('全县共有22家重点企业参加\u00a0会议。\n会议还部署了其他工作。');
  });

  test('script, style, head, nav, header, footer, noscript, iframes, share widgets and link lists are skipped', () => {
    for (const chrome of ['脚本', '样式', '首页', '新闻中心', '要闻动态', '人民政府\n', '版权所有', '请启用脚本', '框架文字', '分享到微信', '另一篇新闻', '尾部脚本', 'color']) {
      expect(raw).not.toContain(chrome);
    }
    // The <h1> repeats the <title> headline: it is written once.
    expect(raw.split('青山县召开2023年经济工作会议').length - 1).toBe(2);
  });

  test('every character maps to itself in the HTML or to the entity it was decoded from', () => {
    const { starts, ends } = extracted.view;
    for (let i = 0; i < raw.length; i++) {
      const piece = decodedAt(PAGE, starts[i], ends[i]);
      if (raw[i] === '\n' || raw[i] === ' ') continue;
      if (piece.startsWith('&')) expect(piece).toMatch(/^&[a-z]+;$|^&#\d+;$/);
      else expect(piece).toBe(raw[i]);
    }
  });

  test('analysis spans index the HTML string', () => {
    const result = analyzeText({ text: PAGE, path: 'page.html', format: 'html' });
    expect(result.input.chars).toBe(PAGE.length);
    expect(result.title?.text).toBe('青山县召开2023年经济工作会议');
    expect(PAGE.slice(...(result.title!.span as [number, number]))).toBe('青山县召开2023年经济工作会议');
    // The title span points into <title>, not into the <h1>.
    expect(result.title!.span[0]).toBe(PAGE.indexOf('<title>') + 7);
    const names = result.officials.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['王青松', '李明远']));
    for (const official of result.officials) {
      expect(PAGE.slice(official.span[0], official.span[1])).toContain(official.name);
    }
    // An item that crosses an entity: the HTML at its span holds the entity, decoded it is the item.
    const slogan = result.slogans.find((s) => s.text.includes('一核两翼'));
    expect(slogan).toBeDefined();
    expect(PAGE.slice(slogan!.span[0], slogan!.span[1])).toMatch(/^(?:&ldquo;)?一核两翼(?:&rdquo;)?$/);
    const quantity = result.quantities.find((q) => q.text.startsWith('22家'));
    expect(quantity && PAGE.slice(quantity.span[0], quantity.span[1])).toBe(quantity?.text);
    for (const removed of result.removed) expect(removed.span[1]).toBeLessThanOrEqual(PAGE.length);
  });

  test('the same article as plain text gives the same officials and frameworks', () => {
    const text = extractHtml(PAGE).view.raw;
    const fromText = analyzeText({ text, format: 'text' });
    const fromHtml = analyzeText({ text: PAGE, format: 'html' });
    expect(fromHtml.officials.map((o) => [o.name, o.titles, o.roles])).toEqual(fromText.officials.map((o) => [o.name, o.titles, o.roles]));
    expect(fromHtml.industries.map((i) => i.name)).toEqual(fromText.industries.map((i) => i.name));
  });

  test('JSP directives before the page and a page title with " - 【site】" are handled', () => {
    const page = '<%@ page pageEncoding="UTF-8"%>\n<html><head><title>某区举行项目签约仪式- 【某某网】</title></head><body><div class="page"><h1>某区举行项目签约仪式</h1><p>正文内容在此。</p></div></body></html>';
    const { view, title } = extractHtml(page);
    expect(title).toBe('某区举行项目签约仪式');
    expect(view.raw.replace(/\n+/g, '|')).toBe('某区举行项目签约仪式|正文内容在此。');
    // A <% that never closes is text, not the start of a directive swallowing the page.
    expect(extractHtml('<p>不良率<%5，</p><p>后面的段落。</p>').view.raw).toBe('不良率<%5，\n\n后面的段落。');
  });

  test('<pre> keeps the line breaks of plain text pasted into the page', () => {
    const page = '<html><body><pre>\n第一段讲的是项目，\n接着写完。\n\n第二段。</pre><p>之后的段落。</p></body></html>';
    const raw = extractHtml(page).view.raw;
    expect(raw).toContain('第一段讲的是项目，\n接着写完。\n\n第二段。');
    // clean() then joins the hard wrap as it does for a text file (unjoined, “第一段讲的是项目，” would pass for a headline).
    expect(analyzeText({ text: page, format: 'html' }).title).toBeNull();
  });

  test('a page that is only chrome is an EMPTY error, not an empty analysis', () => {
    const page = '<html><head><title></title><script>var a = 1;</script></head><body><nav><a href="/">首页</a></nav></body></html>';
    expect(() => analyzeText({ text: page, format: 'html' })).toThrow(expect.objectContaining({ code: 'EMPTY' }));
  });

  test('a wrapper whose class looks like chrome does not swallow the whole page', () => {
    const page = '<html><body><div id="top"><p>全文都在这个容器里。</p></div></body></html>';
    expect(extractHtml(page).view.raw).toBe('全文都在这个容器里。');
  });

  test('unclosed tags, stray end tags and a bare ampersand do not break extraction', () => {
    const page = '<html><body><p>第一段，A&B公司<p>第二段</div></span><li>列表项&unknown;结束';
    const raw = extractHtml(page).view.raw;
    expect(raw.split(/\n+/)).toEqual(['第一段，A&B公司', '第二段', '列表项&unknown;结束']);
  });
});

describe('HTML sniffing and charset', () => {
  test.each([
    ['<!DOCTYPE html><html><body>x</body></html>', true],
    ['  <html>\n<body>x</body></html>', true],
    ['<%@ page %>\n<!doctype html>', true],
    ['<p>一</p><p>二</p><p>三</p><p>四</p>', true],
    ['会议要求<b>加强</b>管理，a < b 且 c > d。', false],
    ['青山县召开经济工作会议。', false],
  ])('looksLikeHtml(%j) = %s', (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
    expect(resolveFormat(text, 'auto')).toBe(expected ? 'html' : 'text');
    expect(resolveFormat(text)).toBe('text');
  });

  test('a GBK page is decoded with the charset its <meta> declares, even when it is mostly ASCII', () => {
    // Few Chinese bytes among much markup: without the declaration this could pass for broken UTF-8.
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>新闻</title></head><body>${'<div class="x"></div>'.repeat(200)}<p>县长讲话。</p></body></html>`;
    const bytes = iconv.encode(html, 'gbk');
    const read = decodeBytesChecked(bytes, 1 << 20);
    expect(read.encoding).toBe('gb18030');
    expect(read.format).toBe('html');
    expect(read.text).toBe(html);
    const result = analyzeText({ text: read.text, format: read.format, encoding: read.encoding });
    expect(result.title?.text).toBe('新闻');
  });

  test('<meta charset="big5"> is honoured', () => {
    const html = '<!doctype html><html><head><meta charset="big5"><title>縣政府會議</title></head><body><p>縣長主持會議並講話。</p></body></html>';
    const read = decodeBytesChecked(iconv.encode(html, 'big5'), 1 << 20);
    expect(read.encoding).toBe('big5');
    expect(read.text).toBe(html);
  });

  test('kind "text" analyses markup as text; kind "html" forces HTML', () => {
    const bytes = Buffer.from('<p>一段话。</p>');
    expect(decodeBytesChecked(bytes, 1000, undefined, 'text').format).toBe('text');
    expect(decodeBytesChecked(bytes, 1000, undefined, 'html').format).toBe('html');
    expect(decodeBytesChecked(bytes, 1000).format).toBe('text');
  });
});

describe('HTML image sources as year evidence', () => {
  test('an <img> file name dates a meeting given by its day only, and is reported as removed', () => {
    const { analyze } = require('../../src/analyzer');
    const page = '<html><head><title>白沙县召开防汛工作会议</title></head><body><p><img src="/uploads/W020230602123456.jpg"></p><p>1日，白沙县召开防汛工作会议。</p></body></html>';
    const result = analyze({ text: page, format: 'html' });
    expect(result.meeting.date).toBe('2023-06-01');
    const image = result.removed.find((r: { reason: string }) => r.reason === 'image-file');
    expect(page.slice(image.span[0], image.span[1])).toBe('/uploads/W020230602123456.jpg');
  });
});

test('no <title> and no heading: a bold headline cell of a table layout is the headline', () => {
  const { analyze } = require('../../src/analyzer');
  const page =
    '<html><head><title></title></head><body><table><tr><td><a href="/">首页</a></td></tr><tr><td class="bt"><strong>平湖区召开工业经济工作会议</strong></td></tr>' +
    '<tr><td>发布时间：2023-02-14 来源：区政府办</td></tr><tr><td>2月13日，平湖区召开工业经济工作会议。区长李明出席并讲话。</td></tr></table></body></html>';
  const result = analyze({ text: page, format: 'html' });
  expect(result.title.text).toBe('平湖区召开工业经济工作会议');
  expect(page.slice(result.title.span[0], result.title.span[1])).toBe('平湖区召开工业经济工作会议');
  expect(result.meeting.date).toBe('2023-02-13');
});
