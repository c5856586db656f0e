import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../errors';
import { getFormatter, FORMATTERS, type OutputRecord } from '../formatters';
import { analyzeText } from '../pipeline/analyze';
import { OUTPUT_SCHEMA } from '../schema';
import type { ErrorRecord } from '../types';
import { decodeBytesChecked, DEFAULT_MAX_BYTES, readInputFile, readStream } from './read-input';

/** Exit codes, documented in the README and in --help. */
export const EXIT = { OK: 0, INPUT_FAILED: 1, USAGE: 2 } as const;

export interface CliIo {
  argv: string[];
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
}

interface Options {
  format: string;
  json?: boolean;
  top: number;
  color: boolean;
  lexicon: string[];
  encoding?: string;
  maxBytes: number;
  quiet?: boolean;
}

const HELP_AFTER = `
Examples:
  $ meeting-analyze fixtures/zibo-2022.txt
  $ meeting-analyze --format json article.txt | jq '.officials[].name'
  $ cat article.txt | meeting-analyze --json
  $ meeting-analyze --format jsonl archive/*.txt > results.jsonl
  $ meeting-analyze schema > output.schema.json

Exit codes:
  0  every input analysed
  1  at least one input could not be read (each named on stderr; the others are still analysed)
  2  usage error (unknown option, bad value)
`;

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return parsed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Run the CLI; returns the exit code instead of exiting, so tests can drive it in memory. */
export async function runCli(io: CliIo): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const stdin = io.stdin ?? process.stdin;
  const env = io.env ?? process.env;
  let exitCode: number = EXIT.OK;

  const program = new Command('meeting-analyze')
    .description('Extract the meeting, officials, development formulas, enumerations and industries from Chinese government-meeting news.')
    .version(readVersion(), '-V, --version')
    .argument('[files...]', 'article files (UTF-8, UTF-16, GB18030/GBK, Big5); "-" or none reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATTERS)).default('table'))
    .option('--json', 'short for --format json')
    .option('--top <n>', 'number of keywords', positiveInt, 10)
    .option('--lexicon <dir>', 'extra lexicon directory (repeatable); files named like data/*.txt add entries', collect, [])
    .option('--encoding <name>', 'force an input encoding (e.g. gb18030, big5, utf-16le)')
    .option('--max-bytes <n>', 'largest input accepted, in bytes', positiveInt, DEFAULT_MAX_BYTES)
    .option('--no-color', 'no colours (also NO_COLOR=1, or when stdout is not a terminal)')
    .option('-q, --quiet', 'no per-file error lines on stderr (the exit code still tells)')
    .addHelpText('after', HELP_AFTER)
    .showHelpAfterError('(run meeting-analyze --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
    })
    .action(async (files: string[], options: Options) => {
      exitCode = await analyzeFiles(files, options, { stdin, stdout, stderr, env });
    });

  program
    .command('schema')
    .description('print the JSON Schema of one output record')
    .action(() => {
      stdout.write(`${JSON.stringify(OUTPUT_SCHEMA, null, 2)}\n`);
    });

  try {
    await program.parseAsync(io.argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    stderr.write(`meeting-analyze: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  return exitCode;
}

function readVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

interface Streams {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

async function analyzeFiles(files: string[], options: Options, streams: Streams): Promise<number> {
  const format = options.json ? 'json' : options.format;
  const formatter = getFormatter(format);
  const inputs = files.length ? files : ['-'];
  if (!files.length && streams.stdin.isTTY) {
    streams.stderr.write('meeting-analyze: no input: give a file, or pipe text on stdin (see --help)\n');
    return EXIT.USAGE;
  }
  const color = options.color && !streams.env.NO_COLOR && Boolean(streams.stdout.isTTY);
  const records: OutputRecord[] = [];
  let failed = 0;
  for (const path of inputs) {
    try {
      const decoded =
        path === '-'
          ? decodeBytesChecked(await readStream(streams.stdin, options.maxBytes), options.maxBytes, options.encoding)
          : await readInputFile(path, { maxBytes: options.maxBytes, encoding: options.encoding });
      const warnings = decoded.invalidSequences
        ? [{ code: 'invalid-bytes', message: `${decoded.invalidSequences} byte sequence(s) could not be decoded as ${decoded.encoding} and were replaced by U+FFFD` }]
        : [];
      records.push(analyzeText({ text: decoded.text, path, encoding: decoded.encoding, warnings, format: decoded.format }, { top: options.top, lexiconDirs: options.lexicon }));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed++;
      if (!options.quiet) streams.stderr.write(`meeting-analyze: ${path}: ${error.message}\n`);
      const record: ErrorRecord = { input: path, error: { code: error.code, message: error.message } };
      if (format !== 'table') records.push(record);
    }
  }
  if (records.length) streams.stdout.write(formatter(records, { color }));
  return failed ? EXIT.INPUT_FAILED : EXIT.OK;
}
