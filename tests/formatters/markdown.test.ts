import * as fs from 'fs';
import * as path from 'path';
import { FORMATTERS } from '../../src/formatters';
import { markdown, mdCell } from '../../src/formatters/markdown';
import { analyze } from '../helpers';

const FIXTURE = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'zibo-2022.txt'), 'utf8');

describe('markdown', () => {
  test('renders the meeting and one table per record type', () => {
    const md = markdown([analyze(FIXTURE)], { color: false });
    expect(md).toContain('## 淄博经济开发区召开2022年工作动员大会');
    expect(md).toContain('- **Date:** 2022-02-08 (2月8日)');
    expect(md).toContain('| Name | Titles | Roles |\n| --- | --- | --- |\n| 袁良 | 市委常委、秘书长、区工委书记 | 出席、讲话 |\n| 王鉴 | 区工委副书记、管委会主任 | 主持、通报 |');
    expect(md).toContain('| 1+3+3+3 | 3 · 三大重点任务 | 起步区、产业园区、基础设施建设 |');
    expect(md).toContain('| 3 | 三大主导产业 | 高端装备制造、新材料、数字经济 |');
    expect(md).toMatch(/### Industries\n\n\| Industry \|\n\| --- \|\n\| 高端装备制造 \|/);
    expect(FORMATTERS.markdown).toBe(markdown);
  });

  test('has every section the terminal table has, Directives and Keywords included', () => {
    const r = analyze(FIXTURE);
    const md = markdown([r], { color: false });
    for (const title of ['Officials', 'Frameworks', 'Enumerations', 'Industries', 'Slogans', 'Quantities', 'Directives', 'Keywords', 'People']) expect(md).toContain(`### ${title}\n`);
    expect(md).toContain(`| ${r.directives[0].speaker} | ${r.directives[0].verb} |`);
    expect(md).toContain(`| ${r.keywords[0].word} |`);
  });

  test('cell text cannot break the table or inject markup', () => {
    expect(mdCell('a|b')).toBe('a\\|b');
    expect(mdCell('line\nbreak')).toBe('line break');
    expect(mdCell('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(mdCell('[link](http://x)')).toBe('\\[link\\](http://x)');
    // Every data row of a table still has exactly as many cells as the header.
    const r = analyze(FIXTURE);
    r.officials[0].titles = ['a|b|c', 'x\ny'];
    const row = markdown([r], { color: false }).split('\n').find((line) => line.startsWith('| 袁良'));
    expect(row?.split(/(?<!\\)\|/).length).toBe(5);
  });

  test('errors are listed, not dropped', () => {
    expect(markdown([{ input: 'gone.txt', error: { code: 'NOT_FOUND', message: 'no such file' } }], { color: false })).toBe('## gone.txt\n\nError NOT\\_FOUND: no such file\n');
  });
});

describe('publication date in document headers', () => {
  // An invented article whose only year is on its publication line.
  const TEXT = '青禾县召开春耕备耕工作会议\n发布日期：2024-03-18 09:30\n3月15日，青禾县召开春耕备耕工作会议。县长王立新出席并讲话。\n';
  test.each([
    ['table', (out: string) => expect(out).toContain('published 2024-03-18')],
    ['markdown', (out: string) => expect(out).toContain('- **Published:** 2024-03-18 (publication-line)')],
    ['csv', (out: string) => expect(out.split('\r\n')[1].split(',')).toContain('2024-03-18')],
  ])('%s shows the day the article was published', (format, check) => {
    const result = analyze(TEXT);
    expect(result.published?.date).toBe('2024-03-18');
    check(FORMATTERS[format]([result], { color: false }));
  });
});
