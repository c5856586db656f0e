/**
 * Where records go: stdout (respecting backpressure; a closed pipe ends the run quietly) or --output <file>
 * (see fileSink: a regular file is replaced atomically, a device or pipe written directly). Also the guard that
 * keeps a closed stderr from ending the run, and the escaping of text shown on stderr.
 */
import { randomBytes } from 'crypto';
import { promises as fs, type Stats } from 'fs';
import * as path from 'path';

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

export function streamSink(stream: NodeJS.WritableStream, pipe: { broken: () => boolean }): Sink {
  return {
    get broken() {
      return pipe.broken();
    },
    async write(text) {
      if (pipe.broken()) return;
      if (stream.write(text)) return;
      // Wait for the reader: this is what keeps memory flat when the consumer is slower than the workers.
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.removeListener('drain', done);
          stream.removeListener('error', done);
          stream.removeListener('close', done);
          resolve();
        };
        stream.once('drain', done);
        stream.once('error', done);
        stream.once('close', done);
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
  if (OWN_DESCRIPTOR.test(path.resolve(target))) return directSink(target, 'a');
  const real = await followLinks(target);
  const stat = await fs.stat(real).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stat?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (stat && !stat.isFile()) return directSink(real, 'w');
  return replacingSink(real, stat);
}

/** Buffered writes to an open handle; `finish` makes them final. */
function bufferedSink(handle: fs.FileHandle, finish: () => Promise<void>, drop: () => Promise<void>): Sink {
  let pending: string[] = [];
  let pendingBytes = 0;
  let closed = false;
  const flush = async () => {
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    pendingBytes = 0;
    await handle.write(text);
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
      await finish();
    },
    async discard() {
      if (!closed) await handle.close().catch(() => undefined);
      closed = true;
      await drop();
    },
  };
}

async function directSink(target: string, flags: 'a' | 'w'): Promise<Sink> {
  const handle = await fs.open(target, flags);
  // Nothing to undo on a device or pipe: what was written stays written.
  return bufferedSink(handle, () => handle.close(), async () => undefined);
}

async function replacingSink(target: string, existing: Stats | undefined): Promise<Sink> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
  if (existing) {
    // The umask applied to open(): set the mode exactly, and the owner when we can (root replacing a user's file).
    await handle.chmod(existing.mode & 0o7777);
    await handle.chown(existing.uid, existing.gid).catch(() => undefined);
  }
  return bufferedSink(
    handle,
    async () => {
      await handle.sync();
      await handle.close();
      await fs.rename(temp, target);
    },
    () => fs.unlink(temp).catch(() => undefined),
  );
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
