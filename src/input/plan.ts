/**
 * Turns the command line into a sequence of sources: files, directories (walked recursively, sorted), glob
 * patterns, --files-from lists, stdin text, or JSONL records streamed from stdin or files.
 */
import * as fsCallbacks from 'fs';
import { createReadStream, promises as fs, type Dirent, type Stats } from 'fs';
import * as path from 'path';
import { InputError, UsageError } from '../errors';
import { invalidBytesWarning, mojibakeOf } from './decode';
import { readStream } from './read';
import type { Source } from './source';
import type { Warning } from '../types';

/**
 * Extensions taken when walking a directory, compared without regard to case (`.TXT`, `.Htm`): government sites
 * name pages .htm, .shtml and .xhtml as often as .html.
 */
export const DEFAULT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.shtml', '.xhtml'];

/** `--ext` values (with or without the dot, any case) as the walk compares them; the defaults when none. */
export function extensionList(given: string[] | undefined): string[] {
  return (given?.length ? given : DEFAULT_EXTENSIONS).map((ext) => (ext.startsWith('.') ? ext : `.${ext}`).toLowerCase());
}

/** A file passed over while walking a directory or matching a pattern, and why (named under --verbose). */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** What the walk passed over: a count plus each file and its reason. */
interface Skips {
  skipped: number;
  files: SkippedFile[];
}

function skip(counter: Skips, file: string, reason: string): void {
  counter.skipped++;
  counter.files.push({ path: file, reason });
}

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
  /** Directory relative glob patterns are matched from. */
  cwd: string;
  /**
   * The bytes of a command-line argument that was not valid UTF-8 (the argument as given is then its lossy
   * decoding, with U+FFFD), or undefined. See argumentBytes.
   */
  rawArgument?: (arg: string) => Buffer | undefined;
}

/**
 * Recover the bytes of an argument that is not valid UTF-8 from the process's command line (`cmdline`, the
 * contents of /proc/<pid>/cmdline: arguments separated by NUL): Node decodes argv lossily, so a GBK file name
 * would otherwise be a name that does not exist. Returns undefined where nothing matches.
 */
export function argumentBytes(cmdline: Buffer | undefined): (arg: string) => Buffer | undefined {
  if (!cmdline) return () => undefined;
  const parts: Buffer[] = [];
  for (let start = 0; start < cmdline.length; ) {
    let end = cmdline.indexOf(0, start);
    if (end < 0) end = cmdline.length;
    parts.push(cmdline.subarray(start, end));
    start = end + 1;
  }
  return (arg) => (arg.includes('\ufffd') ? parts.find((part) => !isUtf8(part) && part.toString('utf8') === arg) : undefined);
}

export interface InputPlan {
  sources: AsyncIterable<Source>;
  /** Number of sources when known before the run (everything but streamed JSONL). */
  total?: number;
  /**
   * Files passed over while walking directories or matching globs (extension not in --ext; documentation such as
   * README.md; FIFOs, sockets and devices, which could block for ever); final once sources are consumed.
   */
  skipped(): number;
  /** Each file passed over with its reason, in walk order; final once sources are consumed. */
  skippedFiles(): SkippedFile[];
  /**
   * True when the command line can stand for several inputs (a directory, a glob pattern, --files-from, JSONL
   * records or more than one argument) even if it matched one: JSON output is then always an array.
   */
  many: boolean;
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
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** A path as a string when its bytes are valid UTF-8; otherwise the bytes, with a display form. */
function fileSource(raw: Buffer): Source {
  try {
    return { kind: 'file', path: utf8Strict.decode(raw) };
  } catch {
    return { kind: 'file', path: raw.toString('utf8'), raw };
  }
}

/** A directory being listed: its entries in name order and how far the walk has come. */
interface Frame {
  dir: Buffer;
  entries: Array<{ entry: Dirent<Buffer>; name: string }>;
  next: number;
}

/**
 * Open one directory for the walk: its entries sorted by name, or an error source (unreadable, vanished), or
 * undefined when it was seen already (a symlink loop would otherwise be walked for ever).
 */
async function openDir(dir: Buffer, seen: Set<string>): Promise<Frame | Source | undefined> {
  try {
    // Known by device and inode, not by realpath(), which looks up every parent again (quadratic in the depth).
    const stat = await fs.stat(dir, { bigint: true });
    const key = `${stat.dev}:${stat.ino}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const entries = await fs.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    const named = entries.map((entry) => ({ entry, name: entry.name.toString('utf8') }));
    named.sort((a, b) => byName(a.name, b.name) || Buffer.compare(a.entry.name, b.entry.name));
    return { dir, entries: named, next: 0 };
  } catch (error) {
    return errorSource(dir.toString('utf8'), error);
  }
}

/**
 * Files under `dir`, sorted by name, depth first. Names are read as bytes so that a name that is not valid UTF-8
 * (a GBK name from an old archive) is still opened. Only directories and regular files are followed: a FIFO,
 * socket or device in a tree is skipped and counted, never opened (opening a FIFO blocks until a writer comes).
 * The walk keeps its own stack of open directories instead of recursing, so a tree thousands of levels deep costs
 * the same per file as a flat one and cannot overflow the call stack; an unreadable directory is an error record.
 */
async function* walk(root: Buffer, extensions: string[], counter: Skips, seen: Set<string>): AsyncGenerator<Source> {
  const stack: Frame[] = [];
  const enter = async function* (dir: Buffer): AsyncGenerator<Source> {
    const opened = await openDir(dir, seen);
    if (!opened) return;
    if ('kind' in opened) yield opened;
    else stack.push(opened);
  };
  yield* enter(root);
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const { entry, name } = frame.entries[frame.next++];
    if (name.startsWith('.')) continue; // .git, editor swap files: not articles
    // `fixtures/` given with its slash: no doubled separator in the names reported.
    const dir = frame.dir;
    const full = dir[dir.length - 1] === 0x2f ? Buffer.concat([dir, entry.name]) : Buffer.concat([dir, Buffer.from(path.sep), entry.name]);
    let type: Pick<Stats, 'isDirectory' | 'isFile'> | undefined = entry;
    if (entry.isSymbolicLink()) type = await fs.stat(full).catch(() => undefined);
    const extension = path.extname(name).toLowerCase();
    if (type?.isDirectory()) yield* enter(full);
    else if (DOCUMENTATION.test(name)) skip(counter, full.toString('utf8'), 'documentation file (README, SOURCE, LICENSE, CHANGELOG)');
    else if (type?.isFile() && extensions.includes(extension)) yield fileSource(full);
    else if (!type) yield fileSource(full); // a dangling link: the reader reports it as NOT_FOUND
    else if (!type.isFile()) skip(counter, full.toString('utf8'), 'not a regular file (FIFO, socket or device)');
    else skip(counter, full.toString('utf8'), `${extension ? `extension ${extension}` : 'no extension'}, not in --ext ${extensions.join(',')}`);
  }
}

async function* expand(arg: string, options: InputOptions, counter: Skips): AsyncGenerator<Source> {
  if (arg === '-') {
    try {
      yield { kind: 'bytes', input: '-', bytes: await readStream(options.stdin, options.maxBytes) };
    } catch (error) {
      yield errorSource('-', error);
    }
    return;
  }
  const raw = options.rawArgument?.(arg);
  const stat = await fs.stat(raw ?? arg).catch(() => undefined);
  if (raw && stat && !stat.isDirectory()) {
    yield fileSource(raw);
    return;
  }
  if (stat?.isDirectory()) {
    let found = 0;
    for await (const source of walk(raw ?? Buffer.from(arg), options.extensions, counter, new Set())) {
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
  const cwd = options.cwd;
  const shown = (match: string) => (path.isAbsolute(arg) ? match : path.relative(cwd, match) || '.');
  // The matcher passes over directories it cannot read; they are recorded here and reported like the walk does.
  const unreadable: Array<{ dir: string; error: NodeJS.ErrnoException }> = [];
  const readdir = ((dir: string, opts: unknown, callback: (error: NodeJS.ErrnoException | null, entries: unknown) => void) =>
    fsCallbacks.readdir(dir, opts as never, (error: NodeJS.ErrnoException | null, entries: unknown) => {
      if (error && error.code !== 'ENOENT') unreadable.push({ dir: dir.replace(/\/+$/, '') || '/', error });
      callback(error, entries);
    })) as unknown as typeof fsCallbacks.readdir;
  const matches = (await glob.glob(arg, { cwd, onlyFiles: true, absolute: true, dot: false, expandDirectories: false, fs: { readdir } }))
    .map(shown)
    .sort(byName);
  for (const { dir, error } of unreadable.sort((a, b) => byName(a.dir, b.dir))) yield errorSource(shown(dir), error);
  if (!matches.length && !unreadable.length) yield { kind: 'error', input: arg, code: 'NOT_FOUND', message: 'no file matches the pattern' };
  for (const match of matches) {
    // Like a directory walk: FIFOs, sockets and devices matched by a pattern are skipped, not opened.
    const type = await fs.stat(path.resolve(cwd, match)).catch(() => undefined);
    if (type && !type.isFile()) skip(counter, match, 'not a regular file (FIFO, socket or device)');
    else yield { kind: 'file', path: match };
  }
}

/** One line of a stream (see lines()). */
export interface StreamLine {
  /** The line read as UTF-8 (invalid bytes become U+FFFD); empty when it was too long. */
  line: string;
  /** The line as it came, without \r\n; empty when it was too long. */
  bytes: Buffer;
  /** Over the limit: dropped as it streamed by. */
  tooLong: boolean;
  /** For a line too long: its first and last bytes (up to `keep` each), to name it by (an id, a path). */
  head?: Buffer;
  tail?: Buffer;
  /**
   * The line was still going at twice the limit without a line end (`< /dev/zero`): reading stopped there, and
   * this is the last line given. A line end would have to be looked for without any bound.
   */
  endless?: boolean;
}

/** The first `keep` bytes of chunks. */
function firstBytes(chunks: Buffer[], keep: number): Buffer {
  const out: Buffer[] = [];
  let size = 0;
  for (const chunk of chunks) {
    if (size >= keep) break;
    out.push(chunk.subarray(0, keep - size));
    size += Math.min(chunk.length, keep - size);
  }
  return Buffer.concat(out);
}

/** The last `keep` bytes of `tail` followed by `more`. */
const lastBytes = (tail: Buffer, more: Buffer, keep: number): Buffer =>
  more.length >= keep ? Buffer.from(more.subarray(more.length - keep)) : Buffer.concat([tail.subarray(Math.max(0, tail.length + more.length - keep)), more]);

/**
 * Lines of a stream, split on \n as bytes (so multi-byte characters never break), pulled lazily. A line longer
 * than `maxLine` bytes is never held: it is dropped as it streams by (its first and last `keep` bytes kept) and
 * given as one `tooLong` line; one still going at twice the limit ends the reading (`endless`), so a stream
 * without line ends (`< /dev/zero`) cannot keep the run reading for ever.
 */
export async function* lines(stream: NodeJS.ReadableStream, maxLine: number, keep = 0): AsyncGenerator<StreamLine> {
  let pending: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let head: Buffer | undefined;
  let tail: Buffer = Buffer.alloc(0);
  const overflow = (more: Buffer) => {
    tooLong = true;
    head = firstBytes([...pending, more], keep);
    pending = [];
  };
  const reset = () => {
    pending = [];
    size = 0;
    tooLong = false;
    head = undefined;
    tail = Buffer.alloc(0);
  };
  for await (const chunk of stream) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    let at: number;
    while ((at = buffer.indexOf(0x0a)) >= 0) {
      const piece = buffer.subarray(0, at);
      if (!tooLong && size + at > maxLine) overflow(piece);
      else if (!tooLong) pending.push(piece);
      if (tooLong) tail = lastBytes(tail, piece, keep);
      yield tooLong ? { line: '', bytes: Buffer.alloc(0), tooLong, head, tail } : lineOf(pending, true);
      reset();
      buffer = buffer.subarray(at + 1);
    }
    if (!buffer.length) continue;
    size += buffer.length;
    if (!tooLong && size > maxLine) overflow(buffer);
    else if (!tooLong) pending.push(buffer);
    if (tooLong) {
      tail = lastBytes(tail, buffer, keep);
      if (size > 2 * maxLine) {
        yield { line: '', bytes: Buffer.alloc(0), tooLong, head, tail, endless: true };
        return;
      }
    }
  }
  if (tooLong) yield { line: '', bytes: Buffer.alloc(0), tooLong, head, tail };
  else if (size) yield lineOf(pending, false);
}

function lineOf(pending: Buffer[], ended: boolean): StreamLine {
  let bytes = Buffer.concat(pending);
  if (ended && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
  return { line: bytes.toString('utf8'), bytes, tooLong: false };
}

/** Bytes kept from each end of a JSONL line too long to read, to find its id in. */
const ID_SEARCH_BYTES = 4096;
/** A JSON string or number (the forms an id is carried in). */
const ID_VALUE = String.raw`("(?:[^"\\\u0000-\u001f]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)`;
/** `{"id": <value>` at the start of a record (`jq -c '{id, text}'` writes it first). */
const ID_FIRST = new RegExp(String.raw`^\s*\{\s*"id"\s*:\s*${ID_VALUE}\s*[,}]`);
/** `, "id": <value>}` at its end (an object that puts the text first). */
const ID_LAST = new RegExp(String.raw`(?<!\\)"\s*,\s*"id"\s*:\s*${ID_VALUE}\s*\}\s*$`);

/** The id of a JSONL record too long to parse, from its first or last bytes; undefined when neither shows one. */
export function idOfPartialRecord(head: Buffer | undefined, tail: Buffer | undefined): string | undefined {
  const found = ID_FIRST.exec(head?.toString('utf8') ?? '') ?? ID_LAST.exec(tail?.toString('utf8') ?? '');
  if (!found) return undefined;
  try {
    return found[1].startsWith('"') ? (JSON.parse(found[1]) as string) : found[1];
  } catch {
    return undefined;
  }
}

/**
 * The source text of a top-level member's value in a JSON object text (already validated by JSON.parse), or
 * undefined. The last one wins, as in JSON.parse. Used for ids: JSON.parse turns 12345678901234567890 into
 * 12345678901234567000 and 1.0 into 1, and an id must come back exactly as the caller wrote it.
 */
export function rawMember(json: string, key: string): string | undefined {
  let i = 0;
  const space = () => {
    while (i < json.length && (json[i] === ' ' || json[i] === '\t' || json[i] === '\n' || json[i] === '\r')) i++;
  };
  const skipString = () => {
    for (i++; i < json.length && json[i] !== '"'; i++) if (json[i] === '\\') i++;
    i++;
  };
  space();
  if (json[i] !== '{') return undefined;
  i++;
  let found: string | undefined;
  for (;;) {
    space();
    if (json[i] !== '"') return found;
    const keyStart = i;
    skipString();
    const name = JSON.parse(json.slice(keyStart, i)) as string;
    space();
    i++; // the colon
    space();
    const valueStart = i;
    let depth = 0;
    while (i < json.length) {
      const ch = json[i];
      if (ch === '"') {
        skipString();
        if (depth === 0) break;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        if (depth === 0) break;
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      } else if (depth === 0 && (ch === ',' || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r')) break;
      i++;
    }
    if (name === key) found = json.slice(valueStart, i);
    space();
    if (json[i] === ',') i++;
    else return found;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replace unpaired surrogates (from `\ud800` escapes) by U+FFFD, counting them: they cannot be written as UTF-8. */
function pairedOnly(text: string): { text: string; lone: number } {
  let lone = 0;
  const fixed = text.replace(LONE_SURROGATE, () => {
    lone++;
    return '\ufffd';
  });
  return { text: fixed, lone };
}

/**
 * JSONL records `{"id": ..., "text": "..."}`, one source per non-blank line. A numeric id is kept as its source
 * text; a UTF-8 BOM before the first line is skipped; invalid UTF-8 and unpaired surrogates become U+FFFD with a
 * warning on the record.
 */
async function* records(name: string, stream: NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<Source> {
  let number = 0;
  // JSON escaping can make a line up to six times longer than its text.
  const maxLine = maxBytes * 6 + 1024;
  for await (const { line: decoded, bytes, tooLong, head, tail, endless } of lines(stream, maxLine, ID_SEARCH_BYTES)) {
    number++;
    const input = `${name}:${number}`;
    if (tooLong) {
      const rest = endless ? `; no line end followed within ${2 * maxLine} bytes, so the rest of ${name} was not read` : '';
      yield { kind: 'error', input, id: idOfPartialRecord(head, tail), code: 'TOO_LARGE', message: `record is over the --max-bytes limit of ${maxBytes}${rest}` };
      continue;
    }
    const line = number === 1 && decoded.startsWith('\ufeff') ? decoded.slice(1) : decoded;
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      yield { kind: 'error', input, code: 'BAD_RECORD', message: `not JSON: ${(error as Error).message}` };
      continue;
    }
    const { id, text } = (record ?? {}) as { id?: unknown; text?: unknown };
    let idText = typeof id === 'string' ? id : typeof id === 'number' ? rawMember(line, 'id') ?? String(id) : undefined;
    if (idText !== undefined) idText = pairedOnly(idText).text;
    // An id that is not a string or a number cannot be carried as written: say so instead of dropping it unseen.
    const badId = id !== undefined && idText === undefined ? `"id" is ${id === null ? 'null' : Array.isArray(id) ? 'an array' : `a${typeof id === 'object' ? 'n' : ''} ${typeof id}`}, not a string or a number: not carried into the result` : undefined;
    if (typeof text !== 'string') {
      yield { kind: 'error', input, id: idText, code: 'BAD_RECORD', message: `record has no "text" string${badId ? `; ${badId}` : ''}` };
      continue;
    }
    const warnings: Warning[] = [];
    if (badId) warnings.push({ code: 'bad-id', message: badId });
    if (decoded.includes('\ufffd') && !isUtf8(bytes)) {
      warnings.push(invalidBytesWarning(countInvalidUtf8(bytes), 'utf-8'));
    }
    const paired = pairedOnly(text);
    const mojibake = mojibakeOf(paired.text);
    if (mojibake) warnings.push({ code: 'mojibake', message: `the text looks like Chinese ${mojibake} bytes read as Latin-1: it was decoded with the wrong encoding before it was written to JSON` });
    if (paired.lone) {
      warnings.push({ code: 'lone-surrogates', message: `${paired.lone} unpaired surrogate escape(s) (U+D800–U+DFFF) in "text" were replaced by U+FFFD` });
    }
    yield { kind: 'text', input, id: idText, text: paired.text, ...(warnings.length ? { warnings } : {}) };
  }
}

const isUtf8 = (bytes: Uint8Array) => {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Byte sequences a lenient UTF-8 decoder replaces, not counting U+FFFD characters written in the text itself. */
function countInvalidUtf8(bytes: Buffer): number {
  const replaced = bytes.toString('utf8').split('\ufffd').length - 1;
  const written = bytes.toString('latin1').split('\u00ef\u00bf\u00bd').length - 1;
  return replaced - written;
}

function listProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EISDIR' ? 'is a directory; give a file with one path a line' : (error as Error).message;
}

/**
 * Paths listed one a line, exactly as written (spaces at either end are part of a file name; only the \r of a
 * CRLF line end is not); a line that is not valid UTF-8 names its file by bytes; blank lines are passed over. A
 * line over `maxLine` bytes is an error record `<list>:<line>` (no path is that long), never dropped unseen.
 */
async function readList(file: string, stdin: NodeJS.ReadableStream, maxLine: number): Promise<Array<string | Buffer | Source>> {
  const stream = file === '-' ? stdin : createReadStream(file);
  const name = file === '-' ? 'stdin' : file;
  const paths: Array<string | Buffer | Source> = [];
  let number = 0;
  for await (const { line, bytes, tooLong, endless } of lines(stream, maxLine)) {
    number++;
    if (tooLong) {
      const rest = endless ? `; no line end followed within ${2 * maxLine} bytes, so the rest of the list was not read` : '';
      paths.push({ kind: 'error', input: `${name}:${number}`, code: 'TOO_LARGE', message: `--files-from line is over the limit of ${maxLine} bytes${rest}` });
      continue;
    }
    if (!line.trim()) continue;
    paths.push(isUtf8(bytes) ? line : bytes);
  }
  return paths;
}

/** Longest --files-from line read as a path (far above any system's path limit, far below --max-bytes' default). */
const MAX_LIST_LINE = 64 * 1024;

export async function planInputs(options: InputOptions): Promise<InputPlan> {
  const counter: Skips = { skipped: 0, files: [] };
  const args: Array<string | Buffer | Source> = options.args.length || options.filesFrom ? [...options.args] : ['-'];
  if (options.input === 'jsonl') {
    const sources = (async function* () {
      for (const arg of options.args.length ? options.args : ['-']) {
        if (arg === '-') {
          yield* records('stdin', options.stdin, options.maxBytes);
          continue;
        }
        // Files, directories (walked for --ext files, .jsonl by default) and glob patterns, as for other inputs.
        for await (const file of expand(arg, options, counter)) {
          if (file.kind !== 'file') {
            yield file;
            continue;
          }
          const stream = createReadStream(file.raw ? Buffer.from(file.raw) : file.path);
          // Open errors surface on the first read; report them as the file's one record.
          try {
            yield* records(file.path, stream, options.maxBytes);
          } catch (error) {
            yield errorSource(file.path, error);
          }
        }
      }
    })();
    return { sources, skipped: () => counter.skipped, skippedFiles: () => counter.files, many: true };
  }
  if (options.filesFrom) {
    try {
      args.push(...(await readList(options.filesFrom, options.stdin, Math.min(MAX_LIST_LINE, Math.max(options.maxBytes, 1)))));
    } catch (error) {
      // The list itself is part of the command line: one line saying what is wrong with it, as for --output.
      const failure = errorSource(options.filesFrom, error);
      throw new UsageError(`--files-from ${options.filesFrom}: ${failure.kind === 'error' && failure.code !== 'READ_ERROR' ? failure.message : listProblem(error)}`);
    }
  }
  // File lists are small (paths only), so list them all first: the progress bar then knows the total.
  const listed: Source[] = [];
  let many = Boolean(options.filesFrom) || args.length > 1;
  for (const arg of args) {
    if (Buffer.isBuffer(arg)) listed.push(fileSource(arg)); // a listed name that is not UTF-8: taken as it is
    else if (typeof arg !== 'string') listed.push(arg); // a list line that could not be read as a path
    else {
      const before = listed.length;
      for await (const source of expand(arg, options, counter)) listed.push(source);
      // A directory or a pattern may match one file today and three tomorrow: its shape must not change with that.
      if (listed.length !== before + 1 || listed[before].kind !== 'file' || listed[before].path !== arg) many ||= arg !== '-';
    }
  }
  return {
    sources: (async function* () {
      yield* listed;
    })(),
    total: listed.length,
    skipped: () => counter.skipped,
    skippedFiles: () => counter.files,
    many,
  };
}
