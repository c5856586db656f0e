/** What `report` and `diff` do; loaded only when one of them runs. Inputs are listed and read as analysis reads them. */
import { promises as fs } from 'fs';
import { renderDiffTable } from '../diff/format';
import { diffResults } from '../diff/diff';
import { InputError } from '../errors';
import { analyze } from '../analyzer';
import { renderReport, type ReportDocument } from '../report/html';
import type { ErrorRecord } from '../types';
import { terminalWidth } from '../formatters/width';
import { DEFAULT_EXTENSIONS, planInputs } from '../input/plan';
import type { CommandIo, ReadOptions } from './io';
import { readSource } from '../input/read';
import { visible } from './output';
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
  const extensions = (options.ext?.length ? options.ext : DEFAULT_EXTENSIONS).map((ext) => (ext.startsWith('.') ? ext : `.${ext}`).toLowerCase());
  const plan = await planInputs({ args, extensions, stdin: io.stdin ?? process.stdin, maxBytes: options.maxBytes, cwd: process.cwd() });
  const sources: Source[] = [];
  for await (const source of plan.sources) sources.push(source);
  return sources;
}

async function loadAll(sources: Source[], options: ReadOptions, io: CommandIo): Promise<{ docs: ReportDocument[]; errors: ErrorRecord[] }> {
  const docs: ReportDocument[] = [];
  const errors: ErrorRecord[] = [];
  const fail = (input: string, code: string, message: string) => {
    if (!options.quiet) io.stderr.write(`meeting-analyze: ${visible(input)}: ${visible(message)}\n`);
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

export async function runReport(files: string[], options: ReadOptions & { output?: string; title?: string }, io: CommandIo): Promise<void> {
  const { docs, errors } = await loadAll(await list(files, options, io), options, io);
  if (!docs.length) {
    io.setExitCode(1);
    return;
  }
  const html = renderReport(docs, { errors, title: options.title });
  if (options.output) {
    try {
      await fs.writeFile(options.output, html, 'utf8');
    } catch (error) {
      io.stderr.write(`meeting-analyze: cannot write ${visible(options.output)}: ${visible((error as Error).message)}\n`);
      io.setExitCode(1);
      return;
    }
    if (!options.quiet) io.stderr.write(`meeting-analyze: wrote ${visible(options.output)} (${docs.length} article(s))\n`);
  } else {
    io.stdout.write(html);
  }
  io.setExitCode(errors.length ? 1 : 0);
}

export async function runDiff(oldFile: string, newFile: string, options: ReadOptions & { format: string; json?: boolean; color: boolean }, io: CommandIo): Promise<void> {
  const sides: Source[] = [];
  for (const arg of [oldFile, newFile]) {
    const sources = await list([arg], options, io);
    // A directory or pattern is fine as long as it names one article: diff compares two.
    if (sources.length !== 1) {
      io.stderr.write(`meeting-analyze: diff: ${visible(arg)} names ${sources.length} files; give one article on each side\n`);
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
  const color = options.color && !io.env.NO_COLOR && Boolean(io.stdout.isTTY);
  io.stdout.write(options.json || options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderDiffTable(result, { color, width: terminalWidth(io.stdout, io.env) }));
  io.setExitCode(0);
}
