/**
 * Formats written for the whole batch at once (CSV sheets, Markdown) to stdout, and the set of files `--output-dir`
 * writes: staged in a hidden folder inside the directory and moved into place together at the end.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { getFormatter, type FormatOptions, type OutputRecord } from '../formatters';
import { OutputError, settled, temporaryBeside, writeAll, type Sink } from './output';

const EXTENSIONS: Record<string, string> = { table: 'txt', json: 'json', jsonl: 'jsonl', markdown: 'md', csv: 'csv' };

/** File extension for a format's output. */
export const extensionOf = (format: string): string => EXTENSIONS[format] ?? 'txt';

/** Formatted records for stdout (the CSV documents sheet, a Markdown document). */
export function formatWholeBatch(format: string, records: OutputRecord[], options: FormatOptions): string {
  return getFormatter(format)(records, options);
}

/** The files `--output-dir` gets for a format: one per sheet for formatters that have them (CSV), else `results.<ext>`. */
export function filesOf(format: string, records: OutputRecord[]): Record<string, string> {
  const formatter = getFormatter(format);
  const plain = { color: false };
  return formatter.files ? formatter.files(records, plain) : { [`results.${extensionOf(format)}`]: formatter(records, plain) };
}

/** Buffer per file before a write: fewer system calls for many small records. */
const FLUSH_AT = 1 << 16;

interface StagedFile {
  handle: fs.FileHandle;
  pending: string[];
  pendingBytes: number;
}

/**
 * The files of one `--output-dir` run, written as a set: each goes into a staging folder inside the directory
 * (same filesystem), is written in full and fsynced, and only when every one is complete are they renamed into
 * place, one rename each, the staging folder removed. A failure before that (disk full, an I/O error, the run
 * stopped) removes the staging folder and leaves every file of the previous run as it was: the set is never half
 * new and half old because of a failed write. Opening it creates the directory, so an unwritable place fails
 * before any work.
 */
export class FileSet {
  private readonly files = new Map<string, StagedFile>();
  private done = false;

  private constructor(readonly dir: string, private readonly staging: string) {}

  static async open(dir: string): Promise<FileSet> {
    await fs.mkdir(dir, { recursive: true });
    const staging = temporaryBeside(path.join(dir, 'meeting-analyze'));
    try {
      await fs.mkdir(staging);
    } catch (error) {
      settled(staging);
      throw error;
    }
    return new FileSet(dir, staging);
  }

  /** Whether `name` has been started. */
  has(name: string): boolean {
    return this.files.has(name);
  }

  /** Append `text` to the staged file `name` (created on first use). */
  async append(name: string, text: string): Promise<void> {
    let file = this.files.get(name);
    if (!file) {
      const handle = await this.named(name, () => fs.open(path.join(this.staging, name), 'wx'));
      file = { handle, pending: [], pendingBytes: 0 };
      this.files.set(name, file);
    }
    file.pending.push(text);
    file.pendingBytes += text.length;
    if (file.pendingBytes >= FLUSH_AT) await this.flush(name, file);
  }

  /** A Sink writing into the staged file `name` (committed with the set, not on its own). */
  sink(name: string): Sink {
    return {
      broken: false,
      write: (text) => this.append(name, text),
      commit: async () => undefined,
      discard: async () => undefined,
    };
  }

  /** Every file complete and on disk, then renamed into the directory; the staging folder removed. */
  async commit(): Promise<void> {
    if (this.done) return;
    try {
      for (const [name, file] of this.files) {
        await this.flush(name, file);
        await this.named(name, () => file.handle.sync());
        await this.named(name, () => file.handle.close());
      }
      for (const name of this.files.keys()) await this.named(name, () => fs.rename(path.join(this.staging, name), path.join(this.dir, name)));
      this.files.clear();
      this.done = true;
      await fs.rmdir(this.staging);
      settled(this.staging);
      // The renames themselves on disk: the directory's entries are synced where the platform allows it.
      const dir = await fs.open(this.dir, 'r').catch(() => undefined);
      await dir?.sync().catch(() => undefined);
      await dir?.close();
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  /** Drop the staged files; the directory keeps what it had. */
  async discard(): Promise<void> {
    for (const file of this.files.values()) await file.handle.close().catch(() => undefined);
    this.files.clear();
    this.done = true;
    await fs.rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
    settled(this.staging);
  }

  private async flush(name: string, file: StagedFile): Promise<void> {
    if (!file.pending.length) return;
    const text = file.pending.join('');
    file.pending = [];
    file.pendingBytes = 0;
    await this.named(name, () => writeAll(file.handle, text));
  }

  /** Errors name the file as the user will look for it (in the directory), not the staging folder. */
  private async named<T>(name: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw error instanceof OutputError ? error : new OutputError(path.join(this.dir, name), error as NodeJS.ErrnoException);
    }
  }
}
