/**
 * What a reader sees of doubts and lists: a doubtful row is marked ⚠ in the table, Markdown and the report, with the
 * reason among the warnings; items listed in one cell are separated by 、, never by spaces alone. Invented texts.
 */
import { getFormatter } from '../../src/formatters';
import { renderReport } from '../../src/report/html';
import { analyzeWithoutJieba } from '../context';

const render = (format: string, text: string) => getFormatter(format)([analyzeWithoutJieba(text)], { color: false, width: 100 });

describe('doubtful rows are marked', () => {
  test.each([
    ['a formula with parts unexplained', '会议提出“1+3+2”发展思路。', /│ ⚠ 1\+3\+2 /],
    ['an enumeration with three of five items', '会议提出，推进五项改革：审批流程再造、涉企收费清理、信用监管创新。', /│ ⚠ 5 +│ 五项改革/],
    ['an enumeration with too few items', '会议要求，要做强三大主导产业：新材料、装备制造。', /│ ⚠ 3 +│ 三大主导产业/],
  ])('table: %s', (_, text, row) => {
    const out = render('table', text);
    expect(out).toMatch(row);
    expect(out).toMatch(/^⚠ warning: /m);
  });

  test.each([
    ['近日，青禾县召开项目推进会。'],
    ['日前，白石镇召开安全生产工作会议。'],
    ['青禾县召开项目推进会\n\n会上，县委书记韩立业讲话。'],
  ])('a meeting without a date: the Date line is marked (%s)', (text) => {
    expect(render('table', text)).toMatch(/^Date {5}— ⚠$/m);
    expect(render('markdown', text)).toMatch(/^- \*\*Date:\*\* — ⚠$/m);
  });

  test('Markdown marks the row and lists the warnings', () => {
    const out = render('markdown', '会议提出“1+3+2”发展思路。');
    expect(out).toMatch(/^\| ⚠ 1\+3\+2 \|/m);
    expect(out).toMatch(/^- ⚠ warning formula-unexplained: formula 1\+3\+2 has 3 parts but none explained in the text$/m);
  });

  test('the report marks the row with the reason', () => {
    const text = '会议提出“1+3+2”发展思路。';
    const html = renderReport([{ result: analyzeWithoutJieba(text), text }]);
    expect(html).toMatch(/<tr id="d1-row-formula-0"[^>]* class="doubtful"><td><span class="doubt" role="img" aria-label="warning: formula 1\+3\+2 has 3 parts but none explained in the text"/);
  });

  test('the report marks an undated meeting in its Date field', () => {
    const text = '近日，青禾县召开项目推进会。';
    const html = renderReport([{ result: analyzeWithoutJieba(text), text }]);
    expect(html).toMatch(/<dt>Date<\/dt><dd>[^]*?<span class="doubt" role="img" aria-label="warning: meeting 项目推进会: [^"]+"[^>]*>⚠<\/span><\/dd>/);
  });

  test('a complete row is not marked', () => {
    expect(render('table', '2023年4月2日，青禾县召开项目推进会。会议要求，要做强三大产业：茶叶、竹木、旅游。')).not.toContain('⚠');
  });
});

describe('items listed in one cell are separated by 、', () => {
  test.each([
    ['industries', '会议要求，要做强三大产业：茶叶、竹木、旅游。', '茶叶、竹木、旅游'],
    ['quantities', '全县新增35个重点项目，引进18家企业。', '35个重点项目、18家企业'],
    ['keywords', '数字经济数字经济，茶叶茶叶。', '、'],
  ])('%s', (_, text, joined) => {
    const out = render('table', text);
    expect(out).toContain(joined);
    // No cell runs two items together with spaces only.
    for (const line of out.split('\n').filter((l) => l.startsWith('│'))) expect(line.replace(/^│ | *│$/g, '')).not.toMatch(/[^\s│] {2,}[^\s│]/);
  });
});
