// Light on purpose: --help must not load the pipeline. The actions live in ./report-actions.
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_BYTES } from '../errors';

export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** The command's exit code, returned by runCli. */
  setExitCode(code: number): void;
}

export interface ReadOptions {
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
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require('./report-actions') as typeof import('./report-actions')).runReport(files, options, io);
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
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    await (require('./report-actions') as typeof import('./report-actions')).runDiff(oldFile, newFile, options, io);
  });
}
