/**
 * One unit of batch work: read/decode one input, analyse it, and format its output chunk. Runs in a worker thread
 * or, with one job, in the main thread; either way the same code, so output does not depend on --jobs.
 */
import { InputError } from '../errors';
import { formatRecord } from './record-format';
import { analyze } from '../analyzer';
import { defaultEngines } from '../engines';
import type { ErrorRecord, Warning } from '../types';
import { decodeBytesChecked, readInputFile, type InputKind } from './read-input';
import { digestOf, type DocDigest } from '../aggregate/summary';

/** What to analyse. `error` is an input that already failed while being listed (bad jsonl line, glob without match). */
export type Source =
  | { kind: 'file'; path: string }
  | { kind: 'bytes'; input: string; bytes: Uint8Array }
  | { kind: 'text'; input: string; id?: string; text: string }
  | { kind: 'error'; input: string; id?: string; code: string; message: string };

export interface Task {
  seq: number;
  source: Source;
}

/** Settings every task of a batch shares; sent once to each worker. */
export interface TaskSettings {
  format: string;
  color: boolean;
  top: number;
  lexiconDirs: string[];
  maxBytes: number;
  encoding?: string;
  /** Passed through to readInputFile (`text`, `html`); undefined lets the reader decide. */
  kind?: InputKind;
  /** Terminal width in cells for table output. */
  width?: number;
  /** Collect a digest for --summary instead of formatting the record. */
  summary: boolean;
}

export interface Outcome {
  seq: number;
  input: string;
  /** The formatted record (json: pretty-printed object without trailing newline; jsonl: one line; table: text). */
  chunk?: string;
  digest?: DocDigest;
  error?: ErrorRecord['error'];
  id?: string;
}

/** Load the lexicon and nodejieba now, so the first document does not pay for it (and timing sees only work). */
export function warmUp(settings: TaskSettings): void {
  defaultEngines(settings.lexiconDirs).segmenter.cut('预热');
}

export function inputName(source: Source): string {
  return source.kind === 'file' ? source.path : source.input;
}

/** A source read and decoded as analysis reads it; `report` and `diff` use it too. */
export interface ReadSource {
  text: string;
  format?: 'text' | 'html';
  encoding: string;
  warnings: Warning[];
}

/** Read and decode one source (not an `error` one). Throws InputError for an unreadable input. */
export async function readSource(source: Exclude<Source, { kind: 'error' }>, settings: Pick<TaskSettings, 'maxBytes' | 'encoding' | 'kind'>): Promise<ReadSource> {
  let text: string;
  let encoding = 'utf-8';
  const warnings: Warning[] = [];
  let format: 'text' | 'html' | undefined;
  if (source.kind === 'text') {
    if (Buffer.byteLength(source.text) > settings.maxBytes) throw new InputError('TOO_LARGE', `text is over the --max-bytes limit of ${settings.maxBytes}`);
    if (source.text.trim() === '') throw new InputError('EMPTY', 'text is empty');
    text = source.text;
  } else {
    const decoded =
      source.kind === 'file'
        ? await readInputFile(source.path, { maxBytes: settings.maxBytes, encoding: settings.encoding, kind: settings.kind })
        : decodeBytesChecked(source.bytes, settings.maxBytes, settings.encoding, settings.kind);
    format = decoded.format; // the reader knows whether this is a page (by extension, --input html, or sniffing)
    if (decoded.invalidSequences) {
      warnings.push({ code: 'invalid-bytes', message: `${decoded.invalidSequences} byte sequence(s) could not be decoded as ${decoded.encoding} and were replaced by U+FFFD` });
    }
    text = decoded.text;
    encoding = decoded.encoding;
  }
  return { text, format, encoding, warnings };
}

export async function runTask(task: Task, settings: TaskSettings): Promise<Outcome> {
  const { source, seq } = task;
  const input = inputName(source);
  const id = source.kind === 'text' || source.kind === 'error' ? source.id : undefined;
  try {
    if (source.kind === 'error') return { seq, input, id, error: { code: source.code, message: source.message } };
    const { text, format, encoding, warnings } = await readSource(source, settings);
    const result = analyze({ text, format, path: input, encoding, warnings, id }, { top: settings.top, lexiconDirs: settings.lexiconDirs });
    if (settings.summary) return { seq, input, id, digest: digestOf(result) };
    return { seq, input, id, chunk: formatRecord(result, settings) };
  } catch (error) {
    // An input error is the input's fault; anything else is ours, but one bad document must not sink the batch.
    if (error instanceof InputError) return { seq, input, id, error: { code: error.code, message: error.message } };
    return { seq, input, id, error: { code: 'ANALYSIS_FAILED', message: (error as Error)?.message ?? String(error) } };
  }
}
