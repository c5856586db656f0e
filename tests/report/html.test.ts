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
    expect(html.match(/<script/g)).toHaveLength(1);
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
    expect(html).toMatch(/<mark class="hl k-official" id="d1-official-0" tabindex="0" data-mark="d1-official-0" title="Official: 袁良 — 市委常委、秘书长、区工委书记 \(出席、讲话\)"/);
    expect(html).toMatch(/<mark class="hl k-formula" id="d1-formula-0" tabindex="0" [^>]*title="Formula 1\+3\+3\+3 \(4 component\(s\)\)"[^>]*>1\+3\+3\+3<\/mark>/);
    expect(html).toMatch(/<mark class="hl k-removed" id="d1-removed-2"[^>]*title="Removed boilerplate \(image-file\)"[^>]*>微信图片_20220209083257\.jpg<\/mark>/);
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
    expect(many.match(/<svg class="chart"/g)).toHaveLength(4);
    // 高端装备制造 is an industry in two of the three articles.
    expect(many).toContain('<title>高端装备制造: 2</title>');
    expect(many).toContain('<title>2022-02: 1</title>');
    expect(many).toContain('<title>王鉴: 3</title>');
    // Ids stay unique across articles.
    const all = [...many.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(all).size).toBe(all.length);
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
