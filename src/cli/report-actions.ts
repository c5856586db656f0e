/** What `report` and `diff` do; loaded only when one of them runs. Inputs are listed and read as analysis reads them. */
import { promises as fs } from 'fs';
import { renderDiffTable } from '../diff/format';
import { diffResults, isUnchanged } from '../diff/diff';
import { InputError } from '../errors';
import { analyze } from '../analyzer';
import { renderReport, type ReportDocument } from '../report/html';
import type { ErrorRecord } from '../types';
import { terminalWidth } from '../formatters/width';
import { extensionList, planInputs } from '../input/plan';
import { ERROR_PREFIX, useColor } from './conventions';
import type { CommandIo, ReadOptions } from './io';
import { readSource } from '../input/read';
import { describeWriteError, fileSink, OutputError, terminalSafeHtml, visible, writeOutput, type Sink } from './output';
import { EXIT } from '../errors';
import { inputName, type Source } from '../input/source';

/** Read, decode and analyse one source, keeping the decoded text the spans point into. */
async function load(source: Exclude<Source, { kind: 'error' }>, options: ReadOptions): Promise<ReportDocument> {
  const input = inputName(source);
  const read = await readSource(source, { maxBytes: options.maxBytes, encoding: options.encoding });
  const result = analyze(
    { text: read.text, format: read.format, path: input, encoding: read.encoding, warnings: read.warnings },
    // The report shows each item's rule and evidence on hover.
    { top: options.top, lexiconDirs: options.lexicon, explain: true },
  );
  // The report re-reads the article with the same lexicons, so its boilerplate is what the analysis removed.
  return { result, text: read.text, format: read.format, lexiconDirs: options.lexicon };
}

/** The sources one command-line argument stands for (a file, a directory walked, a glob, `-`). */
async function list(args: string[], options: ReadOptions, io: CommandIo): Promise<Source[]> {
  const extensions = extensionList(options.ext);
  const plan = await planInputs({ args, extensions, stdin: io.stdin ?? process.stdin, maxBytes: options.maxBytes, cwd: process.cwd() });
  const sources: Source[] = [];
  for await (const source of plan.sources) sources.push(source);
  return sources;
}

async function loadAll(sources: Source[], options: ReadOptions, io: CommandIo): Promise<{ docs: ReportDocument[]; errors: ErrorRecord[] }> {
  const docs: ReportDocument[] = [];
  const errors: ErrorRecord[] = [];
  const fail = (input: string, code: string, message: string) => {
    if (!options.quiet) io.stderr.write(`${ERROR_PREFIX}${visible(input)}: ${visible(message)}\n`);
    errors.push({ input, error: { code, message } });
  };
  for (const source of sources) {
    if (source.kind === 'error') {
      fail(source.input, source.code, source.message);
      continue;
    }
    try {
      docs.push(await load(source, options));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      fail(inputName(source), error.code, error.message);
    }
  }
  return { docs, errors };
}

/** stdin (`-`) named more than once: it can be read only once. */
function stdinTwice(args: string[], io: CommandIo, command: string): boolean {
  if (args.filter((arg) => arg === '-').length < 2) return false;
  io.stderr.write(`${ERROR_PREFIX}${command}: stdin ("-") can be read only once (see meeting-analyze ${command} --help)\n`);
  io.setExitCode(EXIT.USAGE);
  return true;
}

/** Where `report` writes when no -o is given on a terminal: HTML printed on a screen helps nobody. */
export const TERMINAL_REPORT = 'report.html';

export async function runReport(files: string[], options: ReadOptions & { output?: string; title?: string }, io: CommandIo): Promise<void> {
  if (stdinTwice(files, io, 'report')) return;
  if (!options.output && io.stdout.isTTY) {
    // Checked before any work: an existing report.html is never replaced without being named.
    const taken = await fs.lstat(TERMINAL_REPORT).then(() => true, () => false);
    if (taken) {
      io.stderr.write(`${ERROR_PREFIX}report: stdout is a terminal and ${TERMINAL_REPORT} exists; give -o <file> or redirect stdout (> page.html)\n`);
      io.setExitCode(EXIT.USAGE);
      return;
    }
    options = { ...options, output: TERMINAL_REPORT };
  }
  // The report file is opened (a temporary beside it) before any work: an unwritable place is a usage error now,
  // not after every article has been analysed. It replaces the old report atomically at the end.
  let sink: Sink | undefined;
  if (options.output) {
    try {
      sink = await fileSink(options.output);
    } catch (error) {
      io.stderr.write(`${ERROR_PREFIX}report -o ${visible(options.output)}: cannot write: ${describeWriteError(error as NodeJS.ErrnoException)}\n`);
      io.setExitCode(EXIT.USAGE);
      return;
    }
  }
  let loaded: { docs: ReportDocument[]; errors: ErrorRecord[] };
  try {
    loaded = await loadAll(await list(files, options, io), options, io);
  } catch (error) {
    await sink?.discard();
    throw error;
  }
  const { docs, errors } = loaded;
  if (!docs.length) {
    await sink?.discard();
    io.setExitCode(EXIT.INPUT_FAILED);
    return;
  }
  // Names and removed lines keep whatever the inputs held: control characters are made inert for a terminal.
  const html = terminalSafeHtml(renderReport(docs, { errors, title: options.title }));
  if (sink) {
    try {
      await sink.write(html);
      await sink.commit();
    } catch (error) {
      await sink.discard();
      if (!(error instanceof OutputError)) throw error;
      io.stderr.write(`${ERROR_PREFIX}${visible(error.message)}; the previous report was left as it was\n`);
      io.setExitCode(EXIT.OUTPUT_FAILED);
      return;
    }
    if (!options.quiet) io.stderr.write(`${ERROR_PREFIX}wrote ${visible(options.output!)} (${docs.length} article(s))\n`);
  } else {
    const failed = await writeOutput(io.stdout, html, io.stderr);
    if (failed !== undefined) {
      io.setExitCode(failed);
      return;
    }
  }
  io.setExitCode(errors.length ? EXIT.INPUT_FAILED : EXIT.OK);
}

export async function runDiff(oldFile: string, newFile: string, options: ReadOptions & { format: string; json?: boolean; color: boolean | string; exitCode?: boolean }, io: CommandIo): Promise<void> {
  if (stdinTwice([oldFile, newFile], io, 'diff')) return;
  const sides: Source[] = [];
  for (const arg of [oldFile, newFile]) {
    const sources = await list([arg], options, io);
    // A directory or pattern is fine as long as it names one article: diff compares two.
    if (sources.length !== 1) {
      io.stderr.write(`${ERROR_PREFIX}diff: ${visible(arg)} names ${sources.length} files; give one article on each side\n`);
      io.setExitCode(2);
      return;
    }
    sides.push(sources[0]);
  }
  const { docs } = await loadAll(sides, options, io);
  if (docs.length < 2) {
    io.setExitCode(1);
    return;
  }
  const result = diffResults(docs[0].result, docs[1].result);
  const color = useColor(options.color, io.stdout, io.env);
  const text = options.json || options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderDiffTable(result, { color, width: terminalWidth(io.stdout, io.env) });
  // A closed pipe or a full disk is an exit code (and one line), never a stack trace.
  io.setExitCode((await writeOutput(io.stdout, text, io.stderr)) ?? (options.exitCode && !isUnchanged(result) ? EXIT.INPUT_FAILED : EXIT.OK));
}
