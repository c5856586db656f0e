/**
 * Nothing lost on a full disk, a dying worker or a blocked pipe; every output written atomically. One block per
 * kind of failure, each with variants. Most run in memory; child processes only where a process is the point
 * (signals, a closed stdout, NODE_OPTIONS, ulimit, another user). Cases that need root (a small tmpfs for a full
 * disk, an unprivileged user for permissions) skip with their reason elsewhere.
 */
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough, Readable, Writable } from 'stream';
import { runCli } from '../src/cli/main';
import { removeTemporaries, fileSink, terminalSafeHtml, writeAll, writeOutput } from '../src/cli/output';
import { planInputs, idOfPartialRecord } from '../src/input/plan';
import type { Source } from '../src/input/source';
import { BIN, FIXTURE, jsonLines, removeTempDirs, run, sink, tempDir, variants } from './batch-helpers';

jest.setTimeout(120000);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const ARTICLE = '1月4日，青山县召开2023年经济工作会议。县委书记王青松出席会议并讲话，县长李明远主持会议。会议强调，要做强新材料、装备制造、绿色食品三大主导产业。\n';
const tempFiles = (dir: string) => fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'));

/** A small tmpfs for the disk-full cases: mounting one needs root (CAP_SYS_ADMIN); elsewhere they skip, saying why. */
function smallDisk(): { dir?: string; skip?: string } {
  if (!isRoot) return { skip: 'needs root to mount a 16 KiB tmpfs' };
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], { stdio: 'ignore' });
    return { dir };
  } catch {
    return { skip: 'mount -t tmpfs failed (no CAP_SYS_ADMIN here)' };
  }
}
const disk = smallDisk();
const full = disk.dir;
afterAll(() => {
  if (full) spawnSync('umount', [full]);
  removeTempDirs();
});

/** Enough input to overflow 16 KiB of output in every format: twelve versions of the seed article. */
function manyInputs(): string[] {
  const dir = tempDir();
  return variants(12).map((text, i) => {
    const file = path.join(dir, `doc-${String(i).padStart(2, '0')}.txt`);
    fs.writeFileSync(file, text);
    return file;
  });
}

describe('a full disk never replaces the old output with a truncated one', () => {
  const cases: Array<[string, (target: string, inputs: string[]) => string[], string]> = [
    ['-o jsonl', (target, inputs) => ['--format', 'jsonl', '-o', target, ...inputs], 'file'],
    ['-o json', (target, inputs) => ['--format', 'json', '-o', target, ...inputs], 'file'],
    ['-o table', (target, inputs) => ['--format', 'table', '-o', target, ...inputs], 'file'],
    ['--output-dir csv (a set of sheets)', (target, inputs) => ['--format', 'csv', '--output-dir', target, ...inputs], 'dir'],
    ['--output-dir jsonl', (target, inputs) => ['--format', 'jsonl', '--output-dir', target, ...inputs], 'dir'],
    ['report -o', (target, inputs) => ['report', '-o', target, ...inputs], 'file'],
  ];
  if (!full) test.skip(`disk full: ${disk.skip}`, () => undefined);
  (full ? test.each(cases) : test.skip.each(cases))('%s: exit 3, the old content stays, the message names the file, no temporary left', async (_label, argv, kind) => {
    if (!full) return;
    const inputs = manyInputs();
    const target = path.join(full, kind === 'dir' ? 'out' : 'result.out');
    if (kind === 'dir') {
      fs.mkdirSync(target, { recursive: true });
      for (const name of ['documents.csv', 'officials.csv', 'results.jsonl']) fs.writeFileSync(path.join(target, name), `old ${name}\n`);
    } else fs.writeFileSync(target, 'old\n');
    try {
      const { code, err } = await run(argv(target, inputs));
      expect(code).toBe(3);
      expect(err).toMatch(new RegExp(`cannot write ${full.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+: no space left on the device \\(ENOSPC\\)`));
      if (kind === 'dir') {
        expect(fs.readdirSync(target).sort()).toEqual(['documents.csv', 'officials.csv', 'results.jsonl']);
        for (const name of fs.readdirSync(target)) expect(fs.readFileSync(path.join(target, name), 'utf8')).toBe(`old ${name}\n`);
      } else {
        expect(fs.readFileSync(target, 'utf8')).toBe('old\n');
        expect(tempFiles(full)).toEqual([]);
      }
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });
});

describe('short writes are written again, and a write that takes nothing is a full disk', () => {
  /** A file handle whose writes take at most the given byte counts in turn (0: the disk is full). */
  function handle(takes: number[]) {
    const written: Buffer[] = [];
    let call = 0;
    return {
      written,
      write: async (buffer: Uint8Array, offset: number, length: number) => {
        const take = Math.min(length, takes[Math.min(call++, takes.length - 1)]);
        written.push(Buffer.from(buffer.subarray(offset, offset + take)));
        return { bytesWritten: take, buffer };
      },
    };
  }
  test.each([
    ['all at once', [1000], 'ok'],
    ['three bytes at a time', [3], 'ok'],
    ['a short write, then the rest', [5, 1000], 'ok'],
    ['a short write, then nothing (disk full)', [5, 0], 'ENOSPC'],
    ['nothing at all', [0], 'ENOSPC'],
  ])('%s', async (_label, takes, expected) => {
    const fake = handle(takes as number[]);
    const text = '会议强调，要做强新材料产业。';
    const writing = writeAll(fake as never, text);
    if (expected === 'ok') {
      await writing;
      expect(Buffer.concat(fake.written).toString('utf8')).toBe(text);
    } else await expect(writing).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});

describe('-o together with --output-dir is a usage error before any work', () => {
  test.each([
    [['-o', 'OUT', '--output-dir', 'DIR']],
    [['--output-dir', 'DIR', '--output', 'OUT', '--format', 'csv']],
    [['--format', 'jsonl', '--output=OUT', '--output-dir=DIR', '--summary']],
  ])('%j: exit 2, the file keeps its content, the directory is not made', async (argv) => {
    const dir = tempDir();
    const out = path.join(dir, 'keep.jsonl');
    fs.writeFileSync(out, 'old\n');
    const args = (argv as string[]).map((arg) => arg.replace('OUT', out).replace('DIR', path.join(dir, 'sheets')));
    const { code, err } = await run([...args, FIXTURE]);
    expect(code).toBe(2);
    expect(err).toMatch(/--output and --output-dir do not combine/);
    expect(fs.readFileSync(out, 'utf8')).toBe('old\n');
    expect(fs.existsSync(path.join(dir, 'sheets'))).toBe(false);
  });
});

describe('an output that cannot be written fails before the work, naming the path', () => {
  test.each([
    ['--output-dir under a file', (dir: string) => ['--format', 'csv', '--output-dir', path.join(dir, 'file.txt', 'sheets')], /^meeting-analyze: --output-dir .*file\.txt\/sheets: .*not a directory/],
    ['--output-dir that is a file', (dir: string) => ['--format', 'csv', '--output-dir', path.join(dir, 'file.txt')], /^meeting-analyze: --output-dir .*file\.txt: /],
    ['-o in a missing directory', (dir: string) => ['--format', 'jsonl', '-o', path.join(dir, 'missing', 'out.jsonl')], /^meeting-analyze: --output .*out\.jsonl: its directory does not exist/],
    ['-o that is a directory', (dir: string) => ['--format', 'jsonl', '-o', dir], /^meeting-analyze: --output .*: is a directory/],
    ['report -o in a missing directory', (dir: string) => ['report', '-o', path.join(dir, 'missing', 'r.html')], /^meeting-analyze: report -o .*r\.html: cannot write: its directory does not exist/],
  ])('%s: exit 2 and one line, no stack, nothing analysed', async (_label, argv, message) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'file.txt'), 'x');
    const { code, err, out } = await run([...argv(dir), FIXTURE]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
    expect(err).not.toMatch(/analysed/);
    expect(out).toBe('');
  });

  test('a lexicon whose userdict.utf8 is a folder names that file', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'userdict.utf8'));
    const { code, err } = await run(['--lexicon', dir, FIXTURE]);
    expect(code).toBe(2);
    expect(err).toContain(`${path.join(dir, 'userdict.utf8')}: is not a regular file`);
  });
});

describe('--output-dir as a set, streamed', () => {
  test.each([
    ['csv', ['documents.csv', 'industries.csv', 'items.csv', 'officials.csv']],
    ['jsonl', ['results.jsonl']],
    ['json', ['results.json']],
    ['markdown', ['results.md']],
  ])('%s: the files equal the formatter output for the whole batch, no staging folder left', async (format, names) => {
    const dir = tempDir();
    const inputs = [FIXTURE, path.join(dir, 'missing.txt'), FIXTURE];
    const { code } = await run(['--format', format, '--output-dir', path.join(dir, 'out'), ...inputs]);
    expect(code).toBe(1);
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(names);
    if (format === 'csv') {
      const { out } = await run(['--format', 'csv', ...inputs]);
      expect(fs.readFileSync(path.join(dir, 'out', 'documents.csv'), 'utf8')).toBe(out);
      const officials = fs.readFileSync(path.join(dir, 'out', 'officials.csv'), 'utf8').split('\r\n');
      expect(officials[0]).toMatch(/^\ufeffdocument,name/);
      expect(officials.filter((line) => line.startsWith(FIXTURE)).length % 2).toBe(0); // the same rows for both copies
    } else {
      const { out } = await run(['--format', format, ...inputs]);
      expect(fs.readFileSync(path.join(dir, 'out', names[0]), 'utf8')).toBe(out);
    }
  });

  test('an empty batch still writes every sheet with its header', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'empty', 'notes.pdf'), 'x');
    await run(['--format', 'csv', '--output-dir', path.join(dir, 'out'), '--ext', 'txt', path.join(dir, 'empty')]);
    expect(fs.readFileSync(path.join(dir, 'out', 'officials.csv'), 'utf8')).toMatch(/^\ufeffdocument,name,[^\r\n]*\r\n$/);
  });
});

describe('temporary files of atomic outputs are removed even when the process is cut short', () => {
  test.each([['jsonl'], ['json'], ['html']])('removeTemporaries() (called on exit and on a second signal) removes a %s output in progress; the target keeps its content', async (ext) => {
    const dir = tempDir();
    const target = path.join(dir, `out.${ext}`);
    fs.writeFileSync(target, 'old');
    const output = await fileSink(target);
    await output.write('x'.repeat(100000));
    expect(tempFiles(dir)).toHaveLength(1);
    removeTemporaries();
    expect(tempFiles(dir)).toEqual([]);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    await output.discard();
  });
});

/** An endless stream without a line end (`< /dev/zero`, `yes | tr -d '\n'`). */
function endless(byte: number): Readable & { isTTY?: boolean } {
  const chunk = Buffer.alloc(65536, byte);
  return new Readable({
    read() {
      this.push(chunk);
    },
  });
}

describe('--max-bytes bounds a line: an endless stream without a line end ends the run', () => {
  test.each([
    ['--input jsonl, zero bytes', ['--input', 'jsonl', '--format', 'jsonl'], 0, 'stdin:1', 'TOO_LARGE'],
    ['--input jsonl, a run of letters', ['--input', 'jsonl', '--format', 'jsonl'], 0x61, 'stdin:1', 'TOO_LARGE'],
    ['--files-from -, zero bytes', ['--files-from', '-', '--format', 'jsonl'], 0, 'stdin:1', 'TOO_LARGE'],
    ['--files-from -, a run of letters', ['--files-from', '-', '--format', 'jsonl'], 0x61, 'stdin:1', 'TOO_LARGE'],
  ])('%s: one TOO_LARGE record, exit 1', async (_label, argv, byte, input, code) => {
    const stdin = new PassThrough();
    endless(byte as number).pipe(stdin);
    const { code: exit, out, err } = await run([...(argv as string[]), '--max-bytes', '1000'], { stdin });
    expect(exit).toBe(1);
    const records = jsonLines(out);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ input, error: { code } });
    expect(records[0].error.message).toMatch(/the rest of .* not read/);
    expect(err).toMatch(/analysed 0, failed 1/);
  });
});

describe('--files-from reads each line as a path, as written', () => {
  test.each([
    ['a leading space', ' a.txt', 'a.txt'],
    ['a trailing space', 'a.txt ', 'a.txt'],
    ['a tab inside', 'a\tb.txt', 'a b.txt'],
  ])('%s: the file named with it is analysed, not the one without', async (_label, name, other) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, name), ARTICLE);
    fs.writeFileSync(path.join(dir, other), '县委书记张大山出席会议。\n');
    const { code, out } = await run(['--files-from', '-', '--format', 'jsonl'], { stdin: `${path.join(dir, name)}\n` });
    expect(code).toBe(0);
    const [record] = jsonLines(out);
    expect(record.input.path).toBe(path.join(dir, name));
    expect(record.officials.map((o: { name: string }) => o.name)).toContain('王青松');
  });

  test('a line over the limit is an error record of its own, the lines around it still read', async () => {
    const { code, out } = await run(['--files-from', '-', '--format', 'jsonl', '--max-bytes', '20000'], { stdin: `${FIXTURE}\n${'x'.repeat(30000)}\n${FIXTURE}\n` });
    expect(code).toBe(1);
    const records = jsonLines(out);
    expect(records.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'TOO_LARGE', 'ok']);
    expect(records[1].input).toBe('stdin:2');
  });
});

describe('JSONL records keep their id', () => {
  const long = '会'.repeat(3000);
  test.each([
    ['id first, text too long', JSON.stringify({ id: 'first-7', text: long }), 'first-7'],
    ['id last, text too long', JSON.stringify({ text: long, id: 'last-8' }), 'last-8'],
    ['numeric id first', `{"id": 12345678901234567890, "text": "${long}"}`, '12345678901234567890'],
    ['id with an escaped quote', JSON.stringify({ id: 'a"b', text: long }), 'a"b'],
  ])('%s: the TOO_LARGE error record carries it', async (_label, line, id) => {
    const { out } = await run(['--input', 'jsonl', '--format', 'jsonl', '--max-bytes', '500'], { stdin: `${line}\n` });
    expect(jsonLines(out)).toEqual([{ input: 'stdin:1', id, error: { code: 'TOO_LARGE', message: 'record is over the --max-bytes limit of 500' } }]);
  });

  test('a text that only looks like an id at its end is not taken for one', () => {
    expect(idOfPartialRecord(Buffer.from('{"text": "abc'), Buffer.from('x\\",\\"id\\":\\"no\\"}"}'))).toBeUndefined();
  });

  test.each([
    ['an object', { k: 1 }, 'an object'],
    ['a boolean', true, 'a boolean'],
    ['null', null, 'null'],
    ['an array', [1], 'an array'],
  ])('an id that is %s gets a warning, not silence', async (_label, id, kind) => {
    const { out } = await run(['--input', 'jsonl', '--format', 'jsonl'], { stdin: `${JSON.stringify({ id, text: ARTICLE })}\n` });
    const [record] = jsonLines(out);
    expect(record.id).toBeUndefined();
    expect(record.warnings).toContainEqual({ code: 'bad-id', message: `"id" is ${kind}, not a string or a number: not carried into the result` });
  });
});

describe('--input jsonl takes files, directories and glob patterns like other inputs', () => {
  const records = (...ids: string[]) => ids.map((id) => JSON.stringify({ id, text: ARTICLE })).join('\n') + '\n';
  test.each([
    ['a directory (walked for .jsonl files)', (dir: string) => [dir], ['a1', 'a2', 'b1']],
    ['a glob pattern', (dir: string) => [path.join(dir, '*.jsonl')], ['a1', 'a2', 'b1']],
    ['a recursive glob', (dir: string) => [path.join(dir, '**', 'b.jsonl')], ['b1']],
  ])('%s', async (_label, args, ids) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.jsonl'), records('a1', 'a2'));
    fs.writeFileSync(path.join(dir, 'b.jsonl'), records('b1'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not records');
    const { code, out } = await run(['--input', 'jsonl', '--format', 'jsonl', ...args(dir)]);
    expect(code).toBe(0);
    expect(jsonLines(out).map((r) => r.id)).toEqual(ids);
  });
});

async function listed(args: string[]): Promise<Source[]> {
  const plan = await planInputs({ args, extensions: ['.txt'], stdin: new PassThrough(), maxBytes: 1 << 20, cwd: process.cwd() });
  const out: Source[] = [];
  for await (const source of plan.sources) out.push(source);
  return out;
}

describe('a directory walk does not recurse: deep trees cannot overflow the stack', () => {
  // One tree, 1,100 levels deep (a recursive walk took 17 s at 1,000 and overflowed the stack at 2,100), with
  // files at three depths and, at the bottom, a symlink to itself (a loop).
  const DEPTH = 1100;
  let root = '';
  const fileAt = (level: number) => path.join(root, ...Array<string>(level).fill('d'), 'a.txt');
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(require('os').tmpdir(), 'ma-deep-'));
    const bottom = path.join(root, ...Array<string>(DEPTH).fill('d'));
    fs.mkdirSync(bottom, { recursive: true });
    for (const level of [1, 550, DEPTH]) fs.writeFileSync(fileAt(level), ARTICLE);
    fs.symlinkSync(bottom, path.join(bottom, 'loop'));
  });
  // rm -rf walks with openat(): removing the tree path by path would be quadratic in its depth.
  afterAll(() => void spawnSync('rm', ['-rf', root]));

  test.each([
    ['the whole tree: every file, in walk order', () => root, [1, 550, DEPTH]],
    ['from the middle down', () => path.join(root, ...Array<string>(500).fill('d')), [550, DEPTH]],
    ['a glob down the tree', () => `${root}/**/d/a.txt`, [1, 550, DEPTH]],
  ])('%s; the symlink loop at the bottom is not followed', async (_label, arg, levels) => {
    const sources = await listed([arg()]);
    expect(sources.map((s) => (s.kind === 'file' ? path.resolve(s.path) : s.kind))).toEqual((levels as number[]).map(fileAt));
  });
});

(isRoot ? describe : describe.skip)('unreadable directories are reported by globs as by the walk (run as an unprivileged user)', () => {
  // chmod 000 does not stop root: the child runs as nobody through setpriv.
  let records: Array<{ input: string | { path: string }; error?: { code: string } }> = [];
  let tree = '';
  beforeAll(() => {
    tree = tempDir();
    fs.chmodSync(tree, 0o755);
    for (const sub of ['open', 'locked', 'deep/locked2']) fs.mkdirSync(path.join(tree, sub), { recursive: true });
    fs.writeFileSync(path.join(tree, 'open', 'a.txt'), ARTICLE);
    fs.writeFileSync(path.join(tree, 'locked', 'b.txt'), ARTICLE);
    fs.writeFileSync(path.join(tree, 'deep', 'locked2', 'c.txt'), ARTICLE);
    fs.chmodSync(path.join(tree, 'deep'), 0o755);
    fs.chmodSync(path.join(tree, 'locked'), 0o000);
    fs.chmodSync(path.join(tree, 'deep', 'locked2'), 0o000);
    const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, '--format', 'jsonl', '--jobs', '1', `${tree}/**/*.txt`, tree], { encoding: 'utf8' });
    records = jsonLines(result.stdout);
  });

  test.each([
    ['a locked directory at the top', 'locked'],
    ['a locked directory deeper down', 'deep/locked2'],
  ])('%s: a PERMISSION record from the glob and from the walk', (_label, sub) => {
    const locked = path.join(tree, sub);
    expect(records.filter((r) => r.input === locked && r.error?.code === 'PERMISSION')).toHaveLength(2);
  });

  test('the readable file is analysed by both', () => {
    expect(records.filter((r) => typeof r.input === 'object' && r.input.path === path.join(tree, 'open', 'a.txt'))).toHaveLength(2);
  });
});

describe('report, diff and schema: a closed pipe or a full disk is an exit code, never a stack trace', () => {
  /** A stdout whose writes fail with `code`. */
  const failing = (code: string) =>
    new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error(`write ${code}`), { code }));
      },
    });
  test.each([
    ['schema', 'EPIPE', 141, ['schema']],
    ['schema', 'ENOSPC', 3, ['schema']],
    ['diff', 'EPIPE', 141, ['diff', FIXTURE, FIXTURE]],
    ['diff --json', 'ENOSPC', 3, ['diff', '--json', FIXTURE, FIXTURE]],
    ['report', 'EPIPE', 141, ['report', FIXTURE]],
    ['report', 'EIO', 3, ['report', FIXTURE]],
  ])('%s with %s on stdout: exit %i', async (_label, code, exit, argv) => {
    const stderr = sink();
    const result = await runCli({ argv: argv as string[], stdout: failing(code as string), stderr, env: {} });
    expect(result).toBe(exit);
    if (exit === 141) expect(stderr.text()).toBe('');
    else expect(stderr.text()).toMatch(/^meeting-analyze: cannot write stdout: (no space left on the device \(ENOSPC\)|input\/output error \(EIO\))\n$/);
  });

  test('writeOutput on /dev/full (a device stdout, written synchronously) is exit 3 with one line', async () => {
    const stderr = sink();
    const stream = fs.createWriteStream('/dev/full');
    expect(await writeOutput(stream, 'x'.repeat(10000), stderr)).toBe(3);
    expect(stderr.text()).toMatch(/ENOSPC/);
  });

  test.each([
    ['report', ['report', '-', '-']],
    ['diff', ['diff', '-', '-']],
    ['report with a file between', ['report', '-', FIXTURE, '-']],
  ])('%s reading stdin twice is a usage error', async (_label, argv) => {
    const { code, err } = await run(argv as string[], { stdin: ARTICLE });
    expect(code).toBe(2);
    expect(err).toMatch(/stdin \("-"\) can be read only once/);
  });
});

describe('report to stdout: escape sequences from the input never reach the terminal raw', () => {
  test.each([
    ['ESC CSI (clear screen)', '\u001b[2J'],
    ['OSC 8 hyperlink with BEL', '\u001b]8;;http://x.example\u0007link\u001b]8;;\u0007'],
    ['C1 CSI', '\u009b31m'],
    ['RLO bidi override', '\u202e'],
  ])('%s in a removed line and in the text', async (_label, sequence) => {
    const text = `${ARTICLE}责任编辑：赵六${sequence}\n版权所有${sequence}：青山县融媒体中心\n`;
    const { code, out } = await run(['report', '-'], { stdin: text });
    expect(code).toBe(0);
    expect(out).toContain('王青松');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  test('terminalSafeHtml keeps ordinary text and markup as they are', () => {
    const html = '<p lang="zh">会议\t强调\n</p>';
    expect(terminalSafeHtml(html)).toBe(html);
    expect(terminalSafeHtml('a\u001bb')).toBe('a&#x1b;b');
  });
});

describe('--max-bytes needs a number', () => {
  test.each([[''], [' '], ['1e3x']])('--max-bytes %j is a usage error', async (value) => {
    const { code, err } = await run(['--max-bytes', value, FIXTURE]);
    expect(code).toBe(2);
    expect(err).toMatch(/--max-bytes/);
  });
});

describe('stdin that is a directory, stdout that is closed: usage errors, no silent loss', () => {
  const sh = (script: string) => spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  const bin = JSON.stringify(BIN);
  test.each([
    ['stdin a directory', `node ${bin} --format jsonl < /`, /stdin is a directory/],
    ['stdin a directory with --input jsonl', `node ${bin} --input jsonl --format jsonl < /`, /stdin is a directory/],
    ['stdin a directory with --files-from -', `node ${bin} --files-from - < /`, /stdin is a directory/],
    ['stdout closed', `node ${bin} --format jsonl ${JSON.stringify(FIXTURE)} >&-`, /stdout is closed/],
    ['stdout closed, json', `node ${bin} --json ${JSON.stringify(FIXTURE)} >&-`, /stdout is closed/],
  ])('%s: exit 2 with a message', (_label, script, message) => {
    const result = sh(script);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  test('stdout closed but --output given: the file is written, exit 0', () => {
    const out = path.join(tempDir(), 'r.jsonl');
    const result = sh(`node ${bin} --format jsonl -o ${JSON.stringify(out)} ${JSON.stringify(FIXTURE)} >&-`);
    expect(result.status).toBe(0);
    expect(jsonLines(fs.readFileSync(out, 'utf8'))).toHaveLength(1);
  });
});

describe('signals are answered while stdout is blocked (| sleep 30)', () => {
  test.each([
    ['SIGTERM', 'jsonl', '1'],
    ['SIGINT', 'json', '1'],
    ['SIGTERM', 'json', '2'],
  ] as const)('%s with --format %s --jobs %s: the process ends promptly by the signal', async (signal, format, jobs) => {
    const dir = tempDir();
    const inputs = variants(150).map((text, i) => {
      const file = path.join(dir, `d${i}.txt`);
      fs.writeFileSync(file, text);
      return file;
    });
    // stdout is a pipe nobody reads: once its buffer is full every write waits.
    const child = spawn(process.execPath, [BIN, '--format', format, '--jobs', jobs, ...inputs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    const ended = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, sig) => resolve(sig ?? code)));
    // The first bytes show the batch is running; then nobody reads, and the records of 150 inputs are far more
    // than the pipe and the stream buffers hold: the child's writes wait.
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 2500));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    const by = await ended;
    clearTimeout(timer);
    // Ended by the signal; or, where the test runner starts children with that signal ignored, by its exit code.
    expect([signal, { SIGTERM: 143, SIGINT: 130, SIGHUP: 129 }[signal]]).toContain(by);
    expect(err).toMatch(/\(interrupted\)\n$/);
  });
});

describe('a worker that runs out of memory inside the analysis does not kill the batch', () => {
  test('NODE_OPTIONS=--max-old-space-size=24 --jobs 2: the big input is an error record, every other one analysed, exit 1', () => {
    const dir = tempDir();
    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, ARTICLE.repeat(Math.ceil(1_000_000 / Buffer.byteLength(ARTICLE))));
    const small = [0, 1, 2].map((i) => {
      const file = path.join(dir, `s${i}.txt`);
      fs.writeFileSync(file, ARTICLE);
      return file;
    });
    const result = spawnSync(process.execPath, [BIN, '--format', 'jsonl', '--jobs', '2', small[0], big, small[1], small[2]], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=24' },
    });
    expect(result.stderr).not.toMatch(/terminate called|Aborted|FATAL/);
    expect(result.status).toBe(1);
    const records = jsonLines(result.stdout);
    expect(records.map((r) => (r.error ? r.input : r.input.path))).toEqual([small[0], big, small[1], small[2]]);
    expect(records[1].error.code).toBe('ANALYSIS_FAILED');
    expect(records[1].error.message).toMatch(/memory/);
    expect(tempFiles(dir)).toEqual([]);
  });

  test('under ulimit -v 2000000, --jobs 2 falls back to fewer workers with a warning and analyses everything', () => {
    const files = [FIXTURE, FIXTURE, FIXTURE].map((f) => JSON.stringify(f)).join(' ');
    const result = spawnSync('bash', ['-c', `ulimit -v 2000000 && ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --format jsonl --jobs 2 ${files}`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(jsonLines(result.stdout)).toHaveLength(3);
    // What fits depends on the memory this process already maps: one worker, or none (the main thread analyses).
    expect(result.stderr).toMatch(/warning: the address-space limit \(ulimit -v\) leaves (room for 1 worker\(s\), not 2|no room for a worker thread)/);
  });
});

describe('HTML nested past the limit before any text says so', () => {
  test.each([
    ['divs', '<div>', '</div>'],
    ['spans inside a table cell', '<span>', '</span>'],
    ['sections', '<section>', '</section>'],
  ])('%s: an EMPTY record naming the nesting limit, not "no text outside markup"', async (_label, open, close) => {
    const page = `<html><body>${open.repeat(15000)}县委书记王青松出席会议。${close.repeat(15000)}</body></html>`;
    const { code, out } = await run(['--format', 'jsonl', '--input', 'html', '-'], { stdin: page });
    expect(code).toBe(1);
    const [record] = jsonLines(out);
    expect(record.error.code).toBe('EMPTY');
    expect(record.error.message).toMatch(/^HTML nested more than 1024 levels deep before any text: the page was read up to offset \d+ only \(nesting limit\)$/);
  });
});

describe('workers send several outcomes per message, in order', () => {
  test.each([
    ['16 inputs, 2 jobs', 16, 2],
    ['20 inputs, 2 jobs, a missing file among them', 20, 2],
    ['24 inputs, 3 jobs', 24, 3],
  ])('%s: fewer messages than outcomes, records in input order and byte-identical to one job', async (_label, count, jobs) => {
    const { runPool } = await import('../src/cli/pool');
    const dir = tempDir();
    const files = variants(count as number).map((text, i) => {
      const file = path.join(dir, `d${String(i).padStart(2, '0')}.txt`);
      if (!(count === 20 && i === 7)) fs.writeFileSync(file, text);
      return file;
    });
    const settings = { format: 'jsonl', color: false, top: 10, lexiconDirs: [], maxBytes: 1 << 20, summary: false };
    const chunks: string[] = [];
    async function* sources(): AsyncGenerator<Source> {
      for (const file of files) yield { kind: 'file', path: file };
    }
    const result = await runPool(sources(), { jobs: jobs as number, settings, onOutcome: (o) => void chunks.push(o.chunk ?? `error ${o.input}`) });
    expect(result.workers).toBe(jobs);
    expect(result.messages).toBeLessThan(count as number);
    const { out } = await run(['--format', 'jsonl', '--jobs', '1', ...files]);
    const analysed = out.split('\n').filter((line) => line && !line.startsWith('{"input":'));
    expect(chunks.filter((c) => !c.startsWith('error '))).toEqual(analysed);
    expect(chunks.filter((c) => c.startsWith('error '))).toEqual(count === 20 ? [`error ${files[7]}`] : []);
  });
});

describe('a second signal while finishing up ends the process at once and leaves no temporary file', () => {
  test.each([
    ['SIGINT', 'SIGINT'],
    ['SIGTERM', 'SIGINT'],
    ['SIGINT', 'SIGTERM'],
  ] as const)('%s then %s: the target holds its old content or the whole new one, no .tmp beside it', async (first, second) => {
    const dir = tempDir();
    const target = path.join(dir, 'out.json');
    fs.writeFileSync(target, '"old"\n');
    const long = path.join(dir, 'long.txt');
    fs.writeFileSync(long, ARTICLE.repeat(Math.ceil(4_000_000 / Buffer.byteLength(ARTICLE))));
    const child = spawn(process.execPath, [BIN, '--format', 'json', '-o', target, FIXTURE, long], { stdio: ['ignore', 'ignore', 'pipe'] });
    const ended = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // The temporary output exists once the run has started.
    const deadline = Date.now() + 60000;
    while (!tempFiles(dir).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill(first);
    child.kill(second);
    await ended;
    expect(tempFiles(dir)).toEqual([]);
    const content = JSON.parse(fs.readFileSync(target, 'utf8'));
    expect(content === 'old' || Array.isArray(content)).toBe(true);
  });
});

describe('Markdown is written record by record', () => {
  // Each section goes out as it comes (nothing kept until the end), and the bytes equal the formatter's output for
  // the whole list: a result, an error record and a second result, with one job and with two.
  test.each([['1'], ['2']])('--jobs %s: streamed Markdown equals the formatter over the whole list', async (jobs) => {
    const dir = tempDir();
    const inputs = [FIXTURE, path.join(dir, 'missing.txt'), FIXTURE];
    const { out } = await run(['--format', 'markdown', '--jobs', jobs, ...inputs]);
    const { out: json } = await run(['--format', 'json', ...inputs]);
    const { markdown } = require('../src/formatters/markdown') as typeof import('../src/formatters/markdown');
    expect(out).toBe(markdown(JSON.parse(json), { color: false }));
    expect(out.match(/^## /gm)).toHaveLength(3);
  });
});
