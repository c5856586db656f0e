/**
 * The analyse command: list inputs → run them on the pool → write each record in input order as it is ready →
 * final `analysed N, failed M, skipped K` line. Also --summary, --output, the progress bar, broken pipes, and
 * SIGINT/SIGTERM/SIGHUP (finished records kept, --output committed with them, exit 128 + the signal's number).
 */
import { availableParallelism } from 'os';
import { EXIT, STOP_SIGNALS, UsageError, type StopSignal } from '../errors';
import { argumentBytes, extensionList, planInputs, type InputPlan } from '../input/plan';
import { fstatSync, readFileSync, statSync } from 'fs';
import type { Source } from '../input/source';
import { describeWriteError, fileSink, guardPipe, guardStderr, OutputError, removeTemporaries, standardStream, streamSink, visible, type Sink } from './output';
import { runPool, StartError, type PoolResult } from './pool';
import { applyJitMode, jitMode } from './jit';
import { terminalWidth } from '../formatters/width';
import { useColor } from './conventions';
import { createProgress, plainProgress, shouldShowProgress } from './progress';
import { SummaryBuilder } from '../aggregate/summary';
import { formatRecord } from './record-format';
import type { Outcome, TaskSettings } from './task';

export interface BatchOptions {
  format: string;
  json?: boolean;
  top: number;
  explain?: boolean;
  /** `--color auto|always|never`; `--no-color` gives false. */
  color: boolean | string;
  lexicon: string[];
  /** Name every skipped file with its reason, and print the count line even for one input. */
  verbose?: boolean;
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

/** Formats written for the whole batch at once (the CSV documents sheet to stdout): records are kept until the end. */
const WHOLE_BATCH_FORMATS = new Set(['csv']);

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
 * Writes formatted records so that the bytes equal the formatter's output for the whole list. `many`: the command
 * line can stand for several inputs (a directory, a pattern, a list, several arguments), so JSON is an array even
 * with one record or none; one file path gives one object.
 */
function recordWriter(format: string, sink: Sink, many: boolean) {
  let count = 0;
  let first: string | undefined;
  const indent = (chunk: string) => `  ${chunk.replace(/\n/g, '\n  ')}`;
  return {
    async add(chunk: string) {
      count++;
      if (format === 'jsonl') await sink.write(`${chunk}\n`);
      else if (format === 'json') {
        // One object for one file path, an array for anything that can match several.
        if (count === 1 && many) await sink.write(`[\n${indent(chunk)}`);
        else if (count === 1) first = chunk;
        else await sink.write(`,\n${indent(chunk)}`);
      } else if (format === 'markdown') await sink.write(count === 1 ? chunk : `\n${chunk}`);
      else await sink.write(count === 1 ? chunk : `\n${'─'.repeat(60)}\n\n${chunk}`);
    },
    async end() {
      if (format === 'markdown' && count === 0) await sink.write('\n');
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
  // Both would be written, and one of them would be empty: say so before any work.
  if (options.output !== undefined && options.outputDir !== undefined) return usage(stderr, '--output and --output-dir do not combine: give one');
  const readsStdin = stdinUses > 0 || (!files.length && !options.filesFrom);
  if (readsStdin && stdin === process.stdin && descriptorKind(0) === 'directory') return usage(stderr, 'stdin is a directory (`< dir`); give the directory as an argument to walk it');
  const toStdout = !options.outputDir && (!options.output || standardStream(options.output, process.pid) === 1);
  if (toStdout && streams.stdout === process.stdout && descriptorKind(1) === 'closed') return usage(stderr, 'stdout is closed (`>&-`): the records would be lost; give --output or redirect stdout');
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
        if (stoppedBy !== undefined) {
          // A second signal while finishing up ends the process at once, by that signal, as the default action
          // would; the temporary files of atomic outputs are removed first (the targets keep their old content).
          removeTemporaries();
          for (const [other, listener] of handlers) process.removeListener(other, listener);
          process.kill(process.pid, name);
          return;
        }
        stoppedBy = name;
        controller.abort(name);
      };
      handlers.set(name, handler);
      process.on(name, handler);
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
    if (!options.output || standard === 1) sink = streamSink(stdout, pipe, signal);
    else if (standard === 2) sink = streamSink(stderr, guardPipe(stderr), signal);
    else sink = await fileSink(options.output);
  } catch (error) {
    return usage(stderr, `--output ${visible(options.output!)}: ${outputProblem(error as NodeJS.ErrnoException)}`);
  }
  // --output-dir too: made (and a staging folder opened in it) now, so an unwritable place fails before the work.
  let staging: import('./whole-batch').FileSet | undefined;
  if (options.outputDir !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FileSet } = require('./whole-batch') as typeof import('./whole-batch');
    try {
      staging = await FileSet.open(options.outputDir);
    } catch (error) {
      return usage(stderr, `--output-dir ${visible(options.outputDir)}: ${outputProblem(error as NodeJS.ErrnoException)}`);
    }
  }

  // Directories given with --input jsonl are walked for record files (.jsonl unless --ext says otherwise).
  const extensions = extensionList(options.ext?.length || options.input !== 'jsonl' ? options.ext : ['.jsonl']);
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
  plan ??= { sources: (async function* () {})(), total: 0, skipped: () => 0, skippedFiles: () => [], many: true };
  // Never more workers than inputs: each one loads nodejieba (~1 s, ~265 MB).
  const jobs = Math.max(1, Math.min(options.jobs || defaultJobs(plan.total), plan.total ?? Infinity));

  // --output-dir with csv: each record's rows are appended to the staged sheets as it comes (nothing held);
  // Markdown (and CSV to stdout) is formatted for the whole batch at the end, from records kept until then.
  const perSheet = Boolean(staging) && format === 'csv' && !options.summary;
  const collecting = WHOLE_BATCH_FORMATS.has(format) && !perSheet;
  const collected: object[] = [];
  // Other formats into --output-dir stream into results.<ext> exactly as they would to stdout.
  if (staging && !collecting && !perSheet && !options.summary) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    sink = staging.sink(`results.${(require('./whole-batch') as typeof import('./whole-batch')).extensionOf(format)}`);
  }
  const settings: TaskSettings = {
    // Whole-batch formats get each record as JSON from the workers and format them all at the end.
    format: collecting || perSheet ? 'jsonl' : format,
    // A file gets colours only when asked for explicitly (--color always); --output-dir files never.
    color: staging ? false : options.output && options.color !== 'always' && options.color !== true ? false : useColor(options.color, stdout, env),
    top: options.top,
    explain: Boolean(options.explain),
    lexiconDirs: options.lexicon,
    maxBytes: options.maxBytes,
    encoding: options.encoding,
    kind: options.input === 'text' || options.input === 'html' || options.input === 'markdown' ? options.input : undefined,
    summary: Boolean(options.summary),
    width: staging ? undefined : terminalWidth(stdout, env),
  };
  const sheets = perSheet ? sheetWriter(staging!) : undefined;

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

  const writer = recordWriter(format, sink, plan.many);
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
      if (sheets) await sheets.add(record);
      else if (collecting) collected.push(record);
      else await writer.add(formatRecord(record, { format, color: false }));
      return;
    }
    analysed++;
    if (summary) summary.add(outcome.digest!);
    else if (sheets) await sheets.add(JSON.parse(outcome.chunk!));
    else if (collecting) collected.push(JSON.parse(outcome.chunk!));
    else await writer.add(outcome.chunk!);
  };

  // Workers that fill the CPUs run without V8's optimising compiler (see jit.ts).
  const jit = jitMode(jobs, env);
  if (streams.threads || jobs > 1) applyJitMode(jit);
  let result: PoolResult;
  try {
    result = signal.aborted
      ? { started: 0, emitted: 0, stopped: true, workMs: 0, workers: 0, messages: 0 }
      : await runPool(counted, {
          jobs,
          settings,
          signal,
          onOutcome,
          shouldStop: () => sink.broken,
          threads: streams.threads,
          lazy: plan.total === undefined,
          onWarning: (message) => options.quiet || progress.log(`meeting-analyze: warning: ${visible(message)}\n`),
        });
    if (!sink.broken) {
      if (summary) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { formatSummary } = require('../formatters/summary') as typeof import('../formatters/summary');
        const text = formatSummary(summary.build(), format, staging ? false : settings.color, settings.width);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        if (staging) await staging.append(`summary.${(require('./whole-batch') as typeof import('./whole-batch')).extensionOf(format)}`, text);
        else await sink.write(text);
      } else if (sheets) await sheets.end();
      else if (collecting) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { formatWholeBatch, filesOf } = require('./whole-batch') as typeof import('./whole-batch');
        if (staging) for (const [name, text] of Object.entries(filesOf(format, collected as never))) await staging.append(name, text);
        else await sink.write(formatWholeBatch(format, collected as never, { color: settings.color }));
      } else await writer.end();
    }
    // Interrupted runs keep what finished: every record in the file is whole, and the summary line says what is missing.
    await sink.commit();
    await staging?.commit();
  } catch (error) {
    await sink.discard();
    await staging?.discard();
    progress.stop();
    if (error instanceof StartError) return usage(stderr, error.message);
    if (error instanceof OutputError) {
      stderr.write(`meeting-analyze: ${visible(error.message)}${staging || options.output ? '; the previous output was left as it was' : ''}\n`);
      return EXIT.OUTPUT_FAILED;
    }
    throw error;
  }
  // The stdout guard stays: an EPIPE from the last write can still arrive after the batch has returned.
  progress.stop();
  if (sink.broken) return EXIT.BROKEN_PIPE; // quietly, like any filter whose reader went away

  const total = plan.total ?? result.started;
  const skipped = total - analysed - failed + plan.skipped();
  if (options.verbose && !options.quiet) for (const file of plan.skippedFiles()) stderr.write(`meeting-analyze: skipped ${visible(file.path)}: ${visible(file.reason)}\n`);
  // One file in, its record out, nothing else (like cat or jq); batches and --verbose end with the count.
  const countLine = (plan.many || (plan.total ?? 0) > 1 || options.verbose) && !options.quiet;
  if (countLine || signal.aborted) stderr.write(`analysed ${analysed}, failed ${failed}, skipped ${skipped}${signal.aborted ? ' (interrupted)' : ''}\n`);
  if (env.MEETING_ANALYZE_TIMING) stderr.write(`timing ${JSON.stringify({ jobs, workers: result.workers, docs: analysed + failed, workMs: result.workMs, jit })}\n`);
  if (signal.aborted) return stopCode();
  if (!failed || (options.errorsInOutput && !failedUnwritten)) return EXIT.OK;
  return EXIT.INPUT_FAILED;
}

/** Why --output or --output-dir cannot be written, in words. */
function outputProblem(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EISDIR':
      return 'is a directory; give a file name';
    case 'ENOENT':
      return 'its directory does not exist';
    case 'EEXIST':
    case 'ENOTDIR':
      return 'is a file, not a directory (or a parent in the path is)';
    default:
      return describeWriteError(error);
  }
}

/**
 * What descriptor 0, 1 or 2 of this process is: 'closed' when the caller closed it (`>&-`), else its kind. Node
 * opens /dev/null read-write on a standard descriptor it finds closed at start-up, so that is what a closed one
 * looks like here (a shell's `> /dev/null` opens it write-only); Linux only, elsewhere nothing is 'closed'.
 */
function descriptorKind(fd: number): 'closed' | 'directory' | 'other' {
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return 'directory';
    if (stat.isCharacterDevice() && stat.rdev === statSync('/dev/null').rdev) {
      const flags = /^flags:\s*(\d+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))?.[1];
      if (flags !== undefined && (parseInt(flags, 8) & 3) === 2) return 'closed';
    }
    return 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EBADF' ? 'closed' : 'other';
  }
}

/**
 * CSV sheets for --output-dir, appended record by record: each record's rows (the csv formatter's files() for that
 * record alone, without their header line) go to the staged sheet as soon as the record is in order, so memory does
 * not grow with the batch. The bytes equal the formatter's output for the whole list: rows depend on their record only.
 */
function sheetWriter(staging: import('./whole-batch').FileSet) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { filesOf } = require('./whole-batch') as typeof import('./whole-batch');
  const add = async (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      if (!staging.has(name)) await staging.append(name, text);
      else {
        const rows = text.indexOf('\r\n');
        if (rows >= 0 && rows + 2 < text.length) await staging.append(name, text.slice(rows + 2));
      }
    }
  };
  return {
    add: (record: object) => add(filesOf('csv', [record as never])),
    /** Sheets no record wrote a row to still get their header. */
    end: () => add(filesOf('csv', [])),
  };
}

/** This process's command line as bytes (Linux), to recover file names that are not UTF-8; undefined elsewhere. */
function ownCommandLine(): Buffer | undefined {
  try {
    return readFileSync('/proc/self/cmdline');
  } catch {
    return undefined;
  }
}
