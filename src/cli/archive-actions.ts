/** What the `archive` subcommands do; loaded only when one of them runs. */
import { promises as fs } from 'fs';
import { EXIT } from '../errors';
import { toCsv } from '../formatters/csv';
import { renderTable } from '../formatters/layout';
import { terminalSafe } from '../formatters/table';
import { terminalWidth } from '../formatters/width';
import { loadLexicon } from '../lexicon';
import type { CommandIo } from './io';
import { visible } from './output';
import { ArchiveError, guarded, openArchive } from '../archive/db';
import { personPage, placePage } from '../archive/html';
import { build, ingest, type FillCounts } from '../archive/ingest';
import { Posts } from '../archive/posts';
import { ArchiveStore } from '../archive/store';
import { formulasView, industriesView, peopleView, personView, placeView, type View } from '../archive/views';

/** Run an action; an archive that cannot be opened or written is one line on stderr and exit 4 (EXIT.ARCHIVE). */
export async function guard(io: CommandIo, action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ArchiveError) {
      io.stderr.write(`meeting-analyze: ${visible(error.message)}\n`);
      return EXIT.ARCHIVE;
    }
    throw error;
  }
}

function countLine(counts: FillCounts & { skipped?: number }): string {
  const parts = [`added ${counts.added}`, `replaced ${counts.replaced}`, `unchanged ${counts.unchanged}`, `failed ${counts.failed}`];
  if (counts.errorRecords) parts.push(`error records ${counts.errorRecords}`);
  if (counts.skipped) parts.push(`skipped ${counts.skipped}`);
  return parts.join(', ');
}

interface FillCliOptions {
  db: string;
  quiet?: boolean;
  ext?: string[];
  lexicon?: string[];
  encoding?: string;
  maxBytes?: number;
}

async function fill(options: FillCliOptions, io: CommandIo, run: (store: ArchiveStore, problem: (message: string) => void) => Promise<FillCounts>): Promise<number> {
  const db = openArchive(options.db);
  try {
    const store = guarded(options.db, () => new ArchiveStore(db, new Posts(loadLexicon(options.lexicon ?? []))));
    const problem = (message: string) => {
      if (!options.quiet) io.stderr.write(`meeting-analyze: ${visible(message)}\n`);
    };
    let counts: FillCounts;
    try {
      counts = await run(store, problem);
    } catch (error) {
      // A write that fails mid-run (locked, read-only, disk full): what was committed stays.
      if (db.inTransaction) db.exec('ROLLBACK');
      return guarded(options.db, () => {
        throw error;
      });
    }
    // A count line like the batch's "analysed N, failed M": no error prefix, which is kept for what went wrong.
    if (!options.quiet) io.stderr.write(`${visible(options.db)}: ${countLine(counts)}\n`);
    return counts.failed ? EXIT.INPUT_FAILED : EXIT.OK;
  } finally {
    db.close();
  }
}

export function runBuild(inputs: string[], options: FillCliOptions, io: CommandIo): Promise<number> {
  return fill(options, io, (store, problem) => build(inputs, store, { problem, ext: options.ext, lexicon: options.lexicon, encoding: options.encoding, maxBytes: options.maxBytes ?? 32 * 1024 * 1024, stdin: io.stdin }));
}

export function runIngest(files: string[], options: FillCliOptions, io: CommandIo): Promise<number> {
  return fill(options, io, (store, problem) => ingest(files, store, { problem, stdin: io.stdin }));
}

type ViewName = 'person' | 'people' | 'place' | 'formulas' | 'industries';

/** The view `name` of an open archive (exported for the benchmark and tests). */
export function viewOf(db: Parameters<typeof peopleView>[0], name: ViewName, argument: string | null): View {
  switch (name) {
    case 'person':
      return personView(db, argument ?? '');
    case 'people':
      return peopleView(db);
    case 'place':
      return placeView(db, argument ?? '');
    case 'formulas':
      return formulasView(db);
    case 'industries':
      return industriesView(db);
  }
}

/** A view as text in one of the formats. */
export function renderView(view: View, name: ViewName, format: string, width: number): string {
  // One line: a person seen in thousands of documents prints in a fifth of the time indented JSON takes (`| jq` to read).
  if (format === 'json') return `${JSON.stringify(view.data)}\n`;
  if (format === 'csv') {
    const sheet = view.sheet();
    return toCsv(sheet.header, sheet.rows);
  }
  if (format === 'html') return name === 'person' ? personPage(view) : placePage(view);
  const sections = view.sections();
  if (!sections.length) return `${view.title}: nothing in the archive\n`;
  return sections
    .map((s) => `${terminalSafe(s.title)}\n${renderTable(s.columns, s.rows.map((row) => row.map((cell) => terminalSafe(cell === null ? '' : String(cell)))), width).replace(/\n?$/, '\n')}`)
    .join('\n');
}

export async function runView(name: ViewName, argument: string | null, options: { db: string; format: string; output?: string }, io: CommandIo): Promise<number> {
  const db = openArchive(options.db, { readonly: true });
  let text: string;
  try {
    text = guarded(options.db, () => renderView(viewOf(db, name, argument), name, options.format, terminalWidth(io.stdout as { columns?: number; isTTY?: boolean }, io.env)));
  } finally {
    db.close();
  }
  if (options.output) {
    try {
      await fs.writeFile(options.output, text, 'utf8');
    } catch (error) {
      io.stderr.write(`meeting-analyze: cannot write ${visible(options.output)}: ${visible((error as Error).message)}\n`);
      return EXIT.USAGE;
    }
    return EXIT.OK;
  }
  io.stdout.write(text);
  return EXIT.OK;
}
