/**
 * Filling an archive: `build` reads and analyses inputs (skipping any whose content is stored already), `ingest`
 * loads records a batch or distributed run wrote, without analysing again. Both stream: one input or one line at a
 * time, so memory stays flat in the number of records.
 */
import * as fs from 'fs';
import { analyze } from '../analyzer';
import { SCHEMA_VERSION } from '../analyze-text';
import { InputError } from '../errors';
import { DEFAULT_EXTENSIONS, lines, planInputs } from '../input/plan';
import { readSource } from '../input/read';
import { inputName } from '../input/source';
import { parseLine, sourceOf } from './records';
import { recordHash, textHash, type ArchiveStore } from './store';

export interface FillCounts {
  added: number;
  replaced: number;
  unchanged: number;
  /** Inputs or lines that could not be stored (each reported through `problem`). */
  failed: number;
  /** Error records in the JSONL (inputs the batch could not analyse): nothing to store. */
  errorRecords: number;
}

export interface FillOptions {
  /** Called with `<where>: <cause>` for each input or line that is not stored. */
  problem(message: string): void;
  /** Stop between documents (Ctrl-C); what was stored stays committed. */
  signal?: AbortSignal;
}

const counts = (): FillCounts => ({ added: 0, replaced: 0, unchanged: 0, failed: 0, errorRecords: 0 });

/** Lines stored per transaction while ingesting: far faster than one commit per line, and a kill loses at most these. */
const BATCH_LINES = 500;
/** Longest JSONL line read (a record of a 32 MiB input stays under it). */
const MAX_LINE = 256 * 1024 * 1024;

/** Load JSONL records from files (`-` for stdin). A bad line is reported with file and line number; the rest goes on. */
export async function ingest(files: string[], store: ArchiveStore, options: FillOptions & { stdin?: NodeJS.ReadableStream }): Promise<FillCounts> {
  const result = counts();
  for (const file of files) {
    if (options.signal?.aborted) break;
    let stream: NodeJS.ReadableStream;
    if (file === '-') stream = options.stdin ?? process.stdin;
    else {
      try {
        const stat = fs.statSync(file);
        if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        stream = fs.createReadStream(file);
      } catch (error) {
        options.problem(`${file}: ${readCause(error)}`);
        result.failed++;
        continue;
      }
    }
    let lineNo = 0;
    let pending = 0;
    store.db.exec('BEGIN');
    try {
      for await (const { line, tooLong } of lines(stream, MAX_LINE)) {
        lineNo++;
        if (!tooLong && line.trim() === '') continue;
        const parsed = tooLong ? { kind: 'bad' as const, message: 'line too long' } : parseLine(line);
        if (parsed.kind === 'bad') {
          options.problem(`${file}:${lineNo}: ${parsed.message}`);
          result.failed++;
          continue;
        }
        if (parsed.kind === 'error-record') {
          result.errorRecords++;
          continue;
        }
        const outcome = store.store(sourceOf(parsed.record), recordHash(parsed.record), parsed.record);
        result[outcome.status === 'unchanged' ? 'unchanged' : outcome.status]++;
        if (++pending >= BATCH_LINES) {
          store.db.exec('COMMIT');
          if (options.signal?.aborted) return result;
          store.db.exec('BEGIN');
          pending = 0;
        }
      }
    } catch (error) {
      // An archive failure (locked, read-only, disk full) ends the run; the caller reports it.
      if ((error as { code?: string }).code?.startsWith('SQLITE_')) throw error;
      // A read error mid-file (the file vanished, a device error): what was read is kept.
      if (store.db.inTransaction) store.db.exec('COMMIT');
      options.problem(`${file}:${lineNo + 1}: ${readCause(error)}`);
      result.failed++;
      continue;
    }
    if (store.db.inTransaction) store.db.exec('COMMIT');
  }
  return result;
}

export interface BuildOptions extends FillOptions {
  ext?: string[];
  maxBytes: number;
  encoding?: string;
  lexicon?: string[];
  stdin?: NodeJS.ReadableStream;
}

/**
 * Analyse inputs (files, directories, globs) and store each in its own transaction. An input whose decoded text is
 * stored already is skipped before analysis; a changed one replaces its rows.
 */
export async function build(args: string[], store: ArchiveStore, options: BuildOptions): Promise<FillCounts & { skipped: number }> {
  const result = counts();
  const extensions = (options.ext?.length ? options.ext : DEFAULT_EXTENSIONS).map((ext) => (ext.startsWith('.') ? ext : `.${ext}`).toLowerCase());
  const plan = await planInputs({ args, extensions, stdin: options.stdin ?? process.stdin, maxBytes: options.maxBytes, cwd: process.cwd() });
  for await (const source of plan.sources) {
    if (options.signal?.aborted) break;
    if (source.kind === 'error') {
      options.problem(`${source.input}: ${source.message}`);
      result.failed++;
      continue;
    }
    const input = inputName(source);
    try {
      const read = await readSource(source, { maxBytes: options.maxBytes, encoding: options.encoding });
      const hash = textHash(read.text, SCHEMA_VERSION);
      if (store.isCurrent(input, hash)) {
        result.unchanged++;
        continue;
      }
      const record = analyze({ text: read.text, format: read.format, path: input, encoding: read.encoding, warnings: read.warnings }, { lexiconDirs: options.lexicon });
      const outcome = store.store(input, hash, record);
      result[outcome.status === 'unchanged' ? 'unchanged' : outcome.status]++;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      options.problem(`${input}: ${error.message}`);
      result.failed++;
    }
  }
  return { ...result, skipped: plan.skipped() };
}

function readCause(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message;
}
