import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// Only commander is loaded up front: --help, --version, schema and usage errors must start fast and never load
// the pipeline or nodejieba. The analyse command requires ./batch when it runs.
import type { BatchOptions } from './batch';
import { existsSync } from 'fs';
import { addArchiveCommand } from './archive';
import { addEvalCommand } from './eval';
import { addReportCommands, collect, encodingName, extensions, MAX_TOP, topCount } from './commands';
import { byteSize, COLOR_CHOICES, ERROR_PREFIX, looksLikeCommand, unknownCommand } from './conventions';
import { DEFAULT_MAX_BYTES, EXIT } from '../errors';
import { guardPipe, guardStderr, visibleLines, writeOutput } from './output';

/** Output formats (src/formatters); listed here so --help does not load the formatters. */
export const FORMAT_NAMES = ['table', 'json', 'jsonl', 'csv', 'markdown'];

export { EXIT };

export interface CliIo {
  argv: string[];
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
  /** Aborting it stops a running batch like Ctrl-C (tests); without one, SIGINT/SIGTERM/SIGHUP are watched during a batch. */
  signal?: AbortSignal;
  /** Analyse in worker threads even for one input, so signals stay prompt during a long document (the binary sets it). */
  threads?: boolean;
}

const HELP_AFTER = `
Examples:
  $ meeting-analyze fixtures/zibo-2022.txt
  $ meeting-analyze --format json article.txt | jq '.officials[].name'
  $ cat article.txt | meeting-analyze --json
  $ meeting-analyze --format jsonl --jobs 2 archive/ > results.jsonl
  $ meeting-analyze --format jsonl -o results.jsonl 'archive/**/*.html'
  $ find archive -name '*.txt' | meeting-analyze --files-from - --summary
  $ jq -c '{id, text}' docs.jsonl | meeting-analyze --input jsonl --format jsonl
  $ meeting-analyze schema > output.schema.json

Exit codes:
  0    every input analysed
  1    at least one input could not be read (each named on stderr; the others are still analysed)
  2    usage error (unknown option, bad value, an output that cannot be created), found before any work
  3    an output could not be written (disk full): it names the path; the old file is kept
  130  interrupted (Ctrl-C); 143 for SIGTERM, 129 for SIGHUP: finished records were written, the rest skipped
  141  stdout closed by its reader (e.g. | head): stopped quietly
`;

function jobCount(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return parsed;
}

/** Run the CLI; returns the exit code instead of exiting, so tests can drive it in memory. */
export async function runCli(io: CliIo): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  // process.stdin is created on first access (~10 ms): only when a command reads it, never for --help.
  const stdin = io.stdin;
  const env = io.env ?? process.env;
  guardStderr(stderr);
  let exitCode: number = EXIT.OK;
  let helpGuard: ReturnType<typeof guardPipe> | undefined;

  const program = new Command('meeting-analyze')
    .description('Extract the meeting, officials, development formulas, enumerations and industries from Chinese government-meeting news.')
    .version(readVersion(), '-V, --version')
    .argument('[inputs...]', 'files, directories or glob patterns (UTF-8, UTF-16, GB18030/GBK, Big5); "-" or none reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('table'))
    .option('--json', 'short for --format json')
    .option('-o, --output <file>', 'write to <file>: a regular file atomically (keeping its mode, through a symlink); devices and FIFOs directly')
    .option('--output-dir <dir>', 'write files into <dir> instead of stdout (csv: documents, officials, items, industries)')
    .option('-j, --jobs <n>', 'worker threads (default: CPUs, fewer for small batches, 1 for one input)', jobCount)
    .addOption(new Option('--input <kind>', 'input kind; jsonl reads {"id","text"} records from stdin or the files').choices(['auto', 'text', 'html', 'markdown', 'jsonl']).default('auto'))
    .option('--files-from <list>', 'read input paths from <list>, one a line ("-" for stdin)')
    .option('--ext <list>', 'extensions taken from directories, comma-separated, any case (default .txt,.md,.markdown,.html,.htm,.shtml,.xhtml)', extensions)
    .option('--summary', 'print an aggregate over the batch instead of one record per input')
    .option('--errors-in-output', 'exit 0 when every failed input is written as an error record (for Spark, Dask, Hadoop Streaming mappers)')
    .option('--top <n>', `number of keywords (0–${MAX_TOP})`, topCount, 10)
    .option('--explain', 'give every item the rule that found it and its evidence spans (docs/rules.md)')
    .option('--lexicon <dir>', 'extra lexicon directory (repeatable); files named like data/*.txt add entries', collect, [])
    .option('--encoding <name>', 'force an input encoding (e.g. gb18030, big5, utf-16le)', encodingName)
    .option('--max-bytes <size>', 'largest input accepted: bytes, or with a suffix (500K, 32M, 1G)', byteSize, DEFAULT_MAX_BYTES)
    .addOption(new Option('--color [when]', 'colours: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces), always, never').choices(COLOR_CHOICES).default('auto'))
    .option('--no-color', 'same as --color never')
    .option('-v, --verbose', 'name every skipped file with its reason, and print the count line for one input too')
    .option('-q, --quiet', 'no per-file error lines, progress bar or final count on stderr (the exit code still tells)')
    .addHelpText('after', HELP_AFTER)
    .exitOverride()
    .configureOutput({
      // Help read through `| head`: the pipe may close before the text is written; that is no error.
      writeOut: (text) => {
        helpGuard ??= guardPipe(stdout);
        stdout.write(text);
      },
      // Usage errors quote what was typed: an escape sequence in an argument is shown, not run.
      writeErr: (text) => stderr.write(visibleLines(text)),
      // One prefix and one line for every problem the tool reports, commander's own messages included.
      outputError: (text, write) => write(`${text.replace(/^error: /, ERROR_PREFIX).trimEnd()} (see --help)\n`),
    })
    .action(async (files: string[], options: BatchOptions) => {
      // `meeting-analyze repot a.txt` or `help report`: a word that is no file is a mistyped command, not a missing file.
      const first = files[0];
      if (first !== undefined && looksLikeCommand(first) && !existsSync(first)) {
        const names = program.commands.map((command) => command.name());
        if (first === 'help') {
          const topic = files[1];
          const command = topic === undefined ? program : program.commands.find((c) => c.name() === topic);
          if (command) {
            command.outputHelp();
            return;
          }
          stderr.write(`${ERROR_PREFIX}${visibleLines(unknownCommand(topic, names))}\n`);
        } else stderr.write(`${ERROR_PREFIX}${visibleLines(unknownCommand(first, names))}\n`);
        exitCode = EXIT.USAGE;
        return;
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runBatch } = require('./batch') as typeof import('./batch');
      exitCode = await runBatch(files, options, { stdin: stdin ?? process.stdin, stdout, stderr, env, signal: io.signal, threads: io.threads });
    });

  addReportCommands(program, { stdin, stdout, stderr, env, setExitCode: (code) => (exitCode = code) });
  addArchiveCommand(program, { stdin, stdout, stderr, env, setExitCode: (code) => (exitCode = code) });
  addEvalCommand(program, { stdin, stdout, stderr, env, setExitCode: (code) => (exitCode = code) });

  program
    .command('schema')
    .description('print the JSON Schema of one output record')
    .action(async () => {
      // The schema is JSON whatever the format: --json/--format json before it are fine, anything else is a mistake.
      const stray = program.options.find((o) => program.getOptionValueSource(o.attributeName()) === 'cli' && !['json', 'format'].includes(o.attributeName()));
      const problem = stray ? `${stray.long} does not apply to schema` : program.opts().format !== 'json' && program.getOptionValueSource('format') === 'cli' ? 'schema is printed as JSON only' : undefined;
      if (problem) {
        stderr.write(`${ERROR_PREFIX}${problem}\n`);
        exitCode = EXIT.USAGE;
        return;
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { OUTPUT_SCHEMA } = require('../schema') as typeof import('../schema');
      // A closed pipe or a full disk is a quiet exit code or one line, never a stack trace.
      exitCode = (await writeOutput(stdout, `${JSON.stringify(OUTPUT_SCHEMA, null, 2)}\n`, stderr)) ?? EXIT.OK;
    });

  try {
    await program.parseAsync(io.argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    stderr.write(`${ERROR_PREFIX}${visibleLines((error as Error).message)}\n`);
    return EXIT.USAGE;
  }
  return exitCode;
}

function readVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}
