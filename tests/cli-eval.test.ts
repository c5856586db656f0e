import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { run } from './batch-helpers';

// An invented article: a district meeting with two officials, a formula, a counted set of industries.
const ARTICLE =
  '东林区召开2024年经济工作会议\n3月5日，东林区召开2024年经济工作会议。区委书记王建国出席会议并讲话，区长李明主持会议。' +
  '会议提出，聚焦电子信息、生物医药、新能源三大主导产业，推动“1+2”发展格局，“1”即一个核心区，“2”即两个园区：北园和南园。\n';

/** What the tool finds in ARTICLE, as gold: scoring it gives 1 everywhere. */
const PERFECT = {
  file: 'news/donglin.txt',
  title: '东林区召开2024年经济工作会议',
  meeting: { date: '2024-03-05', name: '2024年经济工作会议', organization: '东林区', aliases: [] },
  officials: [
    { name: '王建国', titles: ['区委书记'], roles: ['出席', '讲话'] },
    { name: '李明', titles: ['区长'], roles: ['主持'] },
  ],
  frameworks: [{ formula: '1+2', components: [{ count: 1, label: '一个核心区', items: ['核心区'] }, { count: 2, label: '两个园区', items: ['北园', '南园'] }] }],
  enumerations: [{ count: 3, label: '三大主导产业', items: ['电子信息', '生物医药', '新能源'] }],
  industries: ['电子信息', '生物医药', '新能源'],
};

/** A corpus directory with the article and a gold directory holding the given gold files. */
function setUp(golds: Record<string, unknown>): { corpus: string; gold: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-eval-'));
  const corpus = path.join(root, 'corpus');
  const gold = path.join(root, 'gold');
  fs.mkdirSync(path.join(corpus, 'news'), { recursive: true });
  fs.mkdirSync(gold);
  fs.writeFileSync(path.join(corpus, 'news', 'donglin.txt'), ARTICLE);
  for (const [name, value] of Object.entries(golds)) fs.writeFileSync(path.join(gold, name), typeof value === 'string' ? value : JSON.stringify(value));
  return { corpus, gold };
}

describe('eval command', () => {
  test('gold equal to the analysis scores 1 on every field and check', async () => {
    const { corpus, gold } = setUp({ 'donglin.json': PERFECT });
    const { code, out } = await run(['eval', '--gold', gold, '--json', corpus]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.files).toBe(1);
    for (const row of report.fields) if (row.tp + row.fp + row.fn) expect(row.f1).toBe(1);
    expect(report.meanF1).toBe(1);
    expect(report.checks.every((c: { right: number; total: number }) => c.right === c.total && c.total === 1)).toBe(true);
  });

  test('misses and extras are listed per document with their spans; precision and recall follow', async () => {
    const wrong = {
      ...PERFECT,
      officials: [...PERFECT.officials, { name: '赵大海', titles: ['副区长'], roles: [] }],
      industries: ['电子信息', '生物医药'],
      enumerations: [{ count: 3, label: '三大主导产业', items: ['电子信息', '生物医药', '北园'] }],
    };
    const { corpus, gold } = setUp({ 'donglin.json': wrong });
    const { code, out } = await run(['eval', '--gold', gold, '--json', corpus]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    const field = (name: string) => report.fields.find((row: { field: string }) => row.field === name);
    expect(field('officials')).toMatchObject({ tp: 2, fp: 0, fn: 1, precision: 1 });
    expect(field('officials').recall).toBeCloseTo(2 / 3);
    expect(field('industries')).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    const misses = report.documents[0].misses as Array<{ field: string; kind: string; text: string; span: [number, number] | null }>;
    // An extra carries the span of what was found; a missing item where its gold text occurs, or null.
    const extra = misses.find((m) => m.field === 'industries' && m.kind === 'extra')!;
    expect(ARTICLE.slice(...extra.span!)).toBe('新能源');
    const missingItem = misses.find((m) => m.field === 'enumeration items' && m.kind === 'missing')!;
    expect(missingItem.text).toBe('三大主导产业/北园');
    expect(ARTICLE.slice(...missingItem.span!)).toBe('北园');
    expect(misses.find((m) => m.field === 'officials' && m.kind === 'missing')).toMatchObject({ text: '赵大海', span: null });
  });

  test.each([
    ['table', (out: string) => expect(out).toMatch(/officials\s+1\.000\s+0\.667\s+0\.800\s+2\s+0\s+1/)],
    ['csv', (out: string) => {
      const rows = parse(out.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
      expect(rows.find((r) => r.scope === 'all' && r.field === 'officials')).toMatchObject({ precision: '1.000', recall: '0.667', tp: '2', fn: '1' });
      expect(rows.some((r) => r.scope === 'news')).toBe(true);
    }],
  ])('%s output carries the figures', async (format, check) => {
    const { corpus, gold } = setUp({ 'donglin.json': { ...PERFECT, officials: [...PERFECT.officials, { name: '赵大海', titles: [], roles: [] }] } });
    const { code, out } = await run(['eval', '--gold', gold, '--format', format, corpus]);
    expect(code).toBe(0);
    check(out);
  });

  test('csv --details has one row per miss and extra with its span', async () => {
    const { corpus, gold } = setUp({ 'donglin.json': { ...PERFECT, industries: ['电子信息'] } });
    const { out } = await run(['eval', '--gold', gold, '--format', 'csv', '--details', corpus]);
    const rows = parse(out.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.field, r.kind, ARTICLE.slice(+r.start, +r.end)])).toEqual([
      ['industries', 'extra', '生物医药'],
      ['industries', 'extra', '新能源'],
    ]);
  });

  test('table --details names the document and each miss with its span', async () => {
    const { corpus, gold } = setUp({ 'donglin.json': { ...PERFECT, industries: ['电子信息', '生物医药'] } });
    const { out } = await run(['eval', '--gold', gold, '--details', corpus]);
    expect(out).toContain('news/donglin.txt\n  industries extra: 新能源 [80, 83]');
  });

  test.each([
    [0.85, 1],
    [0.5, 0],
    [0, 0],
  ])('--min %p exits %p on a run whose mean F1 is about 0.7', async (min, exit) => {
    // Only officials and industries annotated: officials F1 0.8, industries F1 0.5 → mean 0.65.
    const gold = { file: 'news/donglin.txt', officials: [...PERFECT.officials, { name: '赵大海', titles: [], roles: [] }], industries: ['电子信息'] };
    const dirs = setUp({ 'donglin.json': gold });
    const { code, out, err } = await run(['eval', '--gold', dirs.gold, '--json', '--min', String(min), dirs.corpus]);
    expect(JSON.parse(out).meanF1).toBeCloseTo((0.8 + 0.5 + 1 + 1) / 4);
    expect(code).toBe(exit);
    if (exit) expect(err).toMatch(/mean F1 0\.\d+ is below --min 0\.85/);
  });

  test('fields the gold leaves out are not scored', async () => {
    const { corpus, gold } = setUp({ 'donglin.json': { file: 'news/donglin.txt', industries: ['电子信息', '生物医药', '新能源'] } });
    const report = JSON.parse((await run(['eval', '--gold', gold, '--json', corpus])).out);
    const scored = report.fields.filter((row: { tp: number; fp: number; fn: number }) => row.tp + row.fp + row.fn > 0).map((row: { field: string }) => row.field);
    expect(scored).toEqual(['industries']);
    expect(report.checks.every((c: { total: number }) => c.total === 0)).toBe(true);
  });

  test('a broken gold file and a gold file whose article is absent are named; the rest is scored; exit 1', async () => {
    const { corpus, gold } = setUp({ 'a-broken.json': '{"file": "news/donglin.txt", ', 'b-good.json': PERFECT, 'c-away.json': { ...PERFECT, file: 'news/elsewhere.txt' }, 'd-bad.json': { file: 'x.txt', officials: 'none' } });
    const { code, out, err } = await run(['eval', '--gold', gold, '--json', corpus]);
    expect(code).toBe(1);
    expect(JSON.parse(out).files).toBe(1);
    expect(err).toMatch(/a-broken\.json: not valid JSON/);
    expect(err).toMatch(/c-away\.json: its article news\/elsewhere\.txt is not among the inputs/);
    expect(err).toMatch(/d-bad\.json: officials must be a list/);
  });

  test('articles given as files are matched by the end of their path; without inputs, by the gold directory', async () => {
    const { corpus, gold } = setUp({ 'donglin.json': PERFECT });
    const byFile = await run(['eval', '--gold', gold, '--json', path.join(corpus, 'news', 'donglin.txt')]);
    expect(JSON.parse(byFile.out).files).toBe(1);
    fs.cpSync(corpus, gold, { recursive: true });
    const none = await run(['eval', '--gold', gold, '--json']);
    expect(JSON.parse(none.out).meanF1).toBe(1);
  });

  test.each([
    [['eval', '--gold', '/nonexistent-gold-dir'], /no such directory of gold files/],
    [['eval', '--gold', '.', '--min', '85'], /expected a fraction from 0 to 1/],
    [['eval'], /required option '--gold <dir>'/],
  ])('usage errors exit 2: %p', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe('--explain on the command line', () => {
  const file = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-explain-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), ARTICLE);
    return path.join(dir, 'a.txt');
  };

  test.each([['json'], ['jsonl']])('%s: rule and evidence only with --explain, the rest unchanged', async (format) => {
    const input = file();
    const plain = await run(['--format', format, '-q', input]);
    const explained = await run(['--format', format, '--explain', '-q', input]);
    expect(plain.out).not.toMatch(/"rule"|"evidence"/);
    const result = JSON.parse(explained.out);
    expect(result.officials[0]).toMatchObject({ name: '王建国', rule: 'official.title-before-name' });
    expect(result.enumerations[0].items[0].rule).toBe('enumeration.list-before');
    const strip = (key: string, value: unknown) => (key === 'rule' || key === 'evidence' ? undefined : value);
    expect(JSON.stringify(JSON.parse(plain.out))).toBe(JSON.stringify(result, strip));
  });

  test('table output is the same with and without --explain', async () => {
    const input = file();
    expect((await run(['--no-color', '-q', '--explain', input])).out).toBe((await run(['--no-color', '-q', input])).out);
  });
});
