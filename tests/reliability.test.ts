/**
 * Nothing lost, nothing hangs, nothing escapes (in memory, through runCli): where --output writes, non-regular
 * files in a tree, stop signals, a closed stderr, escaping on stderr, JSONL as a mapper under a distributed engine,
 * file names that are not UTF-8, --top range. Each kind alone and inside a batch with good files.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import * as iconv from 'iconv-lite';
import { runCli } from '../src/cli/main';
import { rawMember } from '../src/input/plan';
import { FIXTURE, jsonLines, removeTempDirs, run, sink, tempDir, variants } from './batch-helpers';

afterAll(removeTempDirs);

const ARTICLE = '1月4日，青山县召开2023年经济工作会议。县委书记王青松出席会议并讲话，县长李明远主持会议。\n';
const canMkfifo = (() => {
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const mkfifo = (file: string) => execFileSync('mkfifo', [file]);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const comparable = (record: Record<string, unknown>) => ({ ...record, input: undefined });

describe('--output writes into what the user named', () => {
  test('a symlink is followed: the file it points to gets the output, the link stays a link', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'real.jsonl');
    fs.writeFileSync(target, 'old\n');
    fs.symlinkSync(target, path.join(dir, 'link.jsonl'));
    const { code } = await run(['--format', 'jsonl', '-o', path.join(dir, 'link.jsonl'), FIXTURE]);
    expect(code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'link.jsonl')).isSymbolicLink()).toBe(true);
    expect(jsonLines(fs.readFileSync(target, 'utf8'))).toHaveLength(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['link.jsonl', 'real.jsonl']);
  });

  test('a dangling symlink is written through to the file it names', async () => {
    const dir = tempDir();
    fs.symlinkSync('made.jsonl', path.join(dir, 'link.jsonl'));
    expect((await run(['--format', 'jsonl', '-o', path.join(dir, 'link.jsonl'), FIXTURE])).code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'link.jsonl')).isSymbolicLink()).toBe(true);
    expect(jsonLines(fs.readFileSync(path.join(dir, 'made.jsonl'), 'utf8'))).toHaveLength(1);
  });

  test('an existing file keeps its mode (0600 stays 0600)', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'private.jsonl');
    fs.writeFileSync(target, 'old\n', { mode: 0o600 });
    fs.chmodSync(target, 0o600);
    const { code } = await run(['--format', 'jsonl', '-o', target, FIXTURE, path.join(dir, 'missing.txt')]);
    expect(code).toBe(1);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(jsonLines(fs.readFileSync(target, 'utf8'))).toHaveLength(2);
  });

  test('a character device (/dev/null) is written directly, never replaced', async () => {
    const before = fs.statSync('/dev/null');
    const { code, out } = await run(['--format', 'jsonl', '-o', '/dev/null', FIXTURE]);
    expect(code).toBe(0);
    expect(out).toBe('');
    const after = fs.statSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.ino).toBe(before.ino);
    expect(fs.readdirSync('/dev').filter((name) => name.startsWith('.null.'))).toEqual([]);
  });

  (canMkfifo ? test : test.skip)('a FIFO is written directly: its reader gets the records, the FIFO stays a FIFO', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'out.fifo');
    mkfifo(fifo);
    let received = '';
    const reader = new Promise<void>((resolve, reject) => {
      const stream = fs.createReadStream(fifo, 'utf8');
      stream.on('data', (chunk) => (received += chunk));
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    const { code } = await run(['--format', 'jsonl', '-o', fifo, FIXTURE, FIXTURE]);
    await reader;
    expect(code).toBe(0);
    expect(jsonLines(received)).toHaveLength(2);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['out.fifo']);
  });

  test('a directory target fails at the start, before any input is read', async () => {
    const dir = tempDir();
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    // stdin is never ended: reading it would hang, so the usage error must come first.
    const { code, err, out } = await run(['--format', 'jsonl', '-o', dir, '-'], { stdin });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/--output .*: is a directory/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

(canMkfifo ? describe : describe.skip)('non-regular files in a directory walk', () => {
  test('a FIFO is skipped and counted, never opened; the good files around it are analysed', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), variants(2)[0]);
    mkfifo(path.join(dir, 'b.txt')); // opening it would block until a writer comes
    fs.writeFileSync(path.join(dir, 'c.txt'), variants(2)[1]);
    const { code, out, err } = await run(['--format', 'jsonl', dir]);
    expect(code).toBe(0);
    expect(jsonLines(out).map((r) => path.basename(r.input.path))).toEqual(['a.txt', 'c.txt']);
    expect(err.trim().split('\n').pop()).toBe('analysed 2, failed 0, skipped 1');
    const alone = await run(['--format', 'jsonl', path.join(dir, 'a.txt')]);
    expect(comparable(jsonLines(out)[0])).toEqual(comparable(jsonLines(alone.out)[0]));
  });

  test('a tree holding only a FIFO says so: no file, one record for the directory', async () => {
    const dir = tempDir();
    mkfifo(path.join(dir, 'only.txt'));
    const { code, out, err } = await run(['--format', 'jsonl', dir]);
    expect(code).toBe(1);
    expect(jsonLines(out)).toEqual([{ input: dir, error: { code: 'IS_DIRECTORY', message: expect.stringMatching(/^is a directory with no/) } }]);
    expect(err.trim().split('\n').pop()).toBe('analysed 0, failed 1, skipped 1');
  });

  test('a FIFO matched by a glob pattern is never opened', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'a.txt'), ARTICLE);
    mkfifo(path.join(dir, 'b.txt'));
    const { code, out, err } = await run(['--format', 'jsonl', path.join(dir, '*.txt')]);
    expect(code).toBe(0);
    expect(jsonLines(out)).toHaveLength(1);
    expect(err.trim().split('\n').pop()).toMatch(/^analysed 1, failed 0, skipped [01]$/);
  });
});

describe('stop signals (SIGINT, SIGTERM, SIGHUP) in memory', () => {
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])('%s: finished records committed to -o, JSON array closed, no temporary file, count line, exit %i', async (name, exitCode) => {
    const dir = tempDir();
    const target = path.join(dir, 'out.json');
    const controller = new AbortController();
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    // Two records, then a stream that stays open: the run is stopped while waiting for the third.
    stdin.write(`${JSON.stringify({ id: 'a', text: variants(2)[0] })}\n${JSON.stringify({ id: 'b', text: variants(2)[1] })}\n`);
    const running = run(['--input', 'jsonl', '--json', '-o', target], { stdin, signal: controller.signal });
    // Give the two records time to finish (not asserted: what matters is that the file and the count agree).
    await new Promise((r) => setTimeout(r, 1500));
    controller.abort(name);
    const { code, err } = await running;
    expect(code).toBe(exitCode);
    const written = JSON.parse(fs.readFileSync(target, 'utf8'));
    const ids = (Array.isArray(written) ? written : [written]).map((r: { id: string }) => r.id);
    expect(ids).toEqual(['a', 'b'].slice(0, ids.length));
    expect(fs.readdirSync(dir)).toEqual(['out.json']);
    // Records taken but not finished when the signal came are counted as skipped.
    expect(err).toMatch(new RegExp(`^analysed ${ids.length}, failed 0, skipped ${ids.length === 2 ? 0 : '[01]'} \\(interrupted\\)\n$`));
  });

  test('stopped while stdin is still being read: no record, an empty JSON array, the count line', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.json');
    const controller = new AbortController();
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    stdin.write('县委书记'); // never ended
    const running = run(['--json', '-o', target, '-'], { stdin, signal: controller.signal });
    setTimeout(() => controller.abort('SIGTERM'), 100);
    const { code, err } = await running;
    expect(code).toBe(143);
    expect(JSON.parse(fs.readFileSync(target, 'utf8'))).toEqual([]);
    expect(err).toBe('analysed 0, failed 0, skipped 0 (interrupted)\n');
  });
});

describe('a closed stderr', () => {
  /** A stderr whose every write fails, as a closed pipe does. */
  function closedStderr() {
    const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
    stream.destroy();
    return stream;
  }

  test('never loses records or changes the exit code, alone or with failing inputs', async () => {
    for (const argv of [[FIXTURE], [FIXTURE, '/no/such/file.txt', FIXTURE]]) {
      const reference = await run(['--format', 'jsonl', ...argv]);
      const stdout = sink();
      const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
      stdin.isTTY = true;
      const code = await runCli({ argv: ['--format', 'jsonl', ...argv], stdin, stdout, stderr: closedStderr(), env: {} });
      expect(code).toBe(reference.code);
      expect(stdout.text()).toBe(reference.out);
    }
  });

  test('a usage error still exits 2', async () => {
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    const code = await runCli({ argv: ['--top', 'x', FIXTURE], stdin, stdout: sink(), stderr: closedStderr(), env: {} });
    expect(code).toBe(2);
  });
});

describe('stderr shows file names and messages with control characters made visible', () => {
  test('an escape sequence or a line break in a name cannot drive the terminal or forge a line', async () => {
    const dir = tempDir();
    const forged = path.join(dir, 'x\u001b]0;pwned\u0007\nmeeting-analyze: all good\u202e.txt');
    const { code, err, out } = await run(['--format', 'jsonl', FIXTURE, forged, FIXTURE]);
    expect(code).toBe(1);
    expect(jsonLines(out)).toHaveLength(3);
    // The record keeps the name exactly (JSON escapes it); stderr shows it escaped, on one line.
    expect(jsonLines(out)[1].input).toBe(forged);
    const lines = err.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`meeting-analyze: ${dir}/x\\x1b]0;pwned\\x07\\x0ameeting-analyze: all good\\u{202e}.txt: no such file`);
    expect(err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  test('a JSONL record snippet in an error message is escaped too', async () => {
    const stdin = `{"id": "a", "text": "\u001b[2J${'x'.repeat(10)}\n`;
    const { err } = await run(['--input', 'jsonl', '--format', 'jsonl'], { stdin });
    expect(err).not.toMatch(/\u001b/);
  });
});

describe('--input jsonl as a mapper under a distributed engine', () => {
  const texts = variants(3);

  test('ids keep their exact text: big integers, 1.0, exponents, strings', async () => {
    const stdin = [
      `{"id": 12345678901234567890, "text": ${JSON.stringify(texts[0])}}`,
      `{"text": ${JSON.stringify(texts[1])}, "id": 1.0}`,
      `{"id":-2.50e3,"text":${JSON.stringify(texts[2])}}`,
      `{"id": "0012", "text": ${JSON.stringify(texts[0])}}`,
    ].join('\n');
    const { code, out } = await run(['--input', 'jsonl', '--format', 'jsonl'], { stdin });
    expect(code).toBe(0);
    expect(jsonLines(out).map((r) => r.id)).toEqual(['12345678901234567890', '1.0', '-2.50e3', '0012']);
  });

  test('rawMember finds a top-level member past nested values and strings with escapes', () => {
    expect(rawMember('{"a": {"id": 1}, "b": "x\\"}", "id" : 7e2 }', 'id')).toBe('7e2');
    expect(rawMember('{"id": [1, {"id": 2}], "text": "t"}', 'id')).toBe('[1, {"id": 2}]');
    expect(rawMember('{"id": 1, "id": 2.0}', 'id')).toBe('2.0');
    expect(rawMember('{"text": "id"}', 'id')).toBeUndefined();
  });

  test('a UTF-8 BOM before the first line is accepted', async () => {
    const stdin = `\ufeff${JSON.stringify({ id: 'a', text: texts[0] })}\n${JSON.stringify({ id: 'b', text: texts[1] })}\n`;
    const { code, out } = await run(['--input', 'jsonl', '--format', 'jsonl'], { stdin });
    expect(code).toBe(0);
    expect(jsonLines(out).map((r) => r.id)).toEqual(['a', 'b']);
  });

  test('invalid UTF-8 in a record: a warning with the count; good records around it unchanged', async () => {
    const good = Buffer.from(`${JSON.stringify({ id: 'good', text: texts[0] })}\n`);
    const bad = Buffer.concat([Buffer.from(`{"id": "bad", "text": "${ARTICLE.trim()}`), iconv.encode('青山县', 'gbk'), Buffer.from('"}\n')]);
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    stdin.end(Buffer.concat([good, bad, good]));
    const { code, out } = await run(['--input', 'jsonl', '--format', 'jsonl'], { stdin });
    expect(code).toBe(0);
    const records = jsonLines(out);
    expect(records).toHaveLength(3);
    const warning = records[1].warnings.find((w: { code: string }) => w.code === 'invalid-bytes');
    const replaced = iconv.encode('青山县', 'gbk').toString('utf8').split('\ufffd').length - 1;
    expect(warning.message).toMatch(new RegExp(`^${replaced} byte sequence`));
    expect(comparable(records[0])).toEqual(comparable(records[2]));
    expect(records[0].warnings.map((w: { code: string }) => w.code)).not.toContain('invalid-bytes');
  });

  test('lone surrogates never reach the output unpaired, and are warned about', async () => {
    const stdin = `{"id": "s\\ud800", "text": "${ARTICLE.trim()}\\udc00尾\\ud83d\\ude00"}\n`;
    const { code, out } = await run(['--input', 'jsonl', '--format', 'jsonl'], { stdin });
    expect(code).toBe(0);
    // The JSON text must not carry a \\ud800-style escape or a raw lone surrogate: it would not be valid UTF-8.
    expect(out).not.toMatch(/\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])/);
    const [record] = jsonLines(out);
    expect(record.id).toBe('s\ufffd');
    expect(record.warnings.map((w: { code: string }) => w.code)).toContain('lone-surrogates');
    expect(record.officials.map((o: { name: string }) => o.name).sort()).toEqual(['李明远', '王青松']);
    expect(Buffer.from(out, 'utf8').toString('utf8')).toBe(out);
  });

  test('--errors-in-output: every failure written as a record gives exit 0; without it, 1', async () => {
    const stdin = [JSON.stringify({ id: 'a', text: texts[0] }), '{"id": "broken", ', JSON.stringify({ id: 'c', text: texts[1] })].join('\n');
    const plain = await run(['--input', 'jsonl', '--format', 'jsonl'], { stdin });
    const mapped = await run(['--input', 'jsonl', '--format', 'jsonl', '--errors-in-output'], { stdin });
    expect(plain.code).toBe(1);
    expect(mapped.code).toBe(0);
    expect(mapped.out).toBe(plain.out);
    expect(jsonLines(mapped.out).map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'BAD_RECORD', 'ok']);
    // Table output names failures only on stderr: the option would hide them, so it is refused.
    expect((await run(['--errors-in-output', FIXTURE])).code).toBe(2);
  });

  test('--jobs is never more than the number of inputs; streamed JSONL defaults to one job', async () => {
    const stdout = sink();
    const stderr = sink();
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    stdin.isTTY = true;
    const timing = async (argv: string[], input?: string) => {
      const out = sink();
      const err = sink();
      const source = new PassThrough() as PassThrough & { isTTY?: boolean };
      source.isTTY = input === undefined;
      source.end(input ?? '');
      await runCli({ argv, stdin: source, stdout: out, stderr: err, env: { MEETING_ANALYZE_TIMING: '1' } });
      return JSON.parse(/timing (.*)/.exec(err.text())![1]).jobs as number;
    };
    expect(await timing(['--format', 'jsonl', '--jobs', '8', FIXTURE])).toBe(1);
    expect(await timing(['--format', 'jsonl', '--input', 'jsonl'], `${JSON.stringify({ id: 'a', text: texts[0] })}\n`)).toBe(1);
    void stdout;
    void stderr;
    void stdin;
  });
});

describe('file names that are not valid UTF-8', () => {
  test('a GBK-named file in a directory is analysed, not NOT_FOUND, and so are its neighbours', async () => {
    const dir = tempDir();
    const gbkName = Buffer.concat([Buffer.from(`${dir}/`), iconv.encode('青山县新闻', 'gbk'), Buffer.from('.txt')]);
    fs.writeFileSync(gbkName, ARTICLE);
    fs.writeFileSync(path.join(dir, 'z.txt'), ARTICLE);
    const { code, out } = await run(['--format', 'jsonl', dir]);
    expect(code).toBe(0);
    const records = jsonLines(out);
    expect(records).toHaveLength(2);
    expect(records.map((r) => r.officials.map((o: { name: string }) => o.name).sort())).toEqual([['李明远', '王青松'], ['李明远', '王青松']]);
  });

  test('a GBK name listed in --files-from is analysed', async () => {
    const dir = tempDir();
    const gbkName = Buffer.concat([Buffer.from(`${dir}/`), iconv.encode('会议', 'gbk'), Buffer.from('.txt')]);
    fs.writeFileSync(gbkName, ARTICLE);
    const list = path.join(dir, 'list');
    fs.writeFileSync(list, Buffer.concat([Buffer.from(`${FIXTURE}\n`), gbkName, Buffer.from('\n')]));
    const { code, out } = await run(['--format', 'jsonl', '--files-from', list]);
    expect(code).toBe(0);
    expect(jsonLines(out)).toHaveLength(2);
  });
});

describe('--top out of range', () => {
  test.each([['-1'], ['1001'], ['1e9'], ['2.5'], ['x']])('--top %s is a usage error', async (value) => {
    const { code, err, out } = await run(['--top', value, FIXTURE]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/--top/);
  });

  test('--top 0 and --top 1000 are accepted', async () => {
    expect((await run(['--json', '--top', '0', FIXTURE])).code).toBe(0);
    expect((await run(['--json', '--top', '1000', FIXTURE])).code).toBe(0);
  });
});

void isRoot;

describe('a lexicon error names the file and the line', () => {
  test.each([
    ['roles.txt', '# roles\n主持\t主持\n出席\t出(席\n', /roles\.txt:3: bad pattern "出\(席"/],
    ['boilerplate.json', '{\n  "patterns": [\n    { "reason": "x", "pattern": "ok" },\n    { "reason": "y", "pattern": "[" }\n  ]\n}\n', /boilerplate\.json:4: bad pattern "\["/],
    ['boilerplate.json', '{\n  "patterns": [\n    { "reason": "x", "pattern": "ok" },,\n  ]\n}\n', /boilerplate\.json:3: not valid JSON/],
  ])('%s: a usage error (exit 2) that says where', async (name, content, message) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, name), content);
    const alone = await run(['--json', '--lexicon', dir, FIXTURE]);
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(message);
    const batch = await run(['--format', 'jsonl', '--lexicon', dir, FIXTURE, FIXTURE]);
    expect(batch.code).toBe(2);
    expect(batch.err).toMatch(message);
  });
});

describe('usage errors quote what was typed without running it', () => {
  test('an escape sequence in an unknown option is shown, not sent to the terminal', async () => {
    const { code, err } = await run(['--x\u001b]0;pwned\u0007', FIXTURE]);
    expect(code).toBe(2);
    expect(err).toContain('--x\\x1b]0;pwned\\x07');
    expect(err).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });
});

describe('mojibake in a JSONL record', () => {
  test('a record whose text is Chinese read as Latin-1 gets a warning; the good records around it do not', async () => {
    const good = JSON.stringify({ id: 'good', text: ARTICLE });
    const garbled = JSON.stringify({ id: 'garbled', text: iconv.decode(Buffer.from(ARTICLE), 'windows-1252') });
    const { code, out } = await run(['--input', 'jsonl', '--format', 'jsonl'], { stdin: [good, garbled, good].join('\n') });
    expect(code).toBe(0);
    expect(jsonLines(out).map((r) => r.warnings.some((w: { code: string }) => w.code === 'mojibake'))).toEqual([false, true, false]);
  });
});
