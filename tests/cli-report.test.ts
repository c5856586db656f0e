import { PassThrough } from 'stream';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../src/cli/main';
import { sink } from './batch-helpers';

const ROOT = path.join(__dirname, '..');
const ZIBO = path.join(ROOT, 'fixtures', 'zibo-2022.txt');
const LANHU = path.join(ROOT, 'tests', 'fixtures', 'report-lanhu-2023.txt');
const QINGSHAN = path.join(ROOT, 'tests', 'fixtures', 'report-qingshan-2024.txt');


async function run(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = true;
  stdin.end();
  const code = await runCli({ argv, stdin, stdout, stderr, env: {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ma-report-'));

describe('report command', () => {
  test('writes one HTML file for several inputs', async () => {
    const out = path.join(tmp(), 'report.html');
    const { code, err } = await run(['report', ZIBO, LANHU, '-o', out]);
    expect(code).toBe(0);
    expect(err).toContain('wrote');
    const html = fs.readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('id="overview"');
    expect(html).toContain('id="d2-official-0"');
  });

  test('a missing input is named, the rest still reported, exit 1; nothing readable writes nothing', async () => {
    const dir = tmp();
    const out = path.join(dir, 'r.html');
    const missing = path.join(dir, 'missing.txt');
    const partial = await run(['report', missing, ZIBO, '-o', out]);
    expect(partial.code).toBe(1);
    expect(partial.err).toContain(`meeting-analyze: ${missing}: no such file`);
    expect(fs.readFileSync(out, 'utf8')).toContain('Inputs not analysed');
    const none = await run(['report', missing, '-o', path.join(dir, 'none.html')]);
    expect(none.code).toBe(1);
    expect(fs.existsSync(path.join(dir, 'none.html'))).toBe(false);
  });

  test('without -o the page goes to stdout', async () => {
    const { code, out } = await run(['report', LANHU]);
    expect(code).toBe(0);
    expect(out).toContain('蓝湖高新区召开2023年经济工作会议');
  });
});

describe('diff command', () => {
  test('--format json after the subcommand prints the documented shape', async () => {
    const { code, out } = await run(['diff', LANHU, QINGSHAN, '--format', 'json']);
    expect(code).toBe(0);
    const d = JSON.parse(out);
    expect(Object.keys(d)).toEqual(['old', 'new', 'meeting', 'frameworks', 'enumerations', 'industries', 'officials', 'slogans']);
    expect(d.frameworks.changed[0]).toMatchObject({ old: '1+2+4', new: '1+3+2' });
    expect(d.industries).toEqual({ added: ['新能源', '高端装备制造'], removed: ['生物医药', '集成电路'] });
    expect(d.officials.removed.map((o: { name: string }) => o.name)).toEqual(['周明远', '林思齐']);
  });

  test('table by default; usage error for a missing argument', async () => {
    const { code, out } = await run(['diff', LANHU, QINGSHAN]);
    expect(code).toBe(0);
    expect(out).toContain('1+2+4 → 1+3+2');
    expect(out).not.toMatch(/\u001b\[/);
    expect((await run(['diff', LANHU])).code).toBe(2);
    expect((await run(['diff', LANHU, QINGSHAN, '--format', 'csv'])).code).toBe(2);
  });
});

describe('spreadsheet export', () => {
  test('--format csv --output-dir writes the four sheets', async () => {
    const dir = path.join(tmp(), 'sheets');
    const { code, out } = await run(['--format', 'csv', '--output-dir', dir, ZIBO, LANHU]);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(fs.readdirSync(dir).sort()).toEqual(['documents.csv', 'industries.csv', 'items.csv', 'officials.csv']);
    const officials = parse(fs.readFileSync(dir + '/officials.csv'), { bom: true }) as string[][];
    expect(officials.slice(1).map((r) => r[1])).toEqual(['袁良', '王鉴', '周明远', '林思齐']);
    expect(fs.readFileSync(dir + '/items.csv').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  test('--format csv on stdout is the documents sheet; markdown renders tables', async () => {
    const csv = await run(['--format', 'csv', ZIBO]);
    expect(csv.out.startsWith('\ufeffdocument,title,')).toBe(true);
    const md = await run(['--format', 'markdown', LANHU]);
    expect(md.out).toContain('| 周明远 | 区党工委书记 | 出席、讲话 |');
  });
});

describe('one CLI', () => {
  test('options before a subcommand apply to it, or are a usage error', async () => {
    const json = await run(['--json', 'diff', LANHU, QINGSHAN]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).frameworks.changed[0]).toMatchObject({ old: '1+2+4', new: '1+3+2' });
    const stray = await run(['--summary', 'diff', LANHU, QINGSHAN]);
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('--summary does not apply to diff');
    expect(stray.out).toBe('');
    const badFormat = await run(['--format', 'csv', 'diff', LANHU, QINGSHAN]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toContain('diff does not take --format csv');
    const out = path.join(tmp(), 'r.html');
    expect((await run(['-o', out, '-q', 'report', LANHU])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain('蓝湖高新区');
    expect((await run(['--json', 'report', LANHU])).code).toBe(2);
    expect((await run(['--summary', 'schema'])).code).toBe(2);
  });

  test('report takes directories and globs, read as analysis reads them', async () => {
    const dir = tmp();
    fs.copyFileSync(LANHU, path.join(dir, 'a.txt'));
    fs.copyFileSync(QINGSHAN, path.join(dir, 'b.txt'));
    fs.writeFileSync(path.join(dir, 'README.md'), fs.readFileSync(ZIBO));
    const byDir = await run(['report', dir]);
    expect(byDir.code).toBe(0);
    expect(byDir.out).toContain('id="d2"');
    expect(byDir.out).not.toContain('id="d3"');
    const byGlob = await run(['report', path.join(dir, '*.txt')]);
    expect(byGlob.out).toContain('id="d2"');
    // diff compares one article with one other: a directory of two is a usage error.
    const diffDir = await run(['diff', dir, LANHU]);
    expect(diffDir.code).toBe(2);
    expect(diffDir.err).toContain('names 2 files');
  });

  test('--summary as Markdown and CSV, not a box-drawn table', async () => {
    const md = await run(['--summary', '--format', 'markdown', ZIBO, LANHU]);
    expect(md.code).toBe(0);
    expect(md.out).toContain('### Officials\n\n| Name | Documents | Titles |');
    expect(md.out).not.toContain('┌');
    const csv = await run(['--summary', '--format', 'csv', ZIBO, LANHU]);
    const rows = parse(csv.out, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['section', 'name', 'count', 'titles']);
    expect(rows).toContainEqual(['official', '袁良', '1', '市委常委、秘书长、区工委书记']);
    expect(rows.some((r) => r[0] === 'keyword')).toBe(true);
  });
});
