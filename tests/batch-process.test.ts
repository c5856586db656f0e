/** The built CLI as a real process: what only a process shows (modules loaded, signals, pipes). Needs dist/. */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BIN, FIXTURE, removeTempDirs, ROOT, tempDir, variants, writeVariants } from './batch-helpers';

jest.setTimeout(120000);
afterAll(removeTempDirs);

/**
 * Runs runCli in a fresh node process with the given argv (stdin not a TTY, empty), then reports which heavy
 * modules (nodejieba, the segmenter, extractors, the analysis) ended up in require.cache of the main thread.
 */
function loadedModules(argv: string[]): { code: number; loaded: string[] } {
  const script = `
    const { PassThrough } = require('stream');
    const { runCli } = require(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'main.js'))});
    const sink = () => { const s = new PassThrough(); s.resume(); return s; };
    const stdin = new PassThrough(); stdin.end();
    runCli({ argv: ${JSON.stringify(argv)}, stdin, stdout: sink(), stderr: sink(), env: {} }).then((code) => {
      const loaded = Object.keys(require.cache).filter((key) => /nodejieba|[\\\\/]segment[\\\\/]|[\\\\/]extractors[\\\\/]|pipeline[\\\\/]analyze/.test(key));
      process.stdout.write(JSON.stringify({ code, loaded }));
    });`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

describe('start-up', () => {
  test.each([
    [['--help'], 0],
    [['--version'], 0],
    [['schema'], 0],
    [['--bogus', 'x.txt'], 2],
    [['--jobs', '0', 'x.txt'], 2],
    [['--format', 'yaml', 'x.txt'], 2],
  ])('%j loads neither nodejieba nor the pipeline (exit %i)', (argv, code) => {
    expect(loadedModules(argv as string[])).toEqual({ code, loaded: [] });
  });

  test('with workers, the main thread never loads nodejieba; with one job it does', () => {
    const dir = tempDir();
    const docs = writeVariants(dir, 3);
    expect(loadedModules(['--format', 'jsonl', '--jobs', '2', ...docs])).toEqual({ code: 0, loaded: [] });
    expect(loadedModules(['--format', 'jsonl', '--jobs', '1', ...docs]).loaded.some((key) => key.includes('nodejieba'))).toBe(true);
  });
});

describe('signals and pipes', () => {
  test('SIGINT during a batch: workers stop, finished records are written, count line printed, exit 130', async () => {
    const child = spawn(process.execPath, [BIN, '--input', 'jsonl', '--format', 'jsonl', '--jobs', '2'], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const texts = variants(2);
    // stdin stays open: the batch is still running (waiting for input) when the signal comes.
    child.stdin.write(`${JSON.stringify({ id: 'x', text: texts[0] })}\n${JSON.stringify({ id: 'y', text: texts[1] })}\n`);
    const start = Date.now();
    while (out.split('\n').filter(Boolean).length < 2 && Date.now() - start < 90000) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    // The binary ends by re-raising the signal once its records are written: the shell then reports 130.
    const ended = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (exitCode, signal) => resolve([exitCode, signal])));
    expect(ended).toEqual([null, 'SIGINT']);
    expect(out.trim().split('\n').map((line) => JSON.parse(line).id)).toEqual(['x', 'y']);
    expect(err).toBe('analysed 2, failed 0, skipped 0 (interrupted)\n');
  });

  test('| head: a closed pipe ends the run quietly, without a stack trace', () => {
    const dir = tempDir();
    writeVariants(dir, 40);
    const result = spawnSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(BIN)} --format jsonl --jobs 1 ${JSON.stringify(dir)} | head -c 10`], { encoding: 'utf8' });
    expect(result.stdout).toHaveLength(10);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(141);
  });

  test('--output as a process: result file complete, no temporary file left', () => {
    const dir = tempDir();
    const target = path.join(dir, 'result.json');
    const result = spawnSync(process.execPath, [BIN, '--json', '-o', target, FIXTURE], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(target, 'utf8')).meeting.date).toBe('2022-02-08');
    expect(fs.readdirSync(dir)).toEqual(['result.json']);
  });
});
