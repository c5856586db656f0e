/**
 * The command line behaves like the tools analysts already use (ripgrep, jq, git): what a walk takes and names,
 * one JSON shape per command line, the count line, mistyped commands, colours, sizes, one error prefix, report on a
 * terminal, diff --exit-code and per-subcommand help. In memory, through runCli.
 */
import { PassThrough } from 'stream';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../src/cli/main';
import { byteSize, closestCommand, useColor } from '../src/cli/conventions';
import { FIXTURE, ROOT, sink } from './batch-helpers';

const made: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-conv-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A short invented article: a meeting with a date, an official and an enumeration. */
const ARTICLE = '青禾县召开项目推进会\n\n2023年4月2日，青禾县召开项目推进会。县委书记韩立业出席会议并讲话。会议要求，要做强三大产业：茶叶、竹木、旅游。';

async function run(argv: string[], options: { tty?: boolean; stderrTty?: boolean; env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  const stdout = sink(options.tty);
  const stderr = sink(options.stderrTty);
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.stdin === undefined;
  stdin.end(options.stdin ?? '');
  const code = await runCli({ argv, stdin, stdout, stderr, env: options.env ?? {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('the walk takes the pages government sites publish, in any case', () => {
  test.each(['a.htm', 'b.shtml', 'c.xhtml', 'D.TXT', 'E.Md', 'f.HTML', 'g.markdown'])('%s is taken from a folder by default', async (name) => {
    const dir = tempDir();
    const text = /htm/i.test(name) ? `<html><head><title>青禾县召开项目推进会</title></head><body><p>${ARTICLE}</p></body></html>` : ARTICLE;
    fs.writeFileSync(path.join(dir, name), text);
    const { code, out, err } = await run(['--format', 'jsonl', dir]);
    expect(code).toBe(0);
    expect(JSON.parse(out).input.path).toBe(path.join(dir, name));
    expect(err).toBe('analysed 1, failed 0, skipped 0\n');
  });

  test('--verbose names every skipped file with its reason; without it they are only counted', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), ARTICLE);
    fs.writeFileSync(path.join(dir, 'scan.pdf'), 'x');
    fs.writeFileSync(path.join(dir, 'README.md'), ARTICLE);
    fs.writeFileSync(path.join(dir, 'notes'), ARTICLE);
    const quiet = await run(['--format', 'jsonl', dir]);
    expect(quiet.err).toBe('analysed 1, failed 0, skipped 3\n');
    const verbose = await run(['--format', 'jsonl', '--verbose', dir]);
    expect(verbose.err.split('\n').filter(Boolean)).toEqual([
      `meeting-analyze: skipped ${path.join(dir, 'README.md')}: documentation file (README, SOURCE, LICENSE, CHANGELOG)`,
      `meeting-analyze: skipped ${path.join(dir, 'notes')}: no extension, not in --ext .txt,.md,.markdown,.html,.htm,.shtml,.xhtml`,
      `meeting-analyze: skipped ${path.join(dir, 'scan.pdf')}: extension .pdf, not in --ext .txt,.md,.markdown,.html,.htm,.shtml,.xhtml`,
      'analysed 1, failed 0, skipped 3',
    ]);
    // --ext in any case, with or without the dot.
    expect((await run(['--format', 'jsonl', '--verbose', '--ext', 'PDF', dir])).err).toContain(`skipped ${path.join(dir, 'a.txt')}: extension .txt, not in --ext .pdf`);
  });
});

describe('one JSON shape per command line', () => {
  const shapes: Array<[string, 'array' | 'object', (dir: string, file: string) => { argv: string[]; stdin?: string }]> = [
    ['a folder holding one article', 'array', (dir) => ({ argv: [dir] })],
    ['a glob matching one file', 'array', (dir) => ({ argv: [path.join(dir, '*.txt')] })],
    ['a --files-from list of one', 'array', (_, file) => ({ argv: ['--files-from', '-'], stdin: `${file}\n` })],
    ['the same file twice', 'array', (_, file) => ({ argv: [file, file] })],
    ['one file path', 'object', (_, file) => ({ argv: [file] })],
    ['stdin', 'object', () => ({ argv: [], stdin: ARTICLE })],
  ];
  test.each(shapes)('%s gives an %s', async (_, shape, make) => {
    const dir = tempDir();
    const file = path.join(dir, 'only.txt');
    fs.writeFileSync(file, ARTICLE);
    const { argv, stdin } = make(dir, file);
    const { code, out } = await run(['--format', 'json', ...argv], { stdin });
    expect(code).toBe(0);
    const parsed = JSON.parse(out);
    expect(Array.isArray(parsed) ? 'array' : 'object').toBe(shape);
    for (const record of [parsed].flat()) expect(record.officials.map((o: { name: string }) => o.name)).toEqual(['韩立业']);
  });

  test('a folder with nothing to analyse is still an array (of its error record)', async () => {
    const { out } = await run(['--format', 'json', tempDir()]);
    expect(JSON.parse(out)).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'IS_DIRECTORY' }) })]);
  });
});

describe('the count line is for batches', () => {
  test.each([
    ['one file', (file: string) => [file], ''],
    ['one file, --verbose', (file: string) => ['--verbose', file], 'analysed 1, failed 0, skipped 0\n'],
    ['two files', (file: string) => [file, file], 'analysed 2, failed 0, skipped 0\n'],
    ['a folder of one', (file: string) => [path.dirname(file)], 'analysed 1, failed 0, skipped 0\n'],
  ])('%s', async (_, argv, expected) => {
    const file = path.join(tempDir(), 'a.txt');
    fs.writeFileSync(file, ARTICLE);
    expect((await run(['--format', 'jsonl', ...argv(file)])).err).toBe(expected);
  });
});

describe('mistyped commands', () => {
  test.each([
    ['repot', 'report'],
    ['reprot', 'report'],
    ['dif', 'diff'],
    ['shema', 'schema'],
    ['evl', 'eval'],
  ])('%s → did you mean %s?', async (typed, meant) => {
    const { code, out, err } = await run([typed, FIXTURE]);
    expect({ code, out, err }).toEqual({ code: 2, out: '', err: `meeting-analyze: unknown command '${typed}' (did you mean ${meant}?)\n` });
  });

  test('a bare word far from every command, and no such file', async () => {
    const { code, err } = await run(['analyse']);
    expect(code).toBe(2);
    expect(err).toMatch(/^meeting-analyze: unknown command 'analyse', and no such file \(commands: report, diff, .*schema.*\)\n$/);
  });

  test('help <command> prints that command\'s help; help <typo> suggests', async () => {
    const help = await run(['help', 'report']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: meeting-analyze report /);
    const typo = await run(['help', 'repot']);
    expect([typo.code, typo.err]).toEqual([2, "meeting-analyze: unknown command 'repot' (did you mean report?)\n"]);
    expect((await run(['help'])).out).toMatch(/^Usage: meeting-analyze \[options\]/);
  });

  test('a file that exists is analysed even when its name is a bare word', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'repot'), ARTICLE);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await run(['--format', 'jsonl', 'repot'])).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
  });

  test('closestCommand keeps to near misses', () => {
    expect(closestCommand('report', ['report', 'diff'])).toBe('report');
    expect(closestCommand('xyz', ['report', 'diff'])).toBeUndefined();
  });
});

describe('colours', () => {
  const ESC = /\u001b\[/;
  test.each([
    ['auto on a terminal', [], { tty: true }, true],
    ['auto into a pipe', [], {}, false],
    ['--color always into a pipe', ['--color', 'always'], {}, true],
    ['--color never on a terminal', ['--color', 'never'], { tty: true }, false],
    ['--no-color on a terminal', ['--no-color'], { tty: true }, false],
    ['FORCE_COLOR=1 into a pipe', [], { env: { FORCE_COLOR: '1' } }, true],
    ['FORCE_COLOR=0 on a terminal', [], { tty: true, env: { FORCE_COLOR: '0' } }, false],
    ['NO_COLOR on a terminal', [], { tty: true, env: { NO_COLOR: '1' } }, false],
    ['--color always beats NO_COLOR', ['--color', 'always'], { env: { NO_COLOR: '1' } }, true],
  ] as Array<[string, string[], { tty?: boolean; env?: NodeJS.ProcessEnv }, boolean]>)('%s', async (_, flags, options, coloured) => {
    const { code, out } = await run([...flags, FIXTURE], options);
    expect(code).toBe(0);
    expect(ESC.test(out)).toBe(coloured);
  });

  test('diff takes the same --color', async () => {
    expect((await run(['diff', '--color', 'always', FIXTURE, FIXTURE])).out).toMatch(ESC);
    expect((await run(['diff', FIXTURE, FIXTURE], { tty: true, env: { NO_COLOR: '1' } })).out).not.toMatch(ESC);
    // Given before the subcommand name, either form applies to it.
    const before = (flags: string[]) => run([...flags, 'diff', FIXTURE, path.join(ROOT, 'fixtures', 'batch', 'qinghe-2023.txt')], { tty: true });
    expect(await before(['--color', 'always'])).toMatchObject({ code: 0, out: expect.stringMatching(ESC) });
    expect(await before(['--no-color'])).toMatchObject({ code: 0, err: '', out: expect.not.stringMatching(ESC) });
    expect(await before(['--color', 'never'])).toMatchObject({ code: 0, err: '', out: expect.not.stringMatching(ESC) });
  });

  test('useColor: explicit setting, then NO_COLOR, then FORCE_COLOR, then the terminal', () => {
    expect(useColor('auto', { isTTY: false }, { FORCE_COLOR: 'true' })).toBe(true);
    expect(useColor(true, { isTTY: false }, {})).toBe(true);
    expect(useColor('auto', { isTTY: true }, {})).toBe(true);
  });
});

describe('--max-bytes takes sizes', () => {
  test.each([
    ['1048576', 1048576],
    ['500K', 500 * 1024],
    ['32M', 32 * 1024 ** 2],
    ['32MiB', 32 * 1024 ** 2],
    ['32mb', 32 * 1024 ** 2],
    ['1G', 1024 ** 3],
    ['1.5K', 1536],
  ])('%s = %i bytes', (text, bytes) => {
    expect(byteSize(text)).toBe(bytes);
  });

  test.each(['32X', '-1', 'M', ''])('%j is a usage error', async (value) => {
    const { code, err } = await run(['--max-bytes', value, FIXTURE]);
    expect(code).toBe(2);
    expect(err).toMatch(/^meeting-analyze: option '--max-bytes <size>' argument .* is invalid\. expected a size such as .* \(see --help\)\n$/);
  });

  test('a file over the limit is TOO_LARGE', async () => {
    const { code, out } = await run(['--format', 'jsonl', '--max-bytes', '1K', FIXTURE]);
    expect(code).toBe(1);
    expect(JSON.parse(out).error.code).toBe('TOO_LARGE');
  });
});

describe('one error prefix, one line', () => {
  test.each([
    ['an unknown option', ['--bogus', FIXTURE]],
    ['a bad choice', ['--format', 'xml', FIXTURE]],
    ['a missing --files-from list', ['--files-from', '/nonexistent/list.txt']],
    ['a --files-from list that is a directory', ['--files-from', os.tmpdir()]],
    ['an unknown subcommand option', ['diff', '--title', 'x', FIXTURE, FIXTURE]],
    ['a main option before a subcommand that lacks it', ['--summary', 'diff', FIXTURE, FIXTURE]],
    ['a missing input', [path.join(os.tmpdir(), 'no-such-article.txt')]],
    ['a missing gold folder for eval', ['eval', '--gold', path.join(os.tmpdir(), 'no-such-gold'), FIXTURE]],
    ['diff of a missing file', ['diff', FIXTURE, path.join(os.tmpdir(), 'no-such-article.txt')]],
  ])('%s', async (_, argv) => {
    const { code, err } = await run(argv);
    expect(code).toBeGreaterThan(0);
    const lines = err.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^meeting-analyze: /);
  });

  test('the missing list is named with its cause', async () => {
    expect((await run(['--files-from', '/nonexistent/list.txt'])).err).toBe('meeting-analyze: --files-from /nonexistent/list.txt: no such file (see --help)\n');
  });
});

describe('report on a terminal', () => {
  test('writes report.html instead of printing HTML, and refuses to replace one', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const first = await run(['report', FIXTURE], { tty: true });
      expect([first.code, first.out]).toEqual([0, '']);
      expect(first.err).toBe('meeting-analyze: wrote report.html (1 article(s))\n');
      expect(fs.readFileSync(path.join(dir, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
      const second = await run(['report', FIXTURE], { tty: true });
      expect(second.code).toBe(2);
      expect(second.err).toMatch(/^meeting-analyze: report: stdout is a terminal and report.html exists; give -o <file>/);
      // Redirected, the HTML goes to stdout as before.
      expect((await run(['report', FIXTURE])).out).toMatch(/^<!DOCTYPE html>/i);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('diff --exit-code', () => {
  test.each([
    ['the same article', [FIXTURE, FIXTURE], ['--exit-code'], 0],
    ['two different articles', [FIXTURE, path.join(ROOT, 'fixtures', 'batch', 'qinghe-2023.txt')], ['--exit-code'], 1],
    ['two different articles without the flag', [FIXTURE, path.join(ROOT, 'fixtures', 'batch', 'qinghe-2023.txt')], [], 0],
    ['json output, different', [FIXTURE, path.join(ROOT, 'fixtures', 'batch', 'qinghe-2023.txt')], ['--exit-code', '--json'], 1],
  ])('%s', async (_, files, flags, expected) => {
    expect((await run(['diff', ...flags, ...files])).code).toBe(expected);
  });
});

describe('each subcommand --help lists only its own options', () => {
  const optionsOf = (help: string) => [...help.matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]);
  test.each([
    ['report', ['--output', '--title', '--top', '--lexicon', '--encoding', '--max-bytes', '--ext', '--quiet', '--help'], ['--summary', '--jobs', '--format', '--exit-code']],
    ['diff', ['--format', '--json', '--exit-code', '--color', '--no-color', '--top', '--help'], ['--title', '--summary', '--jobs', '--output']],
    ['schema', ['--help'], ['--format', '--summary', '--jobs', '--output']],
  ])('%s', async (command, has, lacks) => {
    const { code, out } = await run([command, '--help']);
    expect(code).toBe(0);
    const listed = optionsOf(out);
    for (const option of has) expect(listed).toContain(option);
    for (const option of lacks) expect(listed).not.toContain(option);
  });
});

describe('npm run build never leaves the output folder missing', () => {
  const BUILD = path.join(ROOT, 'tools', 'build.js');
  const project = (dir: string, source: string) => {
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'a.ts'), source);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { rootDir: 'src', module: 'commonjs', target: 'ES2022', strict: true, types: [] }, include: ['src/**/*.ts'] }));
  };
  const build = (dir: string) => spawnSync(process.execPath, [BUILD, '--project', path.join(dir, 'tsconfig.json'), '--out', path.join(dir, 'dist')], { encoding: 'utf8' });

  test('files are replaced in place, stale ones removed; a failed compile leaves the folder as it was', () => {
    const dir = tempDir();
    project(dir, 'export const version = 2;\n');
    fs.mkdirSync(path.join(dir, 'dist', 'old'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'dist', 'a.js'), 'exports.version = 1;\n');
    fs.writeFileSync(path.join(dir, 'dist', 'old', 'gone.js'), '');
    expect(build(dir).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist', 'a.js'), 'utf8')).toContain('version = 2');
    expect(fs.existsSync(path.join(dir, 'dist', 'old'))).toBe(false);
    project(dir, 'export const version: number = "three";\n');
    const failed = build(dir);
    expect(failed.status).not.toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist', 'a.js'), 'utf8')).toContain('version = 2');
    // No staging folder is left behind.
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('.dist-build-'))).toEqual([]);
  });

  test('the package builds through it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).toBe('node tools/build.js');
    expect(pkg.scripts['build:tools']).toMatch(/^npm run build && /);
  });
});
