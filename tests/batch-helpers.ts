import { PassThrough } from 'stream';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../src/cli/main';

export const FIXTURE = path.join(__dirname, '..', 'fixtures', 'zibo-2022.txt');
export const ROOT = path.join(__dirname, '..');
export const BIN = path.join(ROOT, 'bin', 'meeting-analyze.js');

export type Sink = PassThrough & { isTTY?: boolean; text(): string };

export function sink(tty = false): Sink {
  const stream = new PassThrough() as Sink;
  let data = '';
  stream.on('data', (chunk) => (data += chunk));
  stream.text = () => data;
  stream.isTTY = tty;
  return stream;
}

export interface RunOptions {
  stdin?: string | PassThrough;
  stderrTty?: boolean;
  stdout?: Sink;
  stderr?: Sink;
  signal?: AbortSignal;
}

/** Drive the CLI in memory; stdin is a TTY (nothing piped) unless text or a stream is given. */
export async function run(argv: string[], options: RunOptions = {}) {
  const stdout = options.stdout ?? sink();
  const stderr = options.stderr ?? sink(options.stderrTty);
  let stdin: PassThrough & { isTTY?: boolean };
  if (options.stdin instanceof PassThrough) stdin = options.stdin;
  else {
    stdin = new PassThrough();
    stdin.isTTY = options.stdin === undefined;
    stdin.end(options.stdin ?? '');
  }
  const code = await runCli({ argv, stdin, stdout, stderr, env: {}, signal: options.signal });
  return { code, out: stdout.text(), err: stderr.text() };
}

const made: string[] = [];

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-batch-'));
  made.push(dir);
  return dir;
}

/** Remove the temporary directories this test file made (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Distinct documents made from the fixture (the project's own seed article): the headline plus a rotating run of
 * its paragraphs, so each file gives a different result.
 */
export function variants(count: number): string[] {
  const paragraphs = fs.readFileSync(FIXTURE, 'utf8').split(/\n\s*\n/);
  const [head, ...body] = paragraphs;
  return Array.from({ length: count }, (_, i) => {
    const start = i % body.length;
    const take = 2 + (i % 5);
    return [head, ...body.slice(start, start + take)].join('\n\n');
  });
}

export function writeVariants(dir: string, count: number): string[] {
  return variants(count).map((text, i) => {
    const file = path.join(dir, `doc-${String(i).padStart(3, '0')}.txt`);
    fs.writeFileSync(file, text);
    return file;
  });
}

export const jsonLines = (out: string) => out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
