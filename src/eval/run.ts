/**
 * `meeting-analyze eval`: read a directory of gold files, find each one's article among the inputs, analyse it
 * and score the result. A layer above the analysis: it calls `analyze` like any user of the library does.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../analyzer';
import { InputError } from '../errors';
import { readInputFile } from '../input/read';
import { parseGold, GoldError, type Gold } from './gold';
import { add, f1, type Counts } from './match';
import { CHECKS, emptyFieldCounts, FIELDS, scoreDocument, type Check, type Field, type Miss } from './score';

export interface EvalOptions {
  /** Extra lexicon directories, as `--lexicon`. */
  lexiconDirs?: string[];
  encoding?: string;
  maxBytes?: number;
  /** Called once per gold file or input that could not be used (the run goes on). */
  onProblem?: (problem: EvalProblem) => void;
}

/** A gold file or article that could not be scored, or an input no gold file names. */
export interface EvalProblem {
  /** The gold file, or the input file. */
  file: string;
  message: string;
  /** `error` is counted against the run (exit 1); `note` is not. */
  level: 'error' | 'note';
}

export interface FieldScore extends Counts {
  field: Field;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  gold: string;
  /** Gold files scored. */
  files: number;
  fields: FieldScore[];
  /** Mean F1 over the fields that have at least one gold or found item (what `--min` compares). */
  meanF1: number;
  /** Per check: right and asked. */
  checks: Array<{ check: Check; right: number; total: number }>;
  /** Per source folder (the first path part of each gold `file`). */
  bySource: Array<{ source: string; files: number; fields: FieldScore[] }>;
  documents: Array<{ gold: string; file: string; input: string; misses: Miss[] }>;
  problems: EvalProblem[];
}

const slash = (p: string) => p.split(path.sep).join('/');

/** The article a gold file names: under a directory input, an input file whose path ends with it, or under the gold directory. */
function articleFor(gold: Gold, inputs: Array<{ path: string; directory: boolean }>, goldDir: string): string | null {
  const wanted = slash(path.normalize(gold.file));
  if (!inputs.length) {
    const candidate = path.join(goldDir, gold.file);
    return fs.existsSync(candidate) ? candidate : null;
  }
  for (const input of inputs) {
    if (input.directory) {
      const candidate = path.join(input.path, gold.file);
      if (fs.existsSync(candidate)) return candidate;
    } else {
      const name = slash(path.normalize(input.path));
      if (name === wanted || name.endsWith(`/${wanted}`)) return input.path;
    }
  }
  return null;
}

function fieldScores(counts: Record<Field, Counts>): FieldScore[] {
  return FIELDS.map((field) => ({ field, ...f1(counts[field]), ...counts[field] }));
}

/** Mean F1 over fields with something to score: a field nobody annotated and nothing found says nothing. */
export function meanF1(fields: FieldScore[]): number {
  const scored = fields.filter((row) => row.tp + row.fp + row.fn > 0);
  return scored.length ? scored.reduce((sum, row) => sum + row.f1, 0) / scored.length : 1;
}

/**
 * Score every `*.json` gold file in `goldDir`. `inputs` are files or directories holding the articles (none:
 * `file` is read relative to `goldDir`). A gold file that cannot be parsed, or whose article cannot be found or
 * read, is reported through `onProblem` and left out; the others are still scored.
 */
export async function evaluate(goldDir: string, inputs: string[], options: EvalOptions = {}): Promise<EvalReport> {
  const problems: EvalProblem[] = [];
  const problem = (p: EvalProblem) => {
    problems.push(p);
    options.onProblem?.(p);
  };
  const listed = inputs.map((input) => ({ path: input, directory: fs.statSync(input, { throwIfNoEntry: false })?.isDirectory() ?? false }));
  for (const input of listed) {
    if (!input.directory && !fs.existsSync(input.path)) problem({ file: input.path, message: 'no such file or directory', level: 'error' });
  }
  const totals = emptyFieldCounts();
  const checks = Object.fromEntries(CHECKS.map((check) => [check, [0, 0]])) as Record<Check, [number, number]>;
  const bySource = new Map<string, { files: number; counts: Record<Field, Counts> }>();
  const documents: EvalReport['documents'] = [];
  const used = new Set<string>();
  const names = fs.readdirSync(goldDir).filter((name) => name.endsWith('.json')).sort();
  for (const name of names) {
    const goldPath = path.join(goldDir, name);
    let gold: Gold;
    try {
      gold = parseGold(fs.readFileSync(goldPath, 'utf8'));
    } catch (error) {
      if (!(error instanceof GoldError) && (error as NodeJS.ErrnoException).code === undefined) throw error;
      problem({ file: goldPath, message: (error as Error).message, level: 'error' });
      continue;
    }
    const article = articleFor(gold, listed, goldDir);
    if (!article) {
      problem({ file: goldPath, message: `its article ${gold.file} is not among the inputs`, level: 'error' });
      continue;
    }
    used.add(path.resolve(article));
    let text: string;
    let result;
    try {
      const read = await readInputFile(article, { maxBytes: options.maxBytes, encoding: options.encoding });
      text = read.text;
      result = analyze({ text, format: read.format, path: gold.file, encoding: read.encoding, warnings: read.warnings }, { lexiconDirs: options.lexiconDirs });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problem({ file: article, message: error.message, level: 'error' });
      continue;
    }
    const score = scoreDocument(result, gold, text);
    for (const field of FIELDS) add(totals[field], score.counts[field]);
    for (const check of CHECKS) {
      checks[check][0] += score.checks[check][0];
      checks[check][1] += score.checks[check][1];
    }
    const source = gold.file.includes('/') ? gold.file.split('/')[0] : '.';
    if (!bySource.has(source)) bySource.set(source, { files: 0, counts: emptyFieldCounts() });
    const folder = bySource.get(source)!;
    folder.files++;
    for (const field of FIELDS) add(folder.counts[field], score.counts[field]);
    documents.push({ gold: name, file: gold.file, input: article, misses: score.misses });
  }
  // An article given by name that no gold file names is worth a note: it was not scored.
  for (const input of listed) {
    if (!input.directory && fs.existsSync(input.path) && !used.has(path.resolve(input.path))) problem({ file: input.path, message: 'no gold file names this article; not scored', level: 'note' });
  }
  const fields = fieldScores(totals);
  return {
    gold: goldDir,
    files: documents.length,
    fields,
    meanF1: meanF1(fields),
    checks: CHECKS.map((check) => ({ check, right: checks[check][0], total: checks[check][1] })),
    bySource: [...bySource.keys()].sort().map((source) => ({ source, files: bySource.get(source)!.files, fields: fieldScores(bySource.get(source)!.counts) })),
    documents,
    problems,
  };
}
