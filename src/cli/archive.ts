/**
 * `meeting-analyze archive …`: build or fill an SQLite archive of a whole collection and ask it about people,
 * places, formulas and industries over time. The wiring here is light (commander only); the actions load the
 * archive modules and better-sqlite3 when they run.
 */
import { Command, Option } from 'commander';
import { DEFAULT_MAX_BYTES } from '../errors';
import { collect, encodingName, extensions, inheritOptions, wholeNumber, type CommandIo } from './commands';

/** The archive file used when `--db` is not given. */
export const DEFAULT_DB = 'archive.sqlite';

const VIEW_FORMATS = ['table', 'json', 'csv'];

interface ViewOptions {
  db: string;
  format: string;
  output?: string;
  color?: boolean;
}

/** Adds `archive build|ingest|person|people|place|formulas|industries` to the program. */
export function addArchiveCommand(program: Command, io: CommandIo): void {
  const archive = program
    .command('archive')
    .description('an SQLite archive of a collection: officials over time, places and their formulas and industries year by year (see docs/archive.md)')
    .addHelpText(
      'after',
      `
Examples:
  $ meeting-analyze archive build news/ --db archive.sqlite
  $ meeting-analyze --format jsonl -o results.jsonl news/ && meeting-analyze archive ingest results.jsonl --db archive.sqlite
  $ meeting-analyze archive person 王某某 --db archive.sqlite --format html -o person.html

Exit codes:
  0    every input or record stored (or the view printed)
  1    an input could not be read, or a JSONL line is not a meeting-analyze record (each named on stderr); the rest is stored
  2    usage error
  4    the archive is locked by another writer, read-only, not an archive, missing, or of a newer schema version
`,
    );
  const db = () => new Option('--db <file>', 'the archive file').default(DEFAULT_DB);
  const act = <A extends unknown[]>(action: (actions: typeof import('./archive-actions'), ...args: A) => Promise<number>) =>
    async (...args: A) => {
      // Options given before `archive` (`--json archive people`) apply when the subcommand has them, else are an error.
      const command = args[args.length - 1] as unknown as Command;
      const problem = inheritOptions(program, command);
      if (problem) {
        io.stderr.write(`meeting-analyze: ${problem}; put options after the subcommand name (see archive ${command.name()} --help)\n`);
        io.setExitCode(2);
        return;
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const actions = require('./archive-actions') as typeof import('./archive-actions');
      io.setExitCode(await actions.guard(io, () => action(actions, ...args)));
    };

  archive
    .command('build')
    .description('analyse inputs (files, directories, globs) and store them; inputs whose content is stored already are skipped')
    .argument('<inputs...>', 'files, directories or glob patterns')
    .addOption(db())
    .option('--ext <list>', 'extensions taken from directories, comma-separated (default .txt,.md,.html)', extensions)
    .option('--lexicon <dir>', 'extra lexicon directory (repeatable)', collect, [])
    .option('--encoding <name>', 'force an input encoding', encodingName)
    .option('--max-bytes <n>', 'largest input accepted, in bytes', wholeNumber, DEFAULT_MAX_BYTES)
    .option('-q, --quiet', 'no per-input error lines or count line on stderr')
    .action(act((a, inputs: string[], options: Record<string, unknown>) => a.runBuild(inputs, options as never, io)));

  archive
    .command('ingest')
    .description('load records written by --format jsonl (a batch, Dask, Spark, GNU parallel) without analysing again; "-" reads stdin')
    .argument('<files...>', 'JSONL files of analysis records')
    .addOption(db())
    .option('-q, --quiet', 'no per-line error lines or count line on stderr')
    .action(act((a, files: string[], options: Record<string, unknown>) => a.runIngest(files, options as never, io)));

  const view = (name: string, description: string, html: boolean, argument?: [string, string]) => {
    const command = archive.command(name).description(description);
    if (argument) command.argument(argument[0], argument[1]);
    return command
      .addOption(db())
      .addOption(new Option('-f, --format <format>', 'output format').choices(html ? [...VIEW_FORMATS, 'html'] : VIEW_FORMATS).default('table'))
      .option('-o, --output <file>', 'write to <file> instead of stdout')
      .option('--no-color', 'no colours');
  };
  view('person', 'dated appearances of everyone of this name: titles, roles, meeting, source; changes of post flagged', true, ['<name>', 'the name as written (王某某)']).action(
    act((a, name: string, options: ViewOptions) => a.runView('person', name, options, io)),
  );
  view('people', 'everyone in the archive with first and last dates, appearances and number of posts', false).action(act((a, options: ViewOptions) => a.runView('people', null, options, io)));
  view('place', 'meetings, formulas with their components and leading industries of a place, per year', true, ['<name>', 'a place or body (淄博市), or the start of its name (淄博)']).action(
    act((a, name: string, options: ViewOptions) => a.runView('place', name, options, io)),
  );
  view('formulas', 'which places use which formula, and when each first appears', false).action(act((a, options: ViewOptions) => a.runView('formulas', null, options, io)));
  view('industries', 'which places name which leading industry, and when each first appears', false).action(act((a, options: ViewOptions) => a.runView('industries', null, options, io)));
}
