import { PassThrough } from 'stream';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { runCli } from '../src/cli/main';
import { sink } from './batch-helpers';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'zibo-2022.txt');


async function run(argv: string[], options: { stdin?: string; tty?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const stdout = sink();
  const stderr = sink();
  stdout.isTTY = options.tty;
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.stdin === undefined;
  stdin.end(options.stdin ?? '');
  const code = await runCli({ argv, stdin, stdout, stderr, env: options.env ?? {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('cli', () => {
  test('table output of the fixture names the meeting, officials and formula', async () => {
    const { code, out } = await run([FIXTURE]);
    expect(code).toBe(0);
    expect(out).toContain('2022年工作动员大会');
    expect(out).toContain('袁良');
    expect(out).toContain('1+3+3+3');
    expect(out).not.toMatch(/\u001b\[/);
  });

  test('colour only on a TTY and without NO_COLOR or --no-color', async () => {
    expect((await run([FIXTURE], { tty: true })).out).toMatch(/\u001b\[/);
    expect((await run([FIXTURE], { tty: true, env: { NO_COLOR: '1' } })).out).not.toMatch(/\u001b\[/);
    expect((await run(['--no-color', FIXTURE], { tty: true })).out).not.toMatch(/\u001b\[/);
  });

  test('--json prints one object for one input, an array for several; jsonl one per line', async () => {
    const one = JSON.parse((await run(['--json', FIXTURE])).out);
    expect(one.meeting.date).toBe('2022-02-08');
    const several = JSON.parse((await run(['--format', 'json', FIXTURE, FIXTURE])).out);
    expect(several).toHaveLength(2);
    const lines = (await run(['--format', 'jsonl', FIXTURE, FIXTURE])).out.trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).title.text)).toEqual(['淄博经济开发区召开2022年工作动员大会', '淄博经济开发区召开2022年工作动员大会']);
  });

  test('an unreadable input is reported, the others still analysed, exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-'));
    const empty = path.join(dir, 'empty.txt');
    fs.writeFileSync(empty, '');
    const { code, out, err } = await run(['--format', 'jsonl', path.join(dir, 'missing.txt'), FIXTURE, empty]);
    expect(code).toBe(1);
    expect(err).toBe(`meeting-analyze: ${path.join(dir, 'missing.txt')}: no such file\nmeeting-analyze: ${empty}: file is empty\nanalysed 1, failed 2, skipped 0\n`);
    const records = out.trim().split('\n').map((line) => JSON.parse(line));
    expect(records.map((r) => r.error?.code ?? 'ok')).toEqual(['NOT_FOUND', 'ok', 'EMPTY']);
  });

  test('usage errors exit 2; --help and --version exit 0', async () => {
    expect((await run(['--bogus', FIXTURE])).code).toBe(2);
    expect((await run(['--top', 'many', FIXTURE])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Exit codes');
    expect((await run(['--version'])).out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('stdin is read when piped or given as -', async () => {
    const text = fs.readFileSync(FIXTURE, 'utf8');
    const piped = JSON.parse((await run(['--json'], { stdin: text })).out);
    expect(piped.input.path).toBe('-');
    expect(piped.officials.map((o: { name: string }) => o.name)).toEqual(['袁良', '王鉴']);
  });

  test('schema command prints a schema the output validates against', async () => {
    const schema = JSON.parse((await run(['schema'])).out);
    const validate = new Ajv({ strict: false }).compile(schema);
    const output = JSON.parse((await run(['--json', FIXTURE])).out);
    expect(validate(output)).toBe(true);
    expect(validate({ input: 'x', error: { code: 'EMPTY', message: 'file is empty' } })).toBe(true);
    expect(validate({ ...output, officials: [{ name: 1 }] })).toBe(false);
  });
});

describe('directory walks', () => {
  test('README, SOURCE, LICENSE and CHANGELOG files (any case, any extension) are skipped and counted', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-docs-'));
    const article = fs.readFileSync(FIXTURE, 'utf8');
    fs.writeFileSync(path.join(dir, 'a.txt'), article);
    // Documentation that reads like an article: it must not be analysed.
    for (const name of ['README.md', 'SOURCE.md', 'license.txt', 'ChangeLog.md', 'Readme']) fs.writeFileSync(path.join(dir, name), article);
    const { code, out, err } = await run(['--json', dir]);
    expect(code).toBe(0);
    // A directory can hold many articles: an array even when it holds one.
    expect(JSON.parse(out).map((r: { input: { path: string } }) => r.input.path)).toEqual([path.join(dir, 'a.txt')]);
    expect(err).toContain('analysed 1, failed 0, skipped 5');
    // Named on the command line, such a file is still read: the skip is for walks only.
    expect((await run(['--json', path.join(dir, 'SOURCE.md')])).code).toBe(0);
  });
});
