/**
 * Where records go: stdout (respecting backpressure; a closed pipe ends the run quietly) or --output <file>
 * (see fileSink: a regular file is replaced atomically, a device or pipe written directly). Also the guard that
 * keeps a closed stderr from ending the run, and the escaping of text shown on stderr.
 */
import { randomBytes } from 'crypto';
import { promises as fs, rmSync, type Stats } from 'fs';
import * as path from 'path';
import { EXIT } from '../errors';

/**
 * Temporary files and folders this process is writing (atomic outputs before their rename). A second Ctrl-C, a
 * fatal error or process.exit() ends the process without unwinding the writers: removeTemporaries() is then called
 * synchronously, so no `.name.<pid>.<rand>.tmp` is left behind.
 */
const temporaries = new Set<string>();

/** Remove every temporary output this process still holds (synchronous: safe in a signal or exit handler). */
export function removeTemporaries(): void {
  for (const temp of temporaries) {
    try {
      rmSync(temp, { recursive: true, force: true });
    } catch {
      // nothing more can be done while the process is ending
    }
  }
  temporaries.clear();
}
process.on('exit', removeTemporaries);

/** A path beside `target` (same directory, so the final rename stays on one filesystem) that nothing else uses. */
export function temporaryBeside(target: string): string {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  temporaries.add(temp);
  return temp;
}

/** The temporary is gone (renamed into place or removed): nothing left to clean up. */
export function settled(temp: string): void {
  temporaries.delete(temp);
}

/**
 * An output that could not be written (disk full, I/O error, read-only filesystem): the message names the path and
 * the cause; the run exits with EXIT.OUTPUT_FAILED and any file it would have replaced is left as it was.
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(readonly target: string, readonly reason: NodeJS.ErrnoException) {
    super(`cannot write ${target}: ${describeWriteError(reason)}`);
  }
}

/** Why a write failed, in words, with the OS code for searching. */
export function describeWriteError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOSPC':
      return 'no space left on the device (ENOSPC)';
    case 'EDQUOT':
      return 'disk quota exceeded (EDQUOT)';
    case 'EROFS':
      return 'read-only filesystem (EROFS)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${error.code})`;
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent in the path is not a directory (ENOTDIR)';
    case 'ENOENT':
      return 'its directory does not exist (ENOENT)';
    case 'EEXIST':
      return 'exists and is not a directory (EEXIST)';
    case 'EFBIG':
      return 'file too large (EFBIG)';
    case 'EIO':
      return 'input/output error (EIO)';
    default:
      return error.code ? `${error.code}` : error.message;
  }
}

/**
 * Write all of `data` at the handle's position. A write may take fewer bytes than given (a filesystem that is
 * nearly full accepts part of the buffer and refuses the rest only on the next call): the rest is written again
 * until it is all in, and a write that takes nothing is the disk-full error it stands for.
 */
export async function writeAll(handle: fs.FileHandle, data: string | Uint8Array): Promise<void> {
  let buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  while (buffer.length) {
    const { bytesWritten } = await handle.write(buffer, 0, buffer.length);
    if (bytesWritten <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    buffer = buffer.subarray(bytesWritten);
  }
}

export interface Sink {
  write(text: string): Promise<void>;
  /** The reader went away (EPIPE): stop producing. */
  readonly broken: boolean;
  /** Make the output final (for a file: flush, fsync, rename). */
  commit(): Promise<void>;
  /** Drop the output (for a file: remove the temporary file, leave the target as it was). */
  discard(): Promise<void>;
}

const isBrokenPipe = (error: NodeJS.ErrnoException) => error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';

/**
 * Watch a stream for EPIPE for the whole run. Without an 'error' listener Node would throw it as an uncaught
 * exception with a stack trace when `| head` closes the pipe.
 */
export function guardPipe(stream: NodeJS.WritableStream): { broken: () => boolean } {
  let broken = false;
  let failure: Error | undefined;
  const onError = (error: NodeJS.ErrnoException) => {
    if (isBrokenPipe(error)) broken = true;
    else failure = error;
  };
  stream.on('error', onError);
  return {
    broken: () => {
      if (failure) throw failure;
      return broken;
    },
  };
}

const GUARDED = Symbol('meeting-analyze stderr guard');

/**
 * Ignore write errors on stderr (closed by the caller, `2>&-` on some systems, a log pipe that went away): the
 * messages there are advisory, the records and the exit code must not depend on them.
 */
export function guardStderr(stream: NodeJS.WritableStream): void {
  const guarded = stream as NodeJS.WritableStream & { [GUARDED]?: boolean };
  if (guarded[GUARDED]) return;
  guarded[GUARDED] = true;
  stream.on('error', () => undefined);
}

/**
 * Records to a stream. `signal`: once aborted (Ctrl-C, SIGTERM), a write no longer waits for a reader that does not
 * read (`| sleep 30`): what is left is queued and the run ends promptly instead of hanging on a full pipe.
 */
export function streamSink(stream: NodeJS.WritableStream, pipe: { broken: () => boolean }, signal?: AbortSignal): Sink {
  return {
    get broken() {
      return pipe.broken();
    },
    async write(text) {
      if (pipe.broken()) return;
      if (stream.write(text) || signal?.aborted) return;
      // Wait for the reader: this is what keeps memory flat when the consumer is slower than the workers.
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.removeListener('drain', done);
          stream.removeListener('error', done);
          stream.removeListener('close', done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        stream.once('drain', done);
        stream.once('error', done);
        stream.once('close', done);
        signal?.addEventListener('abort', done, { once: true });
      });
    },
    commit: async () => undefined,
    discard: async () => undefined,
  };
}

/** Buffer size for file output: fewer system calls for many small jsonl lines. */
const FLUSH_AT = 1 << 16;

/** Paths that name one of this process's open descriptors (`-o /dev/stdout`): written to, never replaced. */
const OWN_DESCRIPTOR = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/(?:self|\d+)\/fd\/\d+)$/;

/**
 * 1 or 2 when `target` names this process's stdout or stderr (/dev/stdout, /dev/fd/2, /proc/self/fd/1): the
 * caller then writes to that stream itself. Opening the path again fails when the descriptor is a socket (ENXIO),
 * as it is under many process managers.
 */
export function standardStream(target: string, pid: number): 1 | 2 | undefined {
  const match = /^\/(?:dev\/(stdout|stderr)|dev\/fd\/(\d+)|proc\/(self|\d+)\/fd\/(\d+))$/.exec(path.resolve(target));
  if (!match) return undefined;
  if (match[3] && match[3] !== 'self' && Number(match[3]) !== pid) return undefined;
  const fd = match[1] ? (match[1] === 'stdout' ? 1 : 2) : Number(match[2] ?? match[4]);
  return fd === 1 || fd === 2 ? fd : undefined;
}

/** Follow a chain of symlinks to the path finally named (which may not exist yet: a dangling link is written through). */
async function followLinks(target: string): Promise<string> {
  let current = path.resolve(target);
  for (let hops = 0; hops < 40; hops++) {
    const stat = await fs.lstat(current).catch(() => undefined);
    if (!stat?.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

/**
 * Output to a file the user named (--output), decided before any work so that a bad target fails at the start:
 * - a regular file (or none yet) is replaced atomically: written to a temporary file beside it and renamed into
 *   place at commit, so it holds the old content or the whole new one. The file keeps its mode (and owner when we
 *   may set it); a symlink is followed, so the file it points to is replaced and the link stays a link;
 * - a device, FIFO or socket (/dev/null, a named pipe) and /dev/stdout-like paths are written directly: renaming
 *   over them would replace the device node or lose what the descriptor points to;
 * - a directory throws (ENOTDIR-like usage error from the caller).
 */
export async function fileSink(target: string): Promise<Sink> {
  if (OWN_DESCRIPTOR.test(path.resolve(target))) return directSink(target, target, 'a');
  const real = await followLinks(target);
  const stat = await fs.stat(real).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stat?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (stat && !stat.isFile()) return directSink(target, real, 'w');
  return replacingSink(target, real, stat);
}

/**
 * Buffered writes to an open handle; `finish` makes them final. Every failure (a short write on a full disk
 * included) is an OutputError naming `shown`, the path as the user gave it.
 */
function bufferedSink(shown: string, handle: fs.FileHandle, finish: () => Promise<void>, drop: () => Promise<void>): Sink {
  let pending: string[] = [];
  let pendingBytes = 0;
  let closed = false;
  const named = async (step: () => Promise<void>) => {
    try {
      await step();
    } catch (error) {
      throw error instanceof OutputError ? error : new OutputError(shown, error as NodeJS.ErrnoException);
    }
  };
  const flush = async () => {
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    pendingBytes = 0;
    await named(() => writeAll(handle, text));
  };
  return {
    broken: false,
    async write(text) {
      pending.push(text);
      pendingBytes += text.length;
      if (pendingBytes >= FLUSH_AT) await flush();
    },
    async commit() {
      await flush();
      closed = true;
      await named(finish);
    },
    async discard() {
      if (!closed) await handle.close().catch(() => undefined);
      closed = true;
      await drop();
    },
  };
}

async function directSink(shown: string, target: string, flags: 'a' | 'w'): Promise<Sink> {
  const handle = await fs.open(target, flags);
  // Nothing to undo on a device or pipe: what was written stays written.
  return bufferedSink(shown, handle, () => handle.close(), async () => undefined);
}

async function replacingSink(shown: string, target: string, existing: Stats | undefined): Promise<Sink> {
  const temp = temporaryBeside(target);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
  } catch (error) {
    settled(temp);
    throw error;
  }
  if (existing) {
    // The umask applied to open(): set the mode exactly, and the owner when we can (root replacing a user's file).
    await handle.chmod(existing.mode & 0o7777);
    await handle.chown(existing.uid, existing.gid).catch(() => undefined);
  }
  const remove = async () => {
    await fs.unlink(temp).catch(() => undefined);
    settled(temp);
  };
  return bufferedSink(
    shown,
    handle,
    async () => {
      try {
        // On disk before the rename: after a power cut the target holds the old content or the whole new one.
        await handle.sync();
        await handle.close();
        await fs.rename(temp, target);
        settled(temp);
      } catch (error) {
        await handle.close().catch(() => undefined);
        await remove();
        throw error;
      }
    },
    remove,
  );
}

/**
 * Write one file atomically (report -o, a file of --output-dir): a temporary file beside it, written in full,
 * fsynced, then renamed over `target`. On any failure the temporary is removed, `target` keeps its old content, and
 * an OutputError naming `target` is thrown.
 */
export async function writeFileAtomic(target: string, content: string): Promise<void> {
  const sink = await fileSink(target).catch((error: NodeJS.ErrnoException) => {
    throw new OutputError(target, error);
  });
  try {
    await sink.write(content);
    await sink.commit();
  } catch (error) {
    await sink.discard();
    throw error;
  }
}

/**
 * Write a command's whole output (report, diff, schema) to stdout and wait until it is written. A reader that went
 * away (`| head`) ends it quietly with EXIT.BROKEN_PIPE; any other failure (`> /dev/full`: ENOSPC) is one line on
 * stderr naming stdout and the cause, with EXIT.OUTPUT_FAILED; never a stack trace. Returns the exit code to use,
 * or undefined when all was written.
 */
export async function writeOutput(stdout: NodeJS.WritableStream, text: string, stderr: NodeJS.WritableStream): Promise<number | undefined> {
  const pipe = guardPipe(stdout);
  let failure: NodeJS.ErrnoException | null | undefined;
  try {
    failure = await new Promise<NodeJS.ErrnoException | null | undefined>((resolve) => {
      stdout.once('error', resolve);
      // A file or device as stdout is written synchronously: its error is thrown, not emitted.
      stdout.write(text, (error) => resolve(error));
    });
  } catch (error) {
    failure = error as NodeJS.ErrnoException;
  }
  let broken = false;
  try {
    broken = pipe.broken();
  } catch (error) {
    failure ??= error as NodeJS.ErrnoException;
  }
  if (broken || (failure && isBrokenPipe(failure))) return EXIT.BROKEN_PIPE;
  if (!failure) return undefined;
  stderr.write(`meeting-analyze: cannot write stdout: ${describeWriteError(failure)}\n`);
  return EXIT.OUTPUT_FAILED;
}

/**
 * HTML that is safe to send to a terminal: control characters (ESC, BEL, C1), bidi overrides and isolates from
 * the inputs (kept in removed lines and names) become numeric character references, which a browser shows as
 * before and a terminal shows as text, so `report` to stdout cannot drive the terminal.
 */
export function terminalSafeHtml(html: string): string {
  return html.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => `&#x${ch.charCodeAt(0).toString(16)};`);
}

/**
 * Text for a terminal line (stderr messages): control characters, escape sequences, bidi overrides and line
 * breaks in file names or record snippets are shown as \xNN / \u{NNNN}, so a name cannot forge a message or drive
 * the terminal. Backslashes are doubled so the result reads unambiguously.
 */
export function visible(text: string): string {
  return text.replace(UNSAFE_ON_TERMINAL, showCode);
}

/** The same for text that is several lines already (commander's messages): line breaks and tabs kept, the rest shown. */
export function visibleLines(text: string): string {
  return text.replace(UNSAFE_ON_TERMINAL, (ch) => (ch === '\n' || ch === '\t' || ch === '\\' ? ch : showCode(ch)));
}

const UNSAFE_ON_TERMINAL = /[\\\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function showCode(ch: string): string {
  if (ch === '\\') return '\\\\';
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}
