import { promises as fs } from 'fs';
import * as path from 'path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { renderDiffTable } from '../diff/format';
import { diffResults } from '../diff/diff';
import { InputError } from '../errors';
import { getFormatter, type FormatOptions, type OutputRecord } from '../formatters';
import { analyzeText } from '../pipeline/analyze';
import { renderReport, type ReportDocument } from '../report/html';
import type { AnalysisResult, ErrorRecord } from '../types';
import { DEFAULT_MAX_BYTES, readInputFile } from './read-input';

export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** The command's exit code, returned by runCli. */
  setExitCode(code: number): void;
}

interface ReadOptions {
  top: number;
  lexicon: string[];
  encoding?: string;
  maxBytes: number;
  quiet?: boolean;
}

function wholeNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return parsed;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function readingOptions(command: Command): Command {
  return command
    .option('--top <n>', 'number of keywords', wholeNumber, 10)
    .option('--lexicon <dir>', 'extra lexicon directory (repeatable)', collect, [])
    .option('--encoding <name>', 'force an input encoding (e.g. gb18030, big5, utf-16le)')
    .option('--max-bytes <n>', 'largest input accepted, in bytes', wholeNumber, DEFAULT_MAX_BYTES)
    .option('-q, --quiet', 'no per-file error lines on stderr');
}

/** Read, decode and analyse one file, keeping the decoded text the spans point into. */
async function load(file: string, options: ReadOptions): Promise<ReportDocument> {
  const decoded = await readInputFile(file, { maxBytes: options.maxBytes, encoding: options.encoding });
  const warnings = decoded.invalidSequences
    ? [{ code: 'invalid-bytes', message: `${decoded.invalidSequences} byte sequence(s) could not be decoded as ${decoded.encoding} and were replaced by U+FFFD` }]
    : [];
  const result = analyzeText({ text: decoded.text, path: file, encoding: decoded.encoding, warnings }, { top: options.top, lexiconDirs: options.lexicon });
  return { result, text: decoded.text };
}

async function loadAll(files: string[], options: ReadOptions, io: CommandIo): Promise<{ docs: ReportDocument[]; errors: ErrorRecord[] }> {
  const docs: ReportDocument[] = [];
  const errors: ErrorRecord[] = [];
  for (const file of files) {
    try {
      docs.push(await load(file, options));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      if (!options.quiet) io.stderr.write(`meeting-analyze: ${file}: ${error.message}\n`);
      errors.push({ input: file, error: { code: error.code, message: error.message } });
    }
  }
  return { docs, errors };
}

const EXTENSIONS: Record<string, string> = { table: 'txt', json: 'json', jsonl: 'jsonl', markdown: 'md', csv: 'csv' };

/**
 * Write formatted records: to stdout, or with `outputDir` into files there — one per sheet for formatters that
 * have them (CSV), otherwise one `results.<ext>`. Returns the paths written.
 */
export async function writeOutput(
  format: string,
  records: OutputRecord[],
  options: FormatOptions & { outputDir?: string },
  stdout: NodeJS.WritableStream,
): Promise<string[]> {
  const formatter = getFormatter(format);
  if (!options.outputDir) {
    stdout.write(formatter(records, options));
    return [];
  }
  const plain = { ...options, color: false };
  const files = formatter.files ? formatter.files(records, plain) : { [`results.${EXTENSIONS[format] ?? 'txt'}`]: formatter(records, plain) };
  await fs.mkdir(options.outputDir, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(options.outputDir, name);
    await fs.writeFile(target, content, 'utf8');
    written.push(target);
  }
  return written;
}

/** Adds `report` (HTML evidence report) and `diff` (compare two articles) to the program. */
export function addReportCommands(program: Command, io: CommandIo): void {
  // Options after a subcommand name belong to the subcommand (`diff a b --format json`), not to the main command.
  program.enablePositionalOptions();

  readingOptions(
    program
      .command('report')
      .description('write a self-contained HTML report: tables, the article text with every extracted item highlighted, and overview charts for several inputs')
      .argument('<files...>', 'article files')
      .option('-o, --output <file>', 'HTML file to write (default: stdout)')
      .option('--title <text>', 'page title'),
  ).action(async (files: string[], options: ReadOptions & { output?: string; title?: string }) => {
    const { docs, errors } = await loadAll(files, options, io);
    if (!docs.length) {
      io.setExitCode(1);
      return;
    }
    const html = renderReport(docs, { errors, title: options.title });
    if (options.output) {
      try {
        await fs.writeFile(options.output, html, 'utf8');
      } catch (error) {
        io.stderr.write(`meeting-analyze: cannot write ${options.output}: ${(error as Error).message}\n`);
        io.setExitCode(1);
        return;
      }
      if (!options.quiet) io.stderr.write(`meeting-analyze: wrote ${options.output} (${docs.length} article(s))\n`);
    } else {
      io.stdout.write(html);
    }
    io.setExitCode(errors.length ? 1 : 0);
  });

  readingOptions(
    program
      .command('diff')
      .description('compare two articles: formulas, components, enumerations, industries, officials and slogans added, removed or changed')
      .argument('<old>', 'the earlier article')
      .argument('<new>', 'the later article')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
      .option('--json', 'short for --format json')
      .option('--no-color', 'no colours (also NO_COLOR=1, or when stdout is not a terminal)'),
  ).action(async (oldFile: string, newFile: string, options: ReadOptions & { format: string; json?: boolean; color: boolean }) => {
    const { docs } = await loadAll([oldFile, newFile], options, io);
    if (docs.length < 2) {
      io.setExitCode(1);
      return;
    }
    const [before, after]: AnalysisResult[] = docs.map((doc) => doc.result);
    const result = diffResults(before, after);
    const color = options.color && !io.env.NO_COLOR && Boolean(io.stdout.isTTY);
    io.stdout.write(options.json || options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderDiffTable(result, { color }));
    io.setExitCode(0);
  });
}
