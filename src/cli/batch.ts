/**
 * The analyse command: list inputs → run them on the pool → write each record in input order as it is ready →
 * final `analysed N, failed M, skipped K` line. Also --summary, --output, the progress bar, broken pipes, and
 * SIGINT/SIGTERM/SIGHUP (finished records kept, --output committed with them, exit 128 + the signal's number).
 */
import { availableParallelism } from 'os';
import { EXIT, STOP_SIGNALS, UsageError, type StopSignal } from '../errors';
import { argumentBytes, planInputs, DEFAULT_EXTENSIONS, type InputPlan } from '../input/plan';
import { readFileSync } from 'fs';
import type { Source } from '../input/source';
import { fileSink, guardPipe, guardStderr, standardStream, streamSink, visible, type Sink } from './output';
import { runPool, StartError, type PoolResult } from './pool';
import { terminalWidth } from '../formatters/width';
import { createProgress, plainProgress, shouldShowProgress } from './progress';
import { SummaryBuilder } from '../aggregate/summary';
import { formatRecord } from './record-format';
import type { Outcome, TaskSettings } from './task';

export interface BatchOptions {
  format: string;
  json?: boolean;
  top: number;
  explain?: boolean;
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
  /**
   * Exit 0 when every failed input was written as an error record (for distributed engines, which fail the whole
   * task on a non-zero exit). Needs a format that writes error records.
   */
  errorsInOutput?: boolean;
}

/** Formats written for the whole batch at once (CSV sheets, Markdown tables): records are kept until the end. */
const WHOLE_BATCH_FORMATS = new Set(['csv', 'markdown']);

export interface BatchStreams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /**
   * Aborting it stops the batch like Ctrl-C (a reason of 'SIGTERM' or 'SIGHUP' gives that signal's exit code);
   * without one, SIGINT, SIGTERM and SIGHUP are watched while the batch runs.
   */
  signal?: AbortSignal;
  /** Analyse in worker threads even with one job, so signals are handled during a long document (the CLI binary). */
  threads?: boolean;
  /** Directory relative glob patterns are matched from (default: the process's). */
  cwd?: string;
}

/** Below this many inputs per worker, loading nodejieba in another worker (~1 s, ~265 MB) does not pay. */
const INPUTS_PER_DEFAULT_WORKER = 16;

/**
 * Worker threads for a batch of `total` inputs (undefined: streamed JSONL, where the count is unknown). Streamed
 * records default to one job: under a distributed engine each mapper already runs beside others, and starting one
 * nodejieba per CPU in each would multiply memory (pass --jobs to use more; workers then start as records arrive).
 */
export function defaultJobs(total: number | undefined): number {
  const cpus = availableParallelism();
  if (total === undefined) return 1;
  return Math.max(1, Math.min(cpus, Math.ceil(total / INPUTS_PER_DEFAULT_WORKER)));
}

function usage(stderr: NodeJS.WritableStream, message: string): number {
  stderr.write(`meeting-analyze: ${visible(message)} (see --help)\n`);
  return EXIT.USAGE;
}

/** Formats that write a record for a failed input (table and --summary only name it on stderr). */
const ERROR_RECORD_FORMATS = new Set(['json', 'jsonl', 'csv', 'markdown']);

/**
 * Writes formatted records so that the bytes equal the formatter's output for the whole list. `total` is the
 * number of inputs when known: a batch of several is a JSON array even if interrupted after its first record.
 */
function recordWriter(format: string, sink: Sink, total: number | undefined) {
  let count = 0;
  let first: string | undefined;
  const indent = (chunk: string) => `  ${chunk.replace(/\n/g, '\n  ')}`;
  return {
    async add(chunk: string) {
      count++;
      if (format === 'jsonl') await sink.write(`${chunk}\n`);
      else if (format === 'json') {
        // One object for one input, an array for several: hold the first until a second one arrives.
        if (count === 1 && (total ?? 1) > 1) await sink.write(`[\n${indent(chunk)}`);
        else if (count === 1) first = chunk;
        else if (count === 2 && first !== undefined) await sink.write(`[\n${indent(first!)},\n${indent(chunk)}`);
        else await sink.write(`,\n${indent(chunk)}`);
      } else await sink.write(count === 1 ? chunk : `\n${'─'.repeat(60)}\n\n${chunk}`);
    },
    async end() {
      if (format !== 'json') return;
      if (count === 0) await sink.write('[]\n');
      else if (first !== undefined && count === 1) await sink.write(`${first}\n`);
      else await sink.write('\n]\n');
    },
  };
}

export async function runBatch(files: string[], options: BatchOptions, streams: BatchStreams): Promise<number> {
  const format = options.json ? 'json' : options.format;
  const { stdin, stderr } = streams;
  guardStderr(stderr);
  const stdinUses = files.filter((file) => file === '-').length + (options.filesFrom === '-' ? 1 : 0);
  if (stdinUses > 1 || (options.filesFrom === '-' && options.input === 'jsonl')) return usage(stderr, 'stdin can be read only once');
  if (!files.length && !options.filesFrom && stdin.isTTY) return usage(stderr, 'no input: give a file, or pipe text on stdin');
  if (options.input === 'jsonl' && options.filesFrom) return usage(stderr, '--files-from lists files; it does not combine with --input jsonl');
  if (options.errorsInOutput && (options.summary || !ERROR_RECORD_FORMATS.has(format))) {
    return usage(stderr, '--errors-in-output needs a format that writes error records (jsonl, json, csv, markdown) and no --summary');
  }

  // Signals are watched from the start: reading stdin or listing a tree can block too.
  const controller = new AbortController();
  const signal = streams.signal ?? controller.signal;
  let stoppedBy: StopSignal | undefined;
  const handlers = new Map<StopSignal, () => void>();
  if (!streams.signal) {
    for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) {
      const handler = () => {
        stoppedBy ??= name;
        controller.abort(name);
      };
      handlers.set(name, handler);
      // once: a second Ctrl-C while finishing up gets the default action and ends the process at once.
      process.once(name, handler);
    }
  }
  const stopCode = (): number => {
    const reason = stoppedBy ?? (typeof signal.reason === 'string' ? signal.reason : undefined);
    return reason && reason in STOP_SIGNALS ? STOP_SIGNALS[reason as StopSignal] : EXIT.INTERRUPTED;
  };
  const aborted = new Promise<undefined>((resolve) => {
    if (signal.aborted) resolve(undefined);
    signal.addEventListener('abort', () => resolve(undefined), { once: true });
  });
  try {
    return await runSignalled(files, options, streams, format, signal, aborted, stopCode);
  } finally {
    for (const [name, handler] of handlers) process.removeListener(name, handler);
  }
}

async function runSignalled(
  files: string[],
  options: BatchOptions,
  streams: BatchStreams,
  format: string,
  signal: AbortSignal,
  aborted: Promise<undefined>,
  stopCode: () => number,
): Promise<number> {
  const { stdin, stdout, stderr, env } = streams;
  // The output target is checked before any work: a directory (or an unwritable place) fails at once.
  let sink: Sink;
  const pipe = guardPipe(stdout);
  try {
    // -o /dev/stdout (or stderr) is that stream: written as such, whatever the descriptor is (pipe, socket, file).
    const standard = options.output ? standardStream(options.output, process.pid) : undefined;
    if (!options.output || standard === 1) sink = streamSink(stdout, pipe);
    else if (standard === 2) sink = streamSink(stderr, guardPipe(stderr));
    else sink = await fileSink(options.output);
  } catch (error) {
    return usage(stderr, `--output ${options.output}: ${outputProblem(error as NodeJS.ErrnoException)}`);
  }

  const extensions = (options.ext?.length ? options.ext : DEFAULT_EXTENSIONS).map((ext) => (ext.startsWith('.') ? ext : `.${ext}`).toLowerCase());
  let plan: InputPlan | undefined;
  try {
    const planning = planInputs({
      args: files,
      filesFrom: options.filesFrom,
      input: options.input,
      extensions,
      stdin,
      maxBytes: options.maxBytes,
      cwd: streams.cwd ?? process.cwd(),
      rawArgument: files.some((file) => file.includes('\ufffd')) ? argumentBytes(ownCommandLine()) : undefined,
    });
    planning.catch(() => undefined); // settled later, or never looked at once interrupted
    plan = await Promise.race([planning, aborted]);
  } catch (error) {
    await sink.discard();
    if (error instanceof UsageError) return usage(stderr, error.message);
    throw error;
  }
  // Interrupted while stdin or a --files-from list was still being read: nothing started, nothing listed.
  plan ??= { sources: (async function* () {})(), total: 0, skipped: () => 0 };
  // Never more workers than inputs: each one loads nodejieba (~1 s, ~265 MB).
  const jobs = Math.max(1, Math.min(options.jobs || defaultJobs(plan.total), plan.total ?? Infinity));

  const collecting = WHOLE_BATCH_FORMATS.has(format) || Boolean(options.outputDir);
  const collected: object[] = [];
  const settings: TaskSettings = {
    // Whole-batch formats get each record as JSON from the workers and format them all at the end.
    format: collecting ? 'jsonl' : format,
    color: options.color && !env.NO_COLOR && !options.output && Boolean(stdout.isTTY),
    top: options.top,
    explain: Boolean(options.explain),
    lexiconDirs: options.lexicon,
    maxBytes: options.maxBytes,
    encoding: options.encoding,
    kind: options.input === 'text' || options.input === 'html' || options.input === 'markdown' ? options.input : undefined,
    summary: Boolean(options.summary),
    width: terminalWidth(stdout, env),
  };

  // Records printed to the same terminal would tear the bar; they show progress well enough themselves.
  const outputOnTerminal = !options.output && Boolean(stdout.isTTY);
  const progress = shouldShowProgress(stderr, options.quiet, plan.total) && !outputOnTerminal ? createProgress(stderr, plan.total, { jobs }) : plainProgress(stderr);
  let listed = 0;
  const sources = plan.sources;
  const counted = (async function* (): AsyncGenerator<Source> {
    for await (const source of sources) {
      progress.grow(++listed);
      yield source;
    }
  })();

  const writer = recordWriter(format, sink, plan.total);
  const summary = options.summary ? new SummaryBuilder() : undefined;
  let analysed = 0;
  let failed = 0;
  let failedUnwritten = 0;
  const onOutcome = async (outcome: Outcome) => {
    progress.tick();
    if (outcome.error) {
      failed++;
      summary?.addFailure();
      // File names and messages may carry escape sequences or line breaks: shown escaped, never raw.
      if (!options.quiet) progress.log(`meeting-analyze: ${visible(outcome.input)}: ${visible(outcome.error.message)}\n`);
      if (format === 'table' || summary) {
        failedUnwritten++;
        return;
      }
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

  let result: PoolResult;
  try {
    result = signal.aborted
      ? { started: 0, emitted: 0, stopped: true, workMs: 0 }
      : await runPool(counted, { jobs, settings, signal, onOutcome, shouldStop: () => sink.broken, threads: streams.threads, lazy: plan.total === undefined });
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
  }
  // The stdout guard stays: an EPIPE from the last write can still arrive after the batch has returned.
  progress.stop();
  if (sink.broken) return EXIT.BROKEN_PIPE; // quietly, like any filter whose reader went away

  const total = plan.total ?? result.started;
  const skipped = total - analysed - failed + plan.skipped();
  if (!options.quiet || signal.aborted) stderr.write(`analysed ${analysed}, failed ${failed}, skipped ${skipped}${signal.aborted ? ' (interrupted)' : ''}\n`);
  if (env.MEETING_ANALYZE_TIMING) stderr.write(`timing ${JSON.stringify({ jobs, docs: analysed + failed, workMs: result.workMs })}\n`);
  if (signal.aborted) return stopCode();
  if (!failed || (options.errorsInOutput && !failedUnwritten)) return EXIT.OK;
  return EXIT.INPUT_FAILED;
}

/** Why --output cannot be written, in words. */
function outputProblem(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EISDIR':
      return 'is a directory; give a file name';
    case 'ENOENT':
      return 'its directory does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error.message;
  }
}

/** This process's command line as bytes (Linux), to recover file names that are not UTF-8; undefined elsewhere. */
function ownCommandLine(): Buffer | undefined {
  try {
    return readFileSync('/proc/self/cmdline');
  } catch {
    return undefined;
  }
}
