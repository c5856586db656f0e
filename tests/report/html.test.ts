import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { marksFor, renderReport, type ReportDocument } from '../../src/report/html';
import { analyze as analyzeText } from '../../src/analyzer';

const read = (p: string) => fs.readFileSync(path.join(__dirname, '..', '..', p), 'utf8');
const doc = (file: string): ReportDocument => {
  const text = read(file);
  return { result: analyzeText({ text, path: file }), text };
};

const ZIBO = doc('fixtures/zibo-2022.txt');
const LANHU = doc('tests/fixtures/report-lanhu-2023.txt');
const QINGSHAN = doc('tests/fixtures/report-qingshan-2024.txt');

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

describe('html report', () => {
  const html = renderReport([ZIBO]);

  test('self-contained: no URL to fetch, CSP allows only the inline style and script by hash', () => {
    expect(html).not.toMatch(/\b(?:src|href)="(?!#)/);
    expect(html).not.toMatch(/@import|url\(|@font-face/);
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    const script = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? '';
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain(`script-src ${hash(script)}`);
    expect(csp).toContain(`style-src ${hash(style)}`);
    // One executable script; the others are the review's data blocks (type application/json, never run).
    expect(html.match(/<script(?! type="application\/json")/g)).toHaveLength(1);
  });

  test('CJK font stack and a responsive viewport', () => {
    expect(html).toContain('"Noto Sans CJK SC"');
    expect(html).toContain('"PingFang SC"');
    expect(html).toContain('"Microsoft YaHei"');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toMatch(/@media \(max-width:600px\)/);
  });

  test('every table row points at a highlight that exists', () => {
    const targets = [...html.matchAll(/data-target="([^"]+)"/g)].map((m) => m[1]);
    const present = ids(html);
    expect(targets.length).toBeGreaterThan(20);
    for (const target of targets) expect(present.has(target)).toBe(true);
    expect(targets).toEqual(expect.arrayContaining(['d1-official-0', 'd1-official-1', 'd1-formula-0', 'd1-component-0-1', 'd1-enum-1', 'd1-industry-2']));
  });

  test('highlights carry what they were extracted as, and are focusable', () => {
    expect(html).toMatch(
      /<mark class="hl k-official" id="d1-official-0" tabindex="0" data-tag="official" data-links="d1-row-official-0" data-mark="d1-official-0" title="Official: 袁良 — 市委常委、秘书长、区工委书记 \(出席、讲话\)"/,
    );
    expect(html).toMatch(/<mark class="hl k-formula" id="d1-formula-0" tabindex="0" data-tag="formula" [^>]*title="Formula 1\+3\+3\+3 \(4 component\(s\)\)"[^>]*>1\+3\+3\+3<\/mark>/);
    // Boilerplate is left out of the text shown and listed under it.
    expect(html).not.toMatch(/<mark class="hl k-removed"/);
    expect(html).toMatch(/<details class="removed-list"><summary>9 boilerplate line\(s\) left out<\/summary><ul>.*<li>image-file: 微信图片_20220209083257\.jpg<\/li>/);
  });

  test('marks cover every kind of extracted item', () => {
    const kinds = new Set(marksFor(ZIBO.result, 'd1').map((m) => m.kind));
    expect([...kinds].sort()).toEqual(['component', 'enumeration', 'formula', 'industry', 'item', 'meeting', 'mention', 'official', 'quantity', 'removed', 'slogan']);
  });

  test('one article: no overview; several: overview with links and four SVG charts', () => {
    expect(html).not.toContain('id="overview"');
    const many = renderReport([ZIBO, LANHU, QINGSHAN]);
    expect(many).toContain('<h2>Overview of 3 articles</h2>');
    for (const id of ['d1', 'd2', 'd3']) expect(many).toContain(`<a href="#${id}">`);
    expect(many.match(/<figure class="chart"/g)).toHaveLength(4);
    // 高端装备制造 is an industry in two of the three articles.
    expect(many).toContain('title="高端装备制造: 2"');
    expect(many).toContain('title="2022-02: 1"');
    expect(many).toContain('title="王鉴: 3"');
    // Ids stay unique across articles.
    const all = [...many.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(all).size).toBe(all.length);
  });

  test('the legend is a filter: one checkbox per kind, slogans off by default, hidden by CSS alone', () => {
    const boxes = [...html.matchAll(/<input type="checkbox" id="show-([a-z]+)" data-kind="[a-z]+"( checked)?>/g)].map((m) => [m[1], Boolean(m[2])]);
    expect(boxes).toEqual(expect.arrayContaining([['official', true], ['formula', true], ['slogan', false], ['meeting', true]]));
    expect(boxes.map(([kind]) => kind)).not.toContain('removed');
    expect(html).toContain('body:has(#show-slogan:not(:checked)) mark.k-slogan{background:none');
  });

  test('every missing value is written the same way', () => {
    const text = '青原县召开工作会议\n\n县委书记林远出席并讲话。';
    const page = renderReport([{ result: analyzeText({ text, path: 'x.txt' }), text }]);
    const card = page.match(/<dl>.*?<\/dl>/)?.[0] ?? '';
    // Missing, and marked as a doubt (the meeting was found without a date).
    expect(card).toContain('<dt>Date</dt><dd><span class="muted">—</span> <span class="doubt"');
    expect(card).not.toMatch(/\?|n\/a|null/);
  });

  test('an HTML page: the report shows the extracted article, not the markup, with every highlight on its text', () => {
    const page = '<!DOCTYPE html><html><head><title>青原县召开经济工作会议</title><script>var s="记者 张三丰";</script></head><body><div class="nav">首页 | 政务动态</div><h1>青原县召开经济工作会议</h1><p>3月2日，青原县召开经济工作会议。县委书记林远航出席并讲话，县长\n周克明主持会议。</p></body></html>';
    const result = analyzeText({ text: page, path: 'p.html', format: 'html' });
    const out = renderReport([{ result, text: page, format: 'html' }]);
    const article = out.match(/<div class="article" lang="zh">([\s\S]*?)<\/div>/)?.[1] ?? '';
    expect(article).not.toMatch(/DOCTYPE|&#60;|var s=/);
    expect(article.replace(/<[^>]+>/g, '')).toContain('县长周克明主持会议');
    for (const [i, o] of result.officials.entries()) expect(article).toMatch(new RegExp(`id="d1-official-${i}"[^>]*>[^<]*${o.name}</mark>`));
  });

  test('a hard-wrapped text is shown with its lines joined, paragraphs kept, highlights on the joined text', () => {
    const text = '青原县召开经济工作会议\n\n3月2日，青原县召开经济工作会议。县委书记林远航出席并讲话，县委副书记、\n县长周克明主持会议。\n\n会议要求，要做强纺织、化工两大主导产业。\n';
    const result = analyzeText({ text, path: 'wrapped.txt' });
    const out = renderReport([{ result, text }]);
    const article = (out.match(/<div class="article" lang="zh">([\s\S]*?)<\/div>/)?.[1] ?? '').replace(/<[^>]+>/g, '');
    expect(article).toContain('县委副书记、县长周克明主持会议。');
    expect(article.split('\n').length).toBeGreaterThanOrEqual(3);
    const zhou = result.officials.findIndex((o) => o.name === '周克明');
    expect(out).toMatch(new RegExp(`id="d1-official-${zhou}"[^>]*>县委副书记、县长周克明</mark>`));
  });

  test('untrusted article text and file names are escaped', () => {
    const text = '<script>alert(1)</script>蓝湖高新区召开2023年工作会议\n\n区委书记周明远出席并讲话。<img src=x onerror=alert(2)>';
    const evil: ReportDocument = { result: analyzeText({ text, path: '"><svg onload=alert(3)>.txt' }), text };
    const page = renderReport([evil, LANHU], { errors: [{ input: '<iframe>', error: { code: 'NOT_FOUND', message: 'no such file' } }] });
    expect(page).not.toMatch(/<script>alert|<img|<svg onload|<iframe/);
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page).toContain('Inputs not analysed');
  });
});
