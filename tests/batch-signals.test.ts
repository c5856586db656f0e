/**
 * Stop signals on the built binary (needs dist/): SIGTERM and SIGHUP are handled like Ctrl-C, and the answer does
 * not wait for a long document being analysed or for a read that blocks.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BIN, FIXTURE, removeTempDirs, tempDir } from './batch-helpers';

jest.setTimeout(120000);
afterAll(removeTempDirs);

const PARAGRAPH = '1月4日，青山县召开2023年经济工作会议。县委书记王青松出席会议并讲话，县长李明远主持会议。会议强调，要做强新材料、装备制造、绿色食品三大主导产业。\n';

/** A document that takes many seconds to analyse (~16 MB). */
function longDocument(dir: string): string {
  const file = path.join(dir, 'long.txt');
  fs.writeFileSync(file, PARAGRAPH.repeat(Math.floor((16 << 20) / Buffer.byteLength(PARAGRAPH))));
  return file;
}

function start(argv: string[], stdin: 'ignore' | 'pipe' = 'ignore') {
  const child = spawn(process.execPath, [BIN, ...argv], { stdio: [stdin, 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, ended, out: () => out, err: () => err };
}

const waitFor = async (check: () => boolean) => {
  const deadline = Date.now() + 90000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
};

describe('SIGTERM and SIGHUP end a batch like Ctrl-C', () => {
  test.each([['SIGTERM'], ['SIGHUP'], ['SIGINT']] as const)('%s during a long document: the finished record is kept, the long one skipped, the process ends by the signal', async (signal) => {
    const dir = tempDir();
    const run = start(['--format', 'jsonl', FIXTURE, longDocument(dir)]);
    await waitFor(() => run.out().includes('\n'));
    // The long document is now being analysed in a worker; the signal must not wait for it.
    run.child.kill(signal);
    const ended = await run.ended;
    expect(ended.signal).toBe(signal);
    expect(run.out().trim().split('\n').map((line) => JSON.parse(line).input.path)).toEqual([FIXTURE]);
    expect(run.err()).toBe('analysed 1, failed 0, skipped 1 (interrupted)\n');
  });

  test('SIGTERM with --output: the file holds exactly the finished records as a closed JSON array, no temporary file', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'out', 'result.json');
    fs.mkdirSync(path.dirname(out));
    const run = start(['--format', 'json', '-o', out, FIXTURE, longDocument(dir)]);
    // Nothing shows before the commit, so wait until the worker has surely started (the result is checked for
    // consistency, whatever finished by then).
    await new Promise((r) => setTimeout(r, 4000));
    run.child.kill('SIGTERM');
    const ended = await run.ended;
    expect(ended.signal).toBe('SIGTERM');
    const records = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(Array.isArray(records)).toBe(true);
    const analysed = Number(/^analysed (\d+), failed 0, skipped (\d+) \(interrupted\)\n$/.exec(run.err())?.[1]);
    expect(records).toHaveLength(analysed);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['result.json']);
  });

  test('SIGTERM while stdin is read and never ends: the count line, an empty result, ended by the signal', async () => {
    const run = start(['--format', 'json'], 'pipe');
    run.child.stdin!.write('县委书记'); // stdin stays open
    await new Promise((r) => setTimeout(r, 1500));
    run.child.kill('SIGTERM');
    const ended = await run.ended;
    expect(ended.signal).toBe('SIGTERM');
    expect(JSON.parse(run.out())).toEqual([]);
    expect(run.err()).toBe('analysed 0, failed 0, skipped 0 (interrupted)\n');
  });

  test('the shell reports 128 + the signal number', () => {
    const dir = tempDir();
    const script = `node ${JSON.stringify(BIN)} --format jsonl ${JSON.stringify(longDocument(dir))} > /dev/null 2>&1 & pid=$!; sleep 3; kill -TERM $pid; wait $pid; echo $?`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('143');
  });
});

describe('a file name that is not valid UTF-8, given on the command line', () => {
  test('is analysed (its bytes come from the process command line), alone and between good files', () => {
    const dir = tempDir();
    // 会议.txt in GBK: bytes bBB E1 D2 E9, which Node's argv decodes to U+FFFD.
    const name = Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xbb, 0xe1, 0xd2, 0xe9]), Buffer.from('.txt')]);
    fs.writeFileSync(name, PARAGRAPH);
    const escaped = `$'${dir}/\\xbb\\xe1\\xd2\\xe9.txt'`;
    for (const args of [escaped, `${JSON.stringify(FIXTURE)} ${escaped} ${JSON.stringify(FIXTURE)}`]) {
      const result = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} --format jsonl ${args}`], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
      expect(records.every((record) => !record.error)).toBe(true);
      expect(records.map((record) => record.officials.length > 0)).toEqual(records.map(() => true));
    }
  });
});

describe('the binary with special outputs', () => {
  test('-o /dev/stdout writes to the process stdout (here a socket, which cannot be opened again), never replacing it', () => {
    const result = spawnSync(process.execPath, [BIN, '--format', 'jsonl', '-o', '/dev/stdout', FIXTURE, FIXTURE], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line).input.path)).toEqual([FIXTURE, FIXTURE]);
  });

  test('a stderr pipe closed by its reader loses no record and changes no exit code', async () => {
    for (const [argv, status] of [[[FIXTURE, FIXTURE], 0], [[FIXTURE, '/no/such/file.txt', FIXTURE], 1]] as const) {
      const child = spawn(process.execPath, [BIN, '--format', 'jsonl', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stderr.destroy(); // the reader goes away: every write to stderr now fails with EPIPE
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
      expect(code).toBe(status);
      expect(out.trim().split('\n')).toHaveLength(argv.length);
    }
  });
});

describe('help through a closed pipe', () => {
  test('`--help | head -c 0` ends quietly: no EPIPE stack trace on stderr', () => {
    const err = path.join(tempDir(), 'stderr.txt');
    // head exits before the help is written, so the write meets a closed pipe.
    for (let run = 0; run < 3; run++) {
      spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --help 2>${JSON.stringify(err)} | head -c 0`]);
      expect(fs.readFileSync(err, 'utf8')).toBe('');
    }
  });
});
