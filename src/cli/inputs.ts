/**
 * Turns the command line into a sequence of sources: files, directories (walked recursively, sorted), glob
 * patterns, --files-from lists, stdin text, or JSONL records streamed from stdin or files.
 */
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import { InputError } from '../errors';
import { readStream } from './read-input';
import type { Source } from './task';

export const DEFAULT_EXTENSIONS = ['.txt', '.md', '.html'];

export interface InputOptions {
  /** Positional arguments; `-` is stdin. */
  args: string[];
  /** --files-from: a file of paths, one a line, or `-` for stdin. */
  filesFrom?: string;
  /** `jsonl` reads `{"id","text"}` records; anything else reads files. */
  input?: string;
  /** Extensions kept when walking directories, with the dot, lower case. */
  extensions: string[];
  stdin: NodeJS.ReadableStream;
  maxBytes: number;
  cwd?: string;
}

export interface InputPlan {
  sources: AsyncIterable<Source>;
  /** Number of sources when known before the run (everything but streamed JSONL). */
  total?: number;
  /** Files passed over while walking directories (extension not in --ext, or documentation such as README.md); final once sources are consumed. */
  skipped(): number;
}

function errorSource(input: string, error: unknown): Source {
  if (error instanceof InputError) return { kind: 'error', input, code: error.code, message: error.message };
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { kind: 'error', input, code: 'NOT_FOUND', message: 'no such file' };
  if (code === 'EACCES' || code === 'EPERM') return { kind: 'error', input, code: 'PERMISSION', message: 'permission denied' };
  return { kind: 'error', input, code: 'READ_ERROR', message: (error as Error).message };
}

/** Files a folder of articles often carries that are not articles (README.md, SOURCE.txt, LICENSE …), in any case. */
const DOCUMENTATION = /^(readme|source|sources|license|licence|changelog)(\.[^.]*)*$/i;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function* walk(dir: string, extensions: string[], counter: { skipped: number }, seen: Set<string>): AsyncGenerator<Source> {
  let entries: import('fs').Dirent[];
  try {
    // A symlink loop would otherwise recurse for ever.
    const real = await fs.realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    yield errorSource(dir, error);
    return;
  }
  entries.sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // .git, editor swap files: not articles
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) isDir = await fs.stat(full).then((s) => s.isDirectory(), () => false);
    if (isDir) yield* walk(full, extensions, counter, seen);
    else if (DOCUMENTATION.test(entry.name)) counter.skipped++;
    else if (extensions.includes(path.extname(entry.name).toLowerCase())) yield { kind: 'file', path: full };
    else counter.skipped++;
  }
}

async function* expand(arg: string, options: InputOptions, counter: { skipped: number }): AsyncGenerator<Source> {
  if (arg === '-') {
    try {
      yield { kind: 'bytes', input: '-', bytes: await readStream(options.stdin, options.maxBytes) };
    } catch (error) {
      yield errorSource('-', error);
    }
    return;
  }
  const stat = await fs.stat(arg).catch(() => undefined);
  if (stat?.isDirectory()) {
    let found = 0;
    for await (const source of walk(arg, options.extensions, counter, new Set())) {
      found++;
      yield source;
    }
    // A directory named on the command line is an input too: if it gives nothing, say so in its own record.
    if (!found) yield { kind: 'error', input: arg, code: 'IS_DIRECTORY', message: `is a directory with no ${options.extensions.join(', ')} files (see --ext)` };
    return;
  }
  // Loaded only when a pattern is given: shells usually expand globs themselves.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const glob = !stat ? (require('tinyglobby') as typeof import('tinyglobby')) : undefined;
  if (!glob || !glob.isDynamicPattern(arg)) {
    yield { kind: 'file', path: arg }; // the reader reports a missing file as NOT_FOUND
    return;
  }
  const cwd = options.cwd ?? process.cwd();
  const matches = (await glob.glob(arg, { cwd, onlyFiles: true, absolute: true, dot: false, expandDirectories: false }))
    .map((match) => (path.isAbsolute(arg) ? match : path.relative(cwd, match)))
    .sort(byName);
  if (!matches.length) yield { kind: 'error', input: arg, code: 'NOT_FOUND', message: 'no file matches the pattern' };
  for (const match of matches) yield { kind: 'file', path: match };
}

/** Lines of a stream, split on \n as bytes (so multi-byte characters never break), pulled lazily. */
export async function* lines(stream: NodeJS.ReadableStream, maxLine: number): AsyncGenerator<{ line: string; tooLong: boolean }> {
  let pending: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  for await (const chunk of stream) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let at: number;
    while ((at = buffer.indexOf(0x0a)) >= 0) {
      if (size + at > maxLine) tooLong = true;
      if (!tooLong) pending.push(buffer.subarray(0, at));
      yield { line: tooLong ? '' : Buffer.concat(pending).toString('utf8').replace(/\r$/, ''), tooLong };
      pending = [];
      size = 0;
      tooLong = false;
      buffer = buffer.subarray(at + 1);
    }
    size += buffer.length;
    // Past the limit the line is dropped as it streams by and reported as one TOO_LARGE record.
    if (size > maxLine) {
      tooLong = true;
      pending = [];
    } else if (buffer.length) pending.push(buffer);
  }
  if (tooLong || size) yield { line: tooLong ? '' : Buffer.concat(pending).toString('utf8'), tooLong };
}

/** JSONL records `{"id": "...", "text": "..."}`, one source per non-blank line. */
async function* records(name: string, stream: NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<Source> {
  let number = 0;
  // JSON escaping can make a line up to six times longer than its text.
  for await (const { line, tooLong } of lines(stream, maxBytes * 6 + 1024)) {
    number++;
    const input = `${name}:${number}`;
    if (tooLong) {
      yield { kind: 'error', input, code: 'TOO_LARGE', message: `record is over the --max-bytes limit of ${maxBytes}` };
      continue;
    }
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      yield { kind: 'error', input, code: 'BAD_RECORD', message: `not JSON: ${(error as Error).message}` };
      continue;
    }
    const { id, text } = (record ?? {}) as { id?: unknown; text?: unknown };
    const idText = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
    if (typeof text !== 'string') {
      yield { kind: 'error', input, id: idText, code: 'BAD_RECORD', message: 'record has no "text" string' };
      continue;
    }
    yield { kind: 'text', input, id: idText, text };
  }
}

async function readList(file: string, stdin: NodeJS.ReadableStream): Promise<string[]> {
  const stream = file === '-' ? stdin : createReadStream(file);
  const paths: string[] = [];
  for await (const { line } of lines(stream, 64 * 1024)) if (line.trim()) paths.push(line.trim());
  return paths;
}

export async function planInputs(options: InputOptions): Promise<InputPlan> {
  const counter = { skipped: 0 };
  const args = options.args.length || options.filesFrom ? [...options.args] : ['-'];
  if (options.input === 'jsonl') {
    const sources = (async function* () {
      for (const arg of args) {
        if (arg === '-') yield* records('stdin', options.stdin, options.maxBytes);
        else {
          const stream = createReadStream(arg);
          // Open errors surface on the first read; report them as the file's one record.
          try {
            yield* records(arg, stream, options.maxBytes);
          } catch (error) {
            yield errorSource(arg, error);
          }
        }
      }
    })();
    return { sources, skipped: () => counter.skipped };
  }
  if (options.filesFrom) {
    try {
      args.push(...(await readList(options.filesFrom, options.stdin)));
    } catch (error) {
      throw new InputError('NOT_FOUND', `--files-from ${options.filesFrom}: ${(error as Error).message}`);
    }
  }
  // File lists are small (paths only), so list them all first: the progress bar then knows the total.
  const listed: Source[] = [];
  for (const arg of args) for await (const source of expand(arg, options, counter)) listed.push(source);
  return {
    sources: (async function* () {
      yield* listed;
    })(),
    total: listed.length,
    skipped: () => counter.skipped,
  };
}
