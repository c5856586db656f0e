/**
 * One unit of batch work: read/decode one input, analyse it, and format its output chunk. Runs in a worker thread
 * or, with one job, in the main thread; either way the same code, so output does not depend on --jobs.
 */
import { InputError } from '../errors';
import { formatRecord } from './record-format';
import { analyze } from '../analyzer';
import { defaultEngines } from '../engines';
import type { ErrorRecord } from '../types';
import { readSource, type InputKind } from '../input/read';
import { inputName, type Source } from '../input/source';
import { digestOf, type DocDigest } from '../aggregate/summary';

export { inputName, readSource, type Source };

export interface Task {
  seq: number;
  source: Source;
}

/** Settings every task of a batch shares; sent once to each worker. */
export interface TaskSettings {
  format: string;
  color: boolean;
  top: number;
  /** Keep each item's rule and evidence (--explain). */
  explain?: boolean;
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

export async function runTask(task: Task, settings: TaskSettings): Promise<Outcome> {
  const { source, seq } = task;
  const input = inputName(source);
  const id = source.kind === 'text' || source.kind === 'error' ? source.id : undefined;
  try {
    if (source.kind === 'error') return { seq, input, id, error: { code: source.code, message: source.message } };
    const { text, format, encoding, warnings } = await readSource(source, { ...settings, sync: true }); // the analysis right after blocks this thread anyway
    const result = analyze({ text, format, path: input, encoding, warnings, id }, { top: settings.top, explain: settings.explain, lexiconDirs: settings.lexiconDirs });
    if (settings.summary) return { seq, input, id, digest: digestOf(result) };
    return { seq, input, id, chunk: formatRecord(result, settings) };
  } catch (error) {
    // An input error is the input's fault; anything else is ours, but one bad document must not sink the batch.
    if (error instanceof InputError) return { seq, input, id, error: { code: error.code, message: error.message } };
    return { seq, input, id, error: { code: 'ANALYSIS_FAILED', message: (error as Error)?.message ?? String(error) } };
  }
}
