/**
 * Batch behaviour through runCli in memory. Runs with --jobs 2 use the built worker (dist/cli/worker.js), so
 * build first (`npx tsc -p .`, also done by npm install).
 */
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { defaultJobs } from '../src/cli/batch';
import { lines } from '../src/input/plan';
import { FORMAT_NAMES } from '../src/cli/main';
import { FORMATTERS } from '../src/formatters';
import { json, jsonl } from '../src/formatters/json';
import { table } from '../src/formatters/table';
import { FIXTURE, jsonLines, removeTempDirs, run, sink, tempDir, variants, writeVariants } from './batch-helpers';

jest.setTimeout(120000);
afterAll(removeTempDirs);

describe('order and content do not depend on --jobs', () => {
  const dir = tempDir();
  const docs = writeVariants(dir, 12);
  const empty = path.join(dir, 'empty.txt');
  fs.writeFileSync(empty, ' \n');
  const binary = path.join(dir, 'binary.txt');
  fs.writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]));
  // A long document first, so with two workers later ones finish before it and must wait for their turn.
  const long = path.join(dir, 'long.txt');
  fs.writeFileSync(long, variants(30).join('\n\n'));
  // Failures in the middle: they must keep their place in the output.
  const inputs = [long, ...docs.slice(0, 4), path.join(dir, 'missing.txt'), ...docs.slice(4, 9), empty, ...docs.slice(9), binary];

  test('jsonl: same bytes for --jobs 1 and --jobs 2, one record per input, in input order', async () => {
    const one = await run(['--format', 'jsonl', '--jobs', '1', ...inputs]);
    const two = await run(['--format', 'jsonl', '--jobs', '2', ...inputs]);
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(two.out).toBe(one.out);
    const records = jsonLines(one.out);
    expect(records).toHaveLength(inputs.length);
    expect(records.map((r) => r.input?.path ?? r.input)).toEqual(inputs);
    const expected: Record<string, string> = { [path.join(dir, 'missing.txt')]: 'NOT_FOUND', [empty]: 'EMPTY', [binary]: 'BINARY' };
    expect(records.map((r) => r.error?.code ?? 'ok')).toEqual(inputs.map((file) => expected[file] ?? 'ok'));
    // The documents really differ, so a shuffled order could not pass the path check by accident of equal content.
    expect(new Set(records.filter((r) => !r.error).map((r) => r.input.chars)).size).toBeGreaterThan(3);
    expect(one.err.trim().split('\n').pop()).toBe('analysed 13, failed 3, skipped 0');
    expect(two.err.trim().split('\n').pop()).toBe('analysed 13, failed 3, skipped 0');
  });

  test('json: same array for --jobs 1 and --jobs 2', async () => {
    const one = await run(['--format', 'json', '--jobs', '1', ...inputs]);
    const two = await run(['--format', 'json', '--jobs', '2', ...inputs]);
    expect(two.out).toBe(one.out);
    expect(JSON.parse(one.out)).toHaveLength(inputs.length);
    const table = await run(['--jobs', '2', ...inputs]);
    expect(table.out).toBe((await run(['--jobs', '1', ...inputs])).out);
    expect(table.out.split(`\n${'─'.repeat(60)}\n\n`)).toHaveLength(13); // the 13 readable inputs; failures only on stderr
  });

  test('--summary: same aggregate for --jobs 1 and --jobs 2', async () => {
    const one = await run(['--summary', '--format', 'json', '--jobs', '1', ...inputs]);
    const two = await run(['--summary', '--format', 'json', '--jobs', '2', ...inputs]);
    expect(two.out).toBe(one.out);
  });
});

test('streamed output is byte-equal to the formatters applied to all records at once', async () => {
  const inputs = [FIXTURE, path.join(tempDir(), 'missing.txt'), FIXTURE];
  const records = JSON.parse((await run(['--format', 'json', ...inputs])).out);
  expect(records).toHaveLength(3);
  expect((await run(['--format', 'json', ...inputs])).out).toBe(json(records, { color: false }));
  expect((await run(['--format', 'jsonl', ...inputs])).out).toBe(jsonl(records, { color: false }));
  // Table output leaves failed inputs to stderr.
  expect((await run(inputs)).out).toBe(table(records.filter((r: { error?: unknown }) => !r.error), { color: false }));
});

describe('inputs', () => {
  test('directories are walked recursively in name order, other extensions skipped and counted', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'b', 'deep'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.hidden'));
    const [one, two, three] = variants(3);
    fs.writeFileSync(path.join(dir, 'b', 'deep', 'z.md'), one);
    fs.writeFileSync(path.join(dir, 'a.txt'), two);
    fs.writeFileSync(path.join(dir, 'c.TXT'), three);
    fs.writeFileSync(path.join(dir, 'notes.docx'), 'x');
    fs.writeFileSync(path.join(dir, '.hidden', 'x.txt'), one);
    const { code, out, err } = await run(['--format', 'jsonl', dir]);
    expect(code).toBe(0);
    expect(jsonLines(out).map((r) => path.relative(dir, r.input.path))).toEqual(['a.txt', path.join('b', 'deep', 'z.md'), 'c.TXT']);
    expect(err).toBe('analysed 3, failed 0, skipped 1\n');
    const none = await run(['--format', 'jsonl', '--ext', 'html', dir]);
    expect(none.code).toBe(1);
    expect(jsonLines(none.out)).toEqual([{ input: dir, error: { code: 'IS_DIRECTORY', message: 'is a directory with no .html files (see --ext)' } }]);
    const onlyMd = await run(['--format', 'jsonl', '--ext', 'md', dir]);
    expect(jsonLines(onlyMd.out).map((r) => path.basename(r.input.path))).toEqual(['z.md']);
    expect(onlyMd.err).toBe('analysed 1, failed 0, skipped 3\n');
  });

  test('glob patterns expand in name order; a pattern matching nothing is one NOT_FOUND record', async () => {
    const dir = tempDir();
    writeVariants(dir, 3);
    const pattern = path.join(dir, 'doc-*.txt');
    const none = path.join(dir, '*.nothing');
    const { code, out } = await run(['--format', 'jsonl', pattern, none]);
    expect(code).toBe(1);
    const records = jsonLines(out);
    expect(records.map((r) => (r.error ? r.error.code : path.basename(r.input.path)))).toEqual(['doc-000.txt', 'doc-001.txt', 'doc-002.txt', 'NOT_FOUND']);
    expect(records[3].input).toBe(none);
  });

  test('--files-from reads paths from a file or from stdin', async () => {
    const dir = tempDir();
    const docs = writeVariants(dir, 3);
    const list = path.join(dir, 'list.txt');
    fs.writeFileSync(list, `${docs[2]}\n\n${docs[0]}\r\n${path.join(dir, 'gone.txt')}\n`);
    const fromFile = await run(['--format', 'jsonl', '--files-from', list]);
    expect(jsonLines(fromFile.out).map((r) => r.input?.path ?? `${r.error.code}`)).toEqual([docs[2], docs[0], 'NOT_FOUND']);
    expect(fromFile.code).toBe(1);
    const fromStdin = await run(['--format', 'jsonl', '--files-from', '-'], { stdin: `${docs[1]}\n` });
    expect(jsonLines(fromStdin.out).map((r) => r.input.path)).toEqual([docs[1]]);
    expect((await run(['--files-from', path.join(dir, 'no-list.txt')])).code).toBe(2);
  });

  test('a lexicon that cannot be loaded stops the run before any work, in the main thread or in workers', async () => {
    for (const jobs of ['1', '2']) {
      const { code, out, err } = await run(['--jobs', jobs, '--lexicon', path.join(tempDir(), 'none'), FIXTURE, FIXTURE]);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/lexicon directory not found/);
    }
  });

  test('the format names --help offers (listed apart so --help stays light) are the formatters', () => {
    expect(FORMAT_NAMES).toEqual(Object.keys(FORMATTERS));
  });

  test('stdin may be used once', async () => {
    const { code, err } = await run(['-', '-'], { stdin: 'x' });
    expect(code).toBe(2);
    expect(err).toContain('stdin can be read only once');
  });

  test('default jobs: one for a single input, at most the CPU count, one for a stream (a mapper under an engine)', () => {
    expect(defaultJobs(1)).toBe(1);
    expect(defaultJobs(0)).toBe(1);
    expect(defaultJobs(100000)).toBe(require('os').availableParallelism());
    expect(defaultJobs(undefined)).toBe(1);
  });
});

describe('--input jsonl', () => {
  const texts = variants(4);
  const stdin = [
    JSON.stringify({ id: 'doc-a', text: texts[0] }),
    '',
    JSON.stringify({ id: 42, text: texts[1] }),
    '{"id": "broken", "text": ',
    JSON.stringify({ id: 'no-text' }),
    JSON.stringify({ id: 'blank', text: '  ' }),
    JSON.stringify({ text: texts[2] }),
    JSON.stringify({ id: 'doc-d', text: texts[3] }),
  ].join('\n');

  test('ids are carried into the output, one record per non-blank line, in order, for any --jobs', async () => {
    const one = await run(['--input', 'jsonl', '--format', 'jsonl', '--jobs', '1'], { stdin });
    const two = await run(['--input', 'jsonl', '--format', 'jsonl', '--jobs', '2'], { stdin });
    expect(two.out).toBe(one.out);
    expect(one.code).toBe(1);
    const records = jsonLines(one.out);
    // A line that is not JSON has no readable id; its record names the line instead.
    expect(records.map((r) => r.id ?? null)).toEqual(['doc-a', '42', null, 'no-text', 'blank', null, 'doc-d']);
    expect(records.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'ok', 'BAD_RECORD', 'BAD_RECORD', 'EMPTY', 'ok', 'ok']);
    expect(records.map((r) => r.input?.path ?? r.input)).toEqual(['stdin:1', 'stdin:3', 'stdin:4', 'stdin:5', 'stdin:6', 'stdin:7', 'stdin:8']);
    // The analysis is the text's, as if it came from a file.
    const direct = JSON.parse((await run(['--json', '-'], { stdin: texts[0] })).out);
    expect({ ...records[0], id: undefined, input: undefined }).toEqual({ ...direct, id: undefined, input: undefined });
    expect(one.err.trim().split('\n').pop()).toBe('analysed 4, failed 3, skipped 0');
  });

  test('records over --max-bytes are TOO_LARGE records, long lines included, and the stream goes on', async () => {
    const stdin = [
      JSON.stringify({ id: 'huge', text: fs.readFileSync(FIXTURE, 'utf8') }), // over the line limit: dropped as it streams
      JSON.stringify({ id: 'big', text: texts[0].slice(0, 200) }), // a short line, but its text is over the limit
      JSON.stringify({ id: 'fits', text: texts[0].slice(0, 30) }),
    ].join('\n');
    const { code, out } = await run(['--input', 'jsonl', '--format', 'jsonl', '--max-bytes', '100'], { stdin });
    expect(code).toBe(1);
    expect(jsonLines(out).map((r) => [r.id ?? r.input, r.error?.code ?? 'ok'])).toEqual([
      ['huge', 'TOO_LARGE'], // the id is read from the line's first bytes

      ['big', 'TOO_LARGE'],
      ['fits', 'ok'],
    ]);
  });

  test('records are written as they finish, before stdin ends (a streaming mapper)', async () => {
    const input = new PassThrough();
    const stdout = sink();
    const running = run(['--input', 'jsonl', '--format', 'jsonl', '--jobs', '1'], { stdin: input, stdout });
    input.write(`${JSON.stringify({ id: 'first', text: texts[0] })}\n`);
    await waitFor(() => stdout.text().includes('"first"'));
    expect(jsonLines(stdout.text())).toHaveLength(1);
    input.end(`${JSON.stringify({ id: 'second', text: texts[1] })}\n`);
    const { code, out } = await running;
    expect(code).toBe(0);
    expect(jsonLines(out).map((r) => r.id)).toEqual(['first', 'second']);
  });
});

describe('interruption and output', () => {
  test('abort (Ctrl-C) keeps finished records, prints the count line and exits 130', async () => {
    const texts = variants(3);
    const input = new PassThrough();
    const stdout = sink();
    const controller = new AbortController();
    const running = run(['--input', 'jsonl', '--format', 'jsonl', '--jobs', '2'], { stdin: input, stdout, signal: controller.signal });
    input.write(`${JSON.stringify({ id: 'a', text: texts[0] })}\n${JSON.stringify({ id: 'b', text: texts[1] })}\n`);
    await waitFor(() => jsonLines(stdout.text()).length === 2);
    controller.abort();
    const { code, out, err } = await running;
    expect(code).toBe(130);
    expect(jsonLines(out).map((r) => r.id)).toEqual(['a', 'b']);
    expect(err).toBe('analysed 2, failed 0, skipped 0 (interrupted)\n');
  });

  test('--output: the target keeps its old content until the run completes, then is replaced whole', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.jsonl');
    fs.writeFileSync(target, 'old\n');
    const texts = variants(2);
    const input = new PassThrough();
    const stdout = sink();
    const running = run(['--input', 'jsonl', '--format', 'jsonl', '--jobs', '1', '--output', target], { stdin: input, stdout });
    input.write(`${JSON.stringify({ id: 'a', text: texts[0] })}\n`);
    await waitFor(() => fs.readdirSync(dir).length === 2); // the temporary file beside the target
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fs.readFileSync(target, 'utf8')).toBe('old\n');
    input.end(`${JSON.stringify({ id: 'b', text: texts[1] })}\n`);
    const { code, out } = await running;
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(jsonLines(fs.readFileSync(target, 'utf8')).map((r) => r.id)).toEqual(['a', 'b']);
    expect(fs.readdirSync(dir)).toEqual(['out.jsonl']);
  });

  test('--output after Ctrl-C holds exactly the finished records, as a whole JSON array', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'out.json');
    const texts = variants(2);
    const input = new PassThrough();
    const controller = new AbortController();
    const stderr = sink(true);
    const running = run(['--input', 'jsonl', '--format', 'json', '--jobs', '1', '-o', target], { stdin: input, stderr, signal: controller.signal });
    input.write(`${JSON.stringify({ id: 'a', text: texts[0] })}\n${JSON.stringify({ id: 'b', text: texts[1] })}\n`);
    // Nothing reaches the target before the end: the progress bar tells when both are analysed.
    await waitFor(() => stderr.text().includes('2/2'));
    controller.abort();
    const { code, err } = await running;
    expect(code).toBe(130);
    expect(err).toMatch(/analysed 2, failed 0, skipped 0 \(interrupted\)\n$/);
    expect(JSON.parse(fs.readFileSync(target, 'utf8')).map((r: { id: string }) => r.id)).toEqual(['a', 'b']);
    expect(fs.readdirSync(dir)).toEqual(['out.json']);
  });

  test('--output into a missing directory is a usage error and writes nothing', async () => {
    const dir = tempDir();
    const { code, err } = await run(['--output', path.join(dir, 'no', 'out.json'), FIXTURE]);
    expect(code).toBe(2);
    expect(err).toMatch(/^meeting-analyze: --output .*: its directory does not exist/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a closed stdout (EPIPE) stops the batch quietly with 141', async () => {
    const dir = tempDir();
    const docs = writeVariants(dir, 6);
    const stdout = sink();
    // The first write succeeds, then the reader is gone, as with `| head -1`.
    let writes = 0;
    const write = stdout.write.bind(stdout);
    stdout.write = ((chunk: string) => {
      if (++writes > 1) {
        process.nextTick(() => stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
        return false;
      }
      return write(chunk);
    }) as typeof stdout.write;
    const { code, out, err } = await run(['--format', 'jsonl', '--jobs', '1', ...docs], { stdout });
    expect(code).toBe(141);
    expect(jsonLines(out)).toHaveLength(1);
    expect(err).toBe('');
    expect(writes).toBe(2); // stopped at the broken write instead of analysing the rest
  });
});

describe('progress bar', () => {
  const dir = tempDir();
  const docs = writeVariants(dir, 3);

  test('silent when stderr is not a terminal', async () => {
    const { err } = await run(['--format', 'jsonl', '--jobs', '1', ...docs]);
    expect(err).toBe('analysed 3, failed 0, skipped 0\n');
  });

  test('shown on a terminal with done/total and docs/s; not with --quiet, not for one input', async () => {
    const shown = await run(['--format', 'jsonl', '--jobs', '1', ...docs], { stderrTty: true });
    expect(shown.err).toMatch(/docs\/s/);
    expect(shown.err).toMatch(/\d\/3/);
    expect(jsonLines(shown.out)).toHaveLength(3);
    expect((await run(['--format', 'jsonl', '--jobs', '1', '--quiet', ...docs], { stderrTty: true })).err).toBe('');
    // Error lines printed above the bar are not lost when it is cleared at the end.
    const missing = path.join(dir, 'missing.txt');
    const withError = await run(['--format', 'jsonl', '--jobs', '1', ...docs, missing], { stderrTty: true });
    expect(withError.err).toContain(`meeting-analyze: ${missing}: no such file\n`);
    expect(withError.err).toMatch(/analysed 3, failed 1, skipped 0\n$/);
    // One file in, one record out and nothing else (the count line is for batches and --verbose).
    expect((await run(['--format', 'jsonl', docs[0]], { stderrTty: true })).err).toBe('');
    expect((await run(['--format', 'jsonl', '--verbose', docs[0]], { stderrTty: true })).err).toBe('analysed 1, failed 0, skipped 0\n');
    // Records going to the same terminal: no bar to tear.
    expect((await run(['--format', 'jsonl', ...docs], { stderrTty: true, stdout: sink(true) })).err).toBe('analysed 3, failed 0, skipped 0\n');
    // …but with --output the terminal is free for it.
    const target = path.join(tempDir(), 'out.jsonl');
    expect((await run(['--format', 'jsonl', '-o', target, ...docs], { stderrTty: true, stdout: sink(true) })).err).toMatch(/docs\/s/);
  });
});

describe('--summary', () => {
  test('counts officials, formulas, industries and months across documents; failures counted apart', async () => {
    const { code, out } = await run(['--summary', '--format', 'json', FIXTURE, FIXTURE, path.join(tempDir(), 'missing.txt')]);
    expect(code).toBe(1);
    const summary = JSON.parse(out);
    expect(summary.documents).toBe(2);
    expect(summary.failed).toBe(1);
    const yuan = summary.officials.find((o: { name: string }) => o.name === '袁良');
    expect(yuan.documents).toBe(2);
    expect(yuan.titles.length).toBeGreaterThan(0);
    expect(summary.formulas).toContainEqual({ formula: '1+3+3+3', documents: 2 });
    expect(summary.meetingsByMonth).toEqual([{ month: '2022-02', meetings: 2 }]);
    expect(summary.industries.every((i: { documents: number }) => i.documents === 2)).toBe(true);
    const table = await run(['--summary', FIXTURE]);
    expect(table.out).toContain('Summary of 1 document(s)');
    expect(table.out).toContain('1+3+3+3');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 60000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('line splitting for JSONL and lists', () => {
  async function split(chunks: Buffer[], maxLine = 1000) {
    const stream = new PassThrough();
    for (const chunk of chunks) stream.write(chunk);
    stream.end();
    const out: Array<[string, boolean]> = [];
    for await (const { line, tooLong } of lines(stream, maxLine)) out.push([line, tooLong]);
    return out;
  }

  test('multi-byte characters split across chunks, CRLF and a last line without newline', async () => {
    const bytes = Buffer.from('会议\r\n强调\n\n结尾');
    // Cut inside the three-byte 议 and inside 强.
    const parts = [bytes.subarray(0, 4), bytes.subarray(4, 9), bytes.subarray(9)];
    expect(await split(parts)).toEqual([['会议', false], ['强调', false], ['', false], ['结尾', false]]);
  });

  test('a line over the limit is reported once as too long, whether it arrives whole or in pieces', async () => {
    const long = 'x'.repeat(50);
    expect(await split([Buffer.from(`${long}\nok\n`)], 20)).toEqual([['', true], ['ok', false]]);
    expect(await split([Buffer.from(long.slice(0, 15)), Buffer.from(long.slice(15)), Buffer.from('\nok')], 20)).toEqual([['', true], ['ok', false]]);
  });
});
