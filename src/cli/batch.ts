/**
 * The analyse command: list inputs → run them on the pool → write each record in input order as it is ready →
 * final `analysed N, failed M, skipped K` line. Also --summary, --output, the progress bar, Ctrl-C and broken pipes.
 */
import { availableParallelism } from 'os';
import { InputError } from '../errors';
import { terminalWidth } from '../formatters/width';
import { planInputs, DEFAULT_EXTENSIONS } from './inputs';
import { fileSink, guardPipe, streamSink, type Sink } from './output';
import { runPool, StartError } from './pool';
import { createProgress, plainProgress, shouldShowProgress } from './progress';
import { SummaryBuilder } from '../aggregate/summary';
import { formatRecord } from './record-format';
import type { Outcome, Source, TaskSettings } from './task';

export const BATCH_EXIT = { OK: 0, INPUT_FAILED: 1, USAGE: 2, INTERRUPTED: 130, BROKEN_PIPE: 141 } as const;

export interface BatchOptions {
  format: string;
  json?: boolean;
  top: number;
  color: boolean;
  lexicon: string[];
  encoding?: string;
  maxBytes: number;
  quiet?: boolean;
  jobs?: number;
  ext?: string[];
  filesFrom?: string;
  input?: string;
  output?: string;
  outputDir?: string;
  summary?: boolean;
}

/** Formats written for the whole batch at once (CSV sheets, Markdown tables): records are kept until the end. */
const WHOLE_BATCH_FORMATS = new Set(['csv', 'markdown']);

export interface BatchStreams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborting it stops the batch like Ctrl-C; without one, SIGINT is watched while the batch runs. */
  signal?: AbortSignal;
}

/** Below this many inputs per worker, loading nodejieba in another worker (~1 s, ~265 MB) does not pay. */
const INPUTS_PER_DEFAULT_WORKER = 16;

export function defaultJobs(total: number | undefined): number {
  const cpus = availableParallelism();
  if (total === undefined) return cpus;
  return Math.max(1, Math.min(cpus, Math.ceil(total / INPUTS_PER_DEFAULT_WORKER)));
}

function usage(stderr: NodeJS.WritableStream, message: string): number {
  stderr.write(`meeting-analyze: ${message} (see --help)\n`);
  return BATCH_EXIT.USAGE;
}

/** Writes formatted records so that the bytes equal the formatter's output for the whole list. */
function recordWriter(format: string, sink: Sink) {
  let count = 0;
  let first: string | undefined;
  const indent = (chunk: string) => `  ${chunk.replace(/\n/g, '\n  ')}`;
  return {
    async add(chunk: string) {
      count++;
      if (format === 'jsonl') await sink.write(`${chunk}\n`);
      else if (format === 'json') {
        // One object for one input, an array for several: hold the first until a second one arrives.
        if (count === 1) first = chunk;
        else if (count === 2) await sink.write(`[\n${indent(first!)},\n${indent(chunk)}`);
        else await sink.write(`,\n${indent(chunk)}`);
      } else await sink.write(count === 1 ? chunk : `\n${'─'.repeat(60)}\n\n${chunk}`);
    },
    async end() {
      if (format !== 'json') return;
      if (count === 0) await sink.write('[]\n');
      else if (count === 1) await sink.write(`${first}\n`);
      else await sink.write('\n]\n');
    },
  };
}

export async function runBatch(files: string[], options: BatchOptions, streams: BatchStreams): Promise<number> {
  const format = options.json ? 'json' : options.format;
  const { stdin, stdout, stderr, env } = streams;
  const stdinUses = files.filter((file) => file === '-').length + (options.filesFrom === '-' ? 1 : 0);
  if (stdinUses > 1 || (options.filesFrom === '-' && options.input === 'jsonl')) return usage(stderr, 'stdin can be read only once');
  if (!files.length && !options.filesFrom && stdin.isTTY) return usage(stderr, 'no input: give a file, or pipe text on stdin');
  if (options.input === 'jsonl' && options.filesFrom) return usage(stderr, '--files-from lists files; it does not combine with --input jsonl');

  const extensions = (options.ext?.length ? options.ext : DEFAULT_EXTENSIONS).map((ext) => (ext.startsWith('.') ? ext : `.${ext}`).toLowerCase());
  let plan;
  try {
    plan = await planInputs({ args: files, filesFrom: options.filesFrom, input: options.input, extensions, stdin, maxBytes: options.maxBytes });
  } catch (error) {
    if (error instanceof InputError) return usage(stderr, error.message);
    throw error;
  }
  const jobs = options.jobs || defaultJobs(plan.total);

  let sink: Sink;
  const pipe = guardPipe(stdout);
  try {
    sink = options.output ? await fileSink(options.output) : streamSink(stdout, pipe);
  } catch (error) {
    return usage(stderr, `--output ${options.output}: ${(error as Error).message}`);
  }

  const collecting = WHOLE_BATCH_FORMATS.has(format) || Boolean(options.outputDir);
  const collected: object[] = [];
  const settings: TaskSettings = {
    // Whole-batch formats get each record as JSON from the workers and format them all at the end.
    format: collecting ? 'jsonl' : format,
    color: options.color && !env.NO_COLOR && !options.output && Boolean(stdout.isTTY),
    top: options.top,
    lexiconDirs: options.lexicon,
    maxBytes: options.maxBytes,
    encoding: options.encoding,
    kind: options.input === 'text' || options.input === 'html' ? options.input : undefined,
    summary: Boolean(options.summary),
    width: terminalWidth(stdout, env),
  };

  // Records printed to the same terminal would tear the bar; they show progress well enough themselves.
  const outputOnTerminal = !options.output && Boolean(stdout.isTTY);
  const progress = shouldShowProgress(stderr, options.quiet, plan.total) && !outputOnTerminal ? createProgress(stderr, plan.total, { jobs }) : plainProgress(stderr);
  let listed = 0;
  const counted = (async function* (): AsyncGenerator<Source> {
    for await (const source of plan.sources) {
      progress.grow(++listed);
      yield source;
    }
  })();

  const controller = new AbortController();
  const signal = streams.signal ?? controller.signal;
  const onSigint = () => controller.abort();
  if (!streams.signal) process.once('SIGINT', onSigint);

  const writer = recordWriter(format, sink);
  const summary = options.summary ? new SummaryBuilder() : undefined;
  let analysed = 0;
  let failed = 0;
  const onOutcome = async (outcome: Outcome) => {
    progress.tick();
    if (outcome.error) {
      failed++;
      summary?.addFailure();
      if (!options.quiet) progress.log(`meeting-analyze: ${outcome.input}: ${outcome.error.message}\n`);
      if (format === 'table' || summary) return;
      const record = { input: outcome.input, ...(outcome.id !== undefined ? { id: outcome.id } : {}), error: outcome.error };
      if (collecting) collected.push(record);
      else await writer.add(formatRecord(record, { format, color: false }));
      return;
    }
    analysed++;
    if (summary) summary.add(outcome.digest!);
    else if (collecting) collected.push(JSON.parse(outcome.chunk!));
    else await writer.add(outcome.chunk!);
  };

  let result;
  try {
    result = await runPool(counted, { jobs, settings, signal, onOutcome, shouldStop: () => sink.broken });
    if (!sink.broken) {
      if (summary) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { formatSummary } = require('../formatters/summary') as typeof import('../formatters/summary');
        const text = formatSummary(summary.build(), format, options.outputDir ? false : settings.color, settings.width);
        if (options.outputDir) {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { writeFiles, extensionOf } = require('./whole-batch') as typeof import('./whole-batch');
          await writeFiles(options.outputDir, { [`summary.${extensionOf(format)}`]: text });
        } else await sink.write(text);
      } else if (collecting) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { formatWholeBatch } = require('./whole-batch') as typeof import('./whole-batch');
        const text = await formatWholeBatch(format, collected as never, { color: settings.color, outputDir: options.outputDir });
        if (text) await sink.write(text);
      } else await writer.end();
    }
    // Interrupted runs keep what finished: every record in the file is whole, and the summary line says what is missing.
    await sink.commit();
  } catch (error) {
    await sink.discard();
    progress.stop();
    if (error instanceof StartError) return usage(stderr, error.message);
    throw error;
  } finally {
    // The stdout guard stays: an EPIPE from the last write can still arrive after the batch has returned.
    if (!streams.signal) process.removeListener('SIGINT', onSigint);
  }
  progress.stop();
  if (sink.broken) return BATCH_EXIT.BROKEN_PIPE; // quietly, like any filter whose reader went away

  const total = plan.total ?? result.started;
  const skipped = total - analysed - failed + plan.skipped();
  if (!options.quiet || signal.aborted) stderr.write(`analysed ${analysed}, failed ${failed}, skipped ${skipped}${signal.aborted ? ' (interrupted)' : ''}\n`);
  if (env.MEETING_ANALYZE_TIMING) stderr.write(`timing ${JSON.stringify({ jobs, docs: analysed + failed, workMs: result.workMs })}\n`);
  if (signal.aborted) return BATCH_EXIT.INTERRUPTED;
  return failed ? BATCH_EXIT.INPUT_FAILED : BATCH_EXIT.OK;
}
