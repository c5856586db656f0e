// The `eval` subcommand's wiring. Light on purpose: --help must not load the pipeline; the action requires it.
import * as fs from 'fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_BYTES, EXIT } from '../errors';
import { collect, encodingName, inheritOptions, wholeNumber, type CommandIo } from './commands';
import { visible } from './output';

export interface EvalCommandOptions {
  gold: string;
  format: 'table' | 'json' | 'csv';
  json?: boolean;
  details?: boolean;
  bySource?: boolean;
  min?: number;
  lexicon: string[];
  encoding?: string;
  maxBytes: number;
  quiet?: boolean;
}

/** --min: a fraction from 0 to 1 (0.85), else a usage error. */
export function fraction(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) throw new InvalidArgumentError('expected a fraction from 0 to 1, e.g. 0.85');
  return parsed;
}

/** Adds `eval` (score the analysis against gold annotations) to the program. */
export function addEvalCommand(program: Command, io: CommandIo): void {
  program
    .command('eval')
    .description('score the analysis against gold annotations (docs/annotation.md): precision, recall and F1 per field, every miss and extra')
    .argument('[inputs...]', 'article files or directories the gold files name (default: relative to the gold directory)')
    .requiredOption('--gold <dir>', 'directory of gold files (*.json)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--json', 'short for --format json')
    .option('--details', 'table: list every miss and extra with its span; csv: one row per miss and extra')
    .option('--by-source', 'table: F1 per field and source folder')
    .option('--min <fraction>', 'exit 1 when the mean F1 over the fields is below this fraction (e.g. 0.85)', fraction)
    .option('--lexicon <dir>', 'extra lexicon directory (repeatable)', collect, [])
    .option('--encoding <name>', 'force an input encoding (e.g. gb18030, big5, utf-16le)', encodingName)
    .option('--max-bytes <n>', 'largest input accepted, in bytes', wholeNumber, DEFAULT_MAX_BYTES)
    .option('-q, --quiet', 'no per-file problem lines on stderr')
    .action(async function (this: Command, inputs: string[], options: EvalCommandOptions) {
      const problem = inheritOptions(program, this);
      if (problem) {
        io.stderr.write(`meeting-analyze: ${problem}; put options after the subcommand name (see eval --help)\n`);
        io.setExitCode(EXIT.USAGE);
        return;
      }
      await runEvalCommand(inputs, this.opts() as EvalCommandOptions, io);
    });
}

/** Run `eval`: exit 0, 1 (a gold file or article could not be used, or the mean F1 is below --min), 2 (usage). */
export async function runEvalCommand(inputs: string[], options: EvalCommandOptions, io: CommandIo): Promise<void> {
  if (!fs.statSync(options.gold, { throwIfNoEntry: false })?.isDirectory()) {
    io.stderr.write(`meeting-analyze: eval: ${visible(options.gold)}: no such directory of gold files\n`);
    io.setExitCode(EXIT.USAGE);
    return;
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { evaluate } = require('../eval/run') as typeof import('../eval/run');
  const { formatEvalCsv, formatEvalJson, formatEvalTable } = require('../eval/format') as typeof import('../eval/format');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const report = await evaluate(options.gold, inputs, {
    lexiconDirs: options.lexicon,
    encoding: options.encoding,
    maxBytes: options.maxBytes,
    onProblem: (p) => {
      if (!options.quiet) io.stderr.write(`meeting-analyze: eval: ${visible(p.file)}: ${visible(p.message)}\n`);
    },
  });
  const format = options.json ? 'json' : options.format;
  const out = format === 'json' ? formatEvalJson(report) : format === 'csv' ? formatEvalCsv(report, options) : formatEvalTable(report, options);
  io.stdout.write(out);
  const empty = report.files === 0 && !report.problems.length;
  if (empty) io.stderr.write(`meeting-analyze: eval: ${visible(options.gold)}: no gold files (*.json)\n`);
  const failed = empty || report.problems.some((p) => p.level === 'error');
  const below = options.min !== undefined && report.meanF1 < options.min;
  if (below && !options.quiet) io.stderr.write(`meeting-analyze: eval: mean F1 ${report.meanF1.toFixed(3)} is below --min ${options.min}\n`);
  io.setExitCode(failed || below ? EXIT.INPUT_FAILED : EXIT.OK);
}
