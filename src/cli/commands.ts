// Light on purpose: --help must not load the pipeline. The actions live in ./report-actions.
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_MAX_BYTES } from '../errors';
import type { CommandIo, ReadOptions } from './io';
import { byteSize, COLOR_CHOICES, ERROR_PREFIX } from './conventions';

export type { CommandIo, ReadOptions } from './io';

/** A whole number ≥ 0 (--max-bytes), else a usage error. */
export function wholeNumber(value: string): number {
  // Number('') and Number(' ') are 0: an empty value is a mistake, not a limit of zero bytes.
  const parsed = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(parsed)) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return parsed;
}

/** Repeatable option: each value appended (--lexicon a --lexicon b). */
export const collect = (value: string, previous: string[]) => [...previous, value];

/** Largest --top accepted: more keywords than any article has distinct words is a mistake, not a request. */
export const MAX_TOP = 1000;

/** --top: a whole number from 0 to MAX_TOP, else a usage error. */
export function topCount(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed > MAX_TOP) throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_TOP}`);
  return parsed;
}

function readingOptions(command: Command): Command {
  return command
    .option('--top <n>', `number of keywords (0–${MAX_TOP})`, topCount, 10)
    .option('--lexicon <dir>', 'extra lexicon directory (repeatable)', collect, [])
    .option('--encoding <name>', 'force an input encoding (e.g. gb18030, big5, utf-16le)', encodingName)
    .option('--max-bytes <size>', 'largest input accepted: bytes, or with a suffix (500K, 32M, 1G)', byteSize, DEFAULT_MAX_BYTES)
    .option('--ext <list>', 'extensions taken from directories, comma-separated, any case (default .txt,.md,.markdown,.html,.htm,.shtml,.xhtml)', extensions)
    .option('-q, --quiet', 'no per-file error lines on stderr');
}

/** --ext: comma-separated extensions, repeatable. */
export function extensions(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((ext) => ext.trim()).filter(Boolean)];
}

/**
 * Options given before a subcommand name (`--json diff a b`) are parsed by the main command. Each one the
 * subcommand also has is applied to it (unless given again after the name); any other is a usage error, so
 * nothing is silently ignored. Returns the error message, or undefined when all applied.
 */
export function inheritOptions(program: Command, command: Command): string | undefined {
  const done = new Set<string>();
  for (const option of program.options) {
    const name = option.attributeName();
    if (done.has(name) || program.getOptionValueSource(name) !== 'cli') continue;
    done.add(name);
    const value = program.getOptionValue(name);
    // --color and --no-color share one value: the one given is the variant whose polarity matches it.
    const given = program.options.find((o) => o.attributeName() === name && (o.negate ? value === false : value !== false)) ?? option;
    const own = command.options.find((o) => o.attributeName() === name && o.negate === given.negate);
    if (!own) return `${given.long ?? given.flags} does not apply to ${command.name()}`;
    if (command.getOptionValueSource(name) === 'cli') continue;
    if (own.argChoices && typeof value !== 'boolean' && !own.argChoices.includes(String(value))) return `${command.name()} does not take ${given.long} ${String(value)} (choose ${own.argChoices.join(', ')})`;
    command.setOptionValueWithSource(name, value, 'cli');
  }
  return undefined;
}

/** Runs `action` with the subcommand's options, main-command options merged in; a stray one is a usage error. */
function withInherited<A extends unknown[]>(program: Command, io: CommandIo, action: (...args: [...A, Record<string, unknown>]) => Promise<void>) {
  return async function (this: Command, ...args: unknown[]): Promise<void> {
    const command = args[args.length - 1] as Command;
    const problem = inheritOptions(program, command);
    if (problem) {
      io.stderr.write(`${ERROR_PREFIX}${problem}; put options after the subcommand name (see ${command.name()} --help)\n`);
      io.setExitCode(2);
      return;
    }
    await action(...(args.slice(0, -2) as A), command.opts());
  };
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
      .option('-o, --output <file>', 'HTML file to write (default: stdout when it is redirected; on a terminal report.html, unless that exists)')
      .option('--title <text>', 'page title'),
  ).action(
    withInherited<[string[]]>(program, io, async (files, options) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      await (require('./report-actions') as typeof import('./report-actions')).runReport(files, options as unknown as ReadOptions & { output?: string; title?: string }, io);
    }),
  );

  readingOptions(
    program
      .command('diff')
      .description('compare two articles: formulas, components, enumerations, industries, officials and slogans added, removed or changed')
      .argument('<old>', 'the earlier article')
      .argument('<new>', 'the later article')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
      .option('--json', 'short for --format json')
      .option('--exit-code', 'exit 1 when the articles differ, 0 when they do not (as git diff --exit-code)')
      .addOption(new Option('--color [when]', 'colours: auto (a terminal, unless NO_COLOR; FORCE_COLOR forces), always, never').choices(COLOR_CHOICES).default('auto'))
      .option('--no-color', 'same as --color never'),
  ).action(
    withInherited<[string, string]>(program, io, async (oldFile, newFile, options) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      await (require('./report-actions') as typeof import('./report-actions')).runDiff(oldFile, newFile, options as unknown as ReadOptions & { format: string; json?: boolean; color: boolean | string; exitCode?: boolean }, io);
    }),
  );
}

/** A name iconv-lite can decode with; checked here so a misspelt encoding is a usage error, not one failure per file. */
export function encodingName(value: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const iconv = require('iconv-lite') as { encodingExists(name: string): boolean };
  if (!iconv.encodingExists(value)) throw new InvalidArgumentError(`unknown encoding "${value}"`);
  return value;
}
