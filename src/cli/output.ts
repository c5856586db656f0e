/**
 * Where records go: stdout (respecting backpressure; a closed pipe ends the run quietly) or --output <file>,
 * written to a temporary file beside it and renamed into place only when the run completes, so the target is
 * either the old file or the whole new one, never half of it.
 */
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
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

export async function fileSink(target: string): Promise<Sink> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx');
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
      await handle.sync();
      await handle.close();
      closed = true;
      await fs.rename(temp, target);
    },
    async discard() {
      if (!closed) await handle.close().catch(() => undefined);
      closed = true;
      await fs.unlink(temp).catch(() => undefined);
    },
  };
}
