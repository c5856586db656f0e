import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import * as iconv from 'iconv-lite';
import { runCli } from '../src/cli/main';
import { sink } from './batch-helpers';
import { DEFAULT_MAX_BYTES, readInputFile } from '../src/input/read';
import { InputError } from '../src/errors';
import { analyze as analyzeText } from '../src/analyzer';
import type { AnalysisResult } from '../src/types';

/**
 * Every kind of bad input a user can feed the tool, with the outcome expected for each: an error code and message,
 * or the encoding/format it is read as plus a check that the analysis found the article's officials.
 */
const GOOD = path.join(__dirname, '..', 'fixtures', 'zibo-2022.txt');
const ARTICLE = '青山县召开经济工作会议\n\n1月4日，青山县召开2023年经济工作会议。县委书记王青松出席会议并讲话，县长李明远主持会议。会议强调，要做强新材料、装备制造、绿色食品三大主导产业。\n';
const TRADITIONAL = '青山縣召開經濟工作會議\n\n1月4日，青山縣召開2023年經濟工作會議。縣委書記王青松出席會議並講話，縣長李明遠主持會議。會議強調，要做強新材料、裝備製造、綠色食品三大主導產業。\n';
const HTML = `<!DOCTYPE html><html><head><meta charset="gb2312"><title>青山县召开经济工作会议_青山县政府网</title>
<script>document.write("<p>脚本插入的县长张三出席</p>"); var 县长 = "赵四";</script><style>p{color:red}</style></head>
<body><nav><a href="/">首页</a></nav><div class="article"><h1>青山县召开经济工作会议</h1>
<p>1月4日，青山县召开2023年经济工作会议。县委书记王青松出席会议并讲话，县长李明远主持会议。</p></div>
<script>console.log("县委书记钱五出席")</script></body></html>`;
const ANSI = '青山县\u001b[2J\u001b[31m召开经济工作会议\u001b[0m\n\n1月4日，县委书记王青松\u001b]0;pwned\u0007出席会议并讲话，县长李明远\u0008\u0008主持会议。\u009b31m红\u007f\u202e反转\u202c。\n责任编辑：赵六\u001b[5m\u009b1m\n';

const GBK_FOOTER = iconv.encode('版权所有：青山县人民政府办公室\n', 'gbk');
/** Zero-width space, word joiner, soft hyphen, ZWJ/ZWNJ and a BOM inside names and titles (pasted from web pages). */
const INVISIBLE = '1月4日，青山县召开2023年经济工作会议。县委书\u200b记王青松出席会议并讲话，县\ufeff长李\u00ad明\u200d远主持会议，副县长赵海\u2060涛、县\u200c委常委出席。\n';

const officialsOf = (result: AnalysisResult) => result.officials.map((o) => o.name).sort();

type Outcome =
  | { code: string; message: string | RegExp }
  | { encoding: string; format: 'text' | 'html'; invalid?: number; check: (result: AnalysisResult) => void };

interface Case {
  name: string;
  /** Create the input in `dir` and return its path. */
  make: (dir: string) => string;
  outcome: Outcome;
  skip?: boolean;
}

const write = (dir: string, name: string, data: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
};

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const CASES: Case[] = [
  { name: 'missing', make: (dir) => path.join(dir, 'no-such-file.txt'), outcome: { code: 'NOT_FOUND', message: 'no such file' } },
  { name: 'directory', make: (dir) => fs.mkdirSync(path.join(dir, 'folder.txt'), { recursive: true }) ?? path.join(dir, 'folder.txt'), outcome: { code: 'IS_DIRECTORY', message: /^is a directory(, not a file| with no \.txt, \.md, [.a-z, ]+ files \(see --ext\))$/ } }, // the reader / the CLI, which walks directories
  { name: 'path through a file', make: (dir) => path.join(write(dir, 'plain.txt', ARTICLE), 'child.txt'), outcome: { code: 'NOT_FOUND', message: 'no such file (a parent in the path is not a directory)' } },
  // A character device reports size 0: it is read as a stream (so /dev/zero cannot run forever, see below).
  { name: 'device without content (/dev/null)', skip: !fs.existsSync('/dev/null'), make: () => '/dev/null', outcome: { code: 'EMPTY', message: 'file is empty' } },
  { name: 'empty', make: (dir) => write(dir, 'empty.txt', ''), outcome: { code: 'EMPTY', message: 'file is empty' } },
  { name: 'whitespace', make: (dir) => write(dir, 'blank.txt', ' \n\t\r\n\u3000\u00a0\n'), outcome: { code: 'EMPTY', message: 'file contains only whitespace' } },
  { name: 'binary (NUL bytes)', make: (dir) => write(dir, 'image.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])), outcome: { code: 'BINARY', message: 'binary file (control or NUL bytes), not text' } },
  {
    // chmod 000 does not stop root from reading, so this case only runs as an ordinary user.
    name: 'permission denied',
    skip: isRoot,
    make: (dir) => {
      const file = write(dir, 'secret.txt', ARTICLE);
      fs.chmodSync(file, 0o000);
      return file;
    },
    outcome: { code: 'PERMISSION', message: 'permission denied' },
  },
  {
    name: '50 MB file (default --max-bytes)',
    make: (dir) => {
      const file = path.join(dir, 'huge.txt');
      // A sparse file: the size check happens before reading, so no 50 MB are written or read.
      fs.writeFileSync(file, '');
      fs.truncateSync(file, 50 * 1024 * 1024);
      return file;
    },
    outcome: { code: 'TOO_LARGE', message: `file is ${50 * 1024 * 1024} bytes, over the --max-bytes limit of ${DEFAULT_MAX_BYTES}` },
  },
  {
    name: 'truncated UTF-8',
    make: (dir) => {
      const bytes = Buffer.from(ARTICLE.trimEnd(), 'utf8');
      return write(dir, 'truncated.txt', bytes.subarray(0, bytes.length - 2)); // cut inside the final 。
    },
    outcome: { encoding: 'utf-8', format: 'text', invalid: 1, check: (r) => expect(officialsOf(r)).toEqual(['李明远', '王青松']) },
  },
  { name: 'UTF-8 with BOM', make: (dir) => write(dir, 'bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE)])), outcome: { encoding: 'utf-8', format: 'text', check: (r) => expect(r.title?.text).toBe('青山县召开经济工作会议') } },
  { name: 'GBK', make: (dir) => write(dir, 'gbk.txt', iconv.encode(ARTICLE, 'gbk')), outcome: { encoding: 'gb18030', format: 'text', check: (r) => expect(officialsOf(r)).toEqual(['李明远', '王青松']) } },
  {
    name: 'Big5',
    make: (dir) => write(dir, 'big5.txt', iconv.encode(TRADITIONAL, 'big5')),
    outcome: {
      encoding: 'big5',
      format: 'text',
      check: (r) => {
        expect(officialsOf(r)).toEqual(['李明遠', '王青松']);
        expect(r.warnings.map((w) => w.code)).toContain('traditional-script');
      },
    },
  },
  { name: 'UTF-16LE with BOM', make: (dir) => write(dir, 'utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ARTICLE, 'utf-16le')])), outcome: { encoding: 'utf-16le', format: 'text', check: (r) => expect(officialsOf(r)).toEqual(['李明远', '王青松']) } },
  { name: 'UTF-16BE with BOM', make: (dir) => write(dir, 'utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ARTICLE, 'utf-16be')])), outcome: { encoding: 'utf-16be', format: 'text', check: (r) => expect(officialsOf(r)).toEqual(['李明远', '王青松']) } },
  {
    name: 'HTML (GBK, meta charset) with scripts',
    make: (dir) => write(dir, 'page.htm', iconv.encode(HTML, 'gbk')),
    outcome: {
      encoding: 'gb18030',
      format: 'html',
      check: (r) => {
        // Names that appear only inside <script> never reach the analysis.
        expect(officialsOf(r)).toEqual(['李明远', '王青松']);
        expect(r.title?.text).toBe('青山县召开经济工作会议');
        expect(JSON.stringify(r)).not.toMatch(/张三|赵四|钱五|document|console|首页/);
      },
    },
  },
  {
    name: 'HTML sniffed in a .txt file',
    make: (dir) => write(dir, 'saved-page.txt', HTML.replace('gb2312', 'utf-8')),
    outcome: { encoding: 'utf-8', format: 'html', check: (r) => expect(officialsOf(r)).toEqual(['李明远', '王青松']) } },
  {
    // A site appended a GBK footer to a UTF-8 article: the article stays UTF-8, the footer's bytes are counted.
    name: 'UTF-8 with one GBK line',
    make: (dir) => write(dir, 'mixed.txt', Buffer.concat([Buffer.from(ARTICLE), GBK_FOOTER])),
    // As many as a UTF-8 decoder replaces in the footer alone.
    outcome: { encoding: 'utf-8', format: 'text', invalid: GBK_FOOTER.toString('utf8').split('\ufffd').length - 1, check: (r) => expect(officialsOf(r)).toEqual(['李明远', '王青松']) },
  },
  {
    // UTF-8 bytes of Chinese saved once more as if they were Windows-1252 letters ("éå±±"): valid, but mojibake.
    name: 'mojibake (UTF-8 read as Latin-1)',
    make: (dir) => write(dir, 'mojibake.txt', Buffer.from(iconv.decode(Buffer.from(ARTICLE), 'windows-1252'), 'utf8')),
    outcome: { encoding: 'utf-8', format: 'text', check: (r) => expect(r.warnings.map((w) => w.code)).toContain('mojibake') },
  },
  { name: 'UTF-32LE with BOM', make: (dir) => write(dir, 'utf32le.txt', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), iconv.encode(ARTICLE, 'utf-32le')])), outcome: { encoding: 'utf-32le', format: 'text', check: (r) => expect(officialsOf(r)).toEqual(['李明远', '王青松']) } },
  { name: 'UTF-32BE with BOM', make: (dir) => write(dir, 'utf32be.txt', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), iconv.encode(ARTICLE, 'utf-32be')])), outcome: { encoding: 'utf-32be', format: 'text', check: (r) => expect(officialsOf(r)).toEqual(['李明远', '王青松']) } },
  {
    name: 'invisible characters inside names and titles',
    make: (dir) => write(dir, 'invisible.txt', INVISIBLE),
    outcome: {
      encoding: 'utf-8',
      format: 'text',
      check: (r) => {
        expect(officialsOf(r)).toEqual(['李明远', '王青松', '赵海涛']);
        // The spans cover the invisible characters: the evidence is the input as written.
        const zhao = r.officials.find((o) => o.name === '赵海涛')!;
        expect(INVISIBLE.slice(zhao.spans[0][0], zhao.spans[0][1])).toBe('赵海\u2060涛');
        const li = r.officials.find((o) => o.name === '李明远')!;
        expect(INVISIBLE.slice(li.spans[0][0], li.spans[0][1])).toBe('李\u00ad明\u200d远');
      },
    },
  },
  {
    name: 'ANSI escapes and control characters',
    make: (dir) => write(dir, 'ansi.txt', ANSI),
    outcome: {
      encoding: 'utf-8',
      format: 'text',
      check: (r) => {
        expect(officialsOf(r)).toEqual(['李明远', '王青松']);
        // Escape sequences are skipped in the working text (they split words) but the spans still cover them.
        expect(r.title?.text).toBe('青山县召开经济工作会议');
        expect(ANSI.slice(r.title!.span[0], r.title!.span[1])).toBe('青山县\u001b[2J\u001b[31m召开经济工作会议');
        // Removed boilerplate is reported as written, controls included: the formatters must make it safe.
        expect(r.removed.map((x) => x.text)).toEqual(['责任编辑：赵六\u001b[5m\u009b1m']);
      },
    },
  },
];


async function cli(argv: string[], tty = false) {
  const stdout = sink();
  const stderr = sink();
  stdout.isTTY = tty;
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = true;
  stdin.end();
  const code = await runCli({ argv, stdin, stdout, stderr, env: {} });
  return { code, out: stdout.text(), err: stderr.text() };
}

/** Drop fields that legitimately differ between runs of the same file under different names. */
const comparable = (record: Record<string, unknown>) => ({ ...record, input: undefined });

describe('bad inputs', () => {
  let dir: string;
  const paths = new Map<string, string>();

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-bad-'));
    for (const entry of CASES) if (!entry.skip) paths.set(entry.name, entry.make(dir));
  });

  afterAll(() => {
    for (const file of paths.values()) if (fs.existsSync(file) && fs.statSync(file).isFile()) fs.chmodSync(file, 0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe.each(CASES.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const maybe = entry.skip ? test.skip : test;

    maybe('readInputFile + analyzeText', async () => {
      const file = paths.get(entry.name)!;
      const outcome = entry.outcome;
      if ('code' in outcome) {
        const error = await readInputFile(file).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(InputError);
        expect(error).toMatchObject({ code: outcome.code });
        expect((error as InputError).message).toMatch(outcome.message);
        return;
      }
      const read = await readInputFile(file);
      expect(read.encoding).toBe(outcome.encoding);
      expect(read.format).toBe(outcome.format);
      expect(read.invalidSequences).toBe(outcome.invalid ?? 0);
      const result = analyzeText({ text: read.text, path: file, encoding: read.encoding, format: read.format, warnings: read.warnings });
      outcome.check(result);
    });

    maybe('CLI alone: one record, exit code and stderr line', async () => {
      const file = paths.get(entry.name)!;
      const outcome = entry.outcome;
      const { code, out, err } = await cli(['--format', 'jsonl', file]);
      const records = out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
      expect(records).toHaveLength(1);
      if ('code' in outcome) {
        expect(code).toBe(1);
        const message = typeof outcome.message === 'string' ? outcome.message : expect.stringMatching(outcome.message);
        expect(records[0]).toEqual({ input: file, error: { code: outcome.code, message } });
        expect(err).toContain(`meeting-analyze: ${file}: `);
      } else {
        expect(code).toBe(0);
        expect(records[0].input.encoding).toBe(outcome.encoding);
        const warnings = records[0].warnings.filter((w: { code: string }) => w.code === 'invalid-bytes');
        expect(warnings).toHaveLength(outcome.invalid ? 1 : 0);
        if (outcome.invalid) expect(warnings[0].message).toMatch(new RegExp(`^${outcome.invalid} byte sequence`));
        outcome.check(records[0]);
      }
    });

    maybe('CLI with a good file: the good result is unchanged, one record per input, exit 1 when it failed', async () => {
      const file = paths.get(entry.name)!;
      const alone = JSON.parse((await cli(['--format', 'jsonl', GOOD])).out);
      const { code, out } = await cli(['--format', 'jsonl', GOOD, file, GOOD]);
      const records = out.trim().split('\n').map((line) => JSON.parse(line));
      expect(records).toHaveLength(3);
      expect(comparable(records[0])).toEqual(comparable(alone));
      expect(comparable(records[2])).toEqual(comparable(alone));
      expect(code).toBe('code' in entry.outcome ? 1 : 0);
      if ('code' in entry.outcome) expect(records[1].error.code).toBe(entry.outcome.code);
    });
  });

  (fs.existsSync('/dev/zero') ? test : test.skip)('an endless device (/dev/zero) stops at --max-bytes instead of filling memory', async () => {
    const { code, out } = await cli(['--format', 'jsonl', '--max-bytes', '4096', '/dev/zero']);
    expect(code).toBe(1);
    expect(JSON.parse(out).error).toEqual({ code: 'TOO_LARGE', message: 'input is over the --max-bytes limit of 4096' });
  });

  // Root reads a chmod 000 file anyway, so as root the case runs with the effective uid of nobody (65534) for the
  // length of the read, in this process: it needs nothing from the checkout, wherever that lives (a child process
  // would have to load the code from a folder nobody may be unable to enter).
  const canSwitch = isRoot && typeof process.seteuid === 'function';
  (canSwitch ? test : test.skip)('permission denied, as root: PERMISSION for an unprivileged reader', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-perm-'));
    try {
      const file = write(own, 'secret.txt', ARTICLE);
      fs.chmodSync(file, 0o000);
      process.seteuid!(65534);
      let error: unknown;
      try {
        error = await readInputFile(file).catch((caught: unknown) => caught);
      } finally {
        process.seteuid!(0);
      }
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ code: 'PERMISSION', message: 'permission denied' });
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
  if (!isRoot) test.skip('permission denied, as root (not root: the table case above covers it)', () => undefined);

  test('a smaller --max-bytes turns an ordinary file into TOO_LARGE', async () => {
    const { code, out } = await cli(['--format', 'jsonl', '--max-bytes', '100', GOOD]);
    expect(code).toBe(1);
    expect(JSON.parse(out).error).toEqual({ code: 'TOO_LARGE', message: expect.stringMatching(/over the --max-bytes limit of 100$/) });
  });

  test('--encoding forces the decoding (Big5 read as GBK gives other characters, not a crash)', async () => {
    const file = paths.get('Big5')!;
    const forced = JSON.parse((await cli(['--json', '--encoding', 'big5', file])).out);
    expect(forced.input.encoding).toBe('big5');
    const wrong = JSON.parse((await cli(['--json', '--encoding', 'gbk', file])).out);
    expect(wrong.input.encoding).toBe('gbk');
    expect(wrong.officials).toEqual([]);
    // A misspelt encoding is the command line's fault: one usage error before any input is read.
    const unknown = await cli(['--format', 'jsonl', '--encoding', 'no-such-charset', file]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toBe('');
  });
});

describe('terminal safety', () => {
  let file: string;
  beforeAll(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-ansi-')), 'ansi.txt');
    fs.writeFileSync(file, ANSI);
  });

  test('no escape or control character from the article reaches table output', async () => {
    for (const tty of [false, true]) {
      const { out } = await cli(['--no-color', file], tty);
      expect(out).toContain('王青松');
      expect(out).toContain('青山县召开经济工作会议');
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(out).not.toContain('pwned');
      expect(out).not.toContain('[5m');
    }
  });

  test('with colours on, the only escapes are the formatter\'s own SGR colour codes', async () => {
    const { out } = await cli([file], true);
    const escapes = out.match(/\u001b[^m]*m/g) ?? [];
    expect(escapes.length).toBeGreaterThan(0);
    for (const escape of escapes) expect(escape).toMatch(/^\u001b\[\d+(?:;\d+)*m$/);
    expect(out).not.toContain('\u001b[2J');
    expect(out).not.toContain('\u001b]0;');
    expect(out).not.toContain('\u0007');
  });

  test('JSON output escapes control characters and round-trips them', async () => {
    for (const format of ['json', 'jsonl']) {
      const { out } = await cli(['--format', format, file]);
      // Raw control characters never appear in the JSON text (newlines only between records / for indentation).
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(out).toContain('\\u009b1m');
      expect(out).toContain('\\u001b[5m');
      const record = JSON.parse(format === 'json' ? out : out.trim().split('\n')[0]);
      expect(record.removed[0].text).toBe('责任编辑：赵六\u001b[5m\u009b1m');
    }
  });
});
