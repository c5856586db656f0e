/** What `report`, `diff` and the spreadsheet export do; loaded only when one of them runs. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { renderDiffTable } from '../diff/format';
import { diffResults } from '../diff/diff';
import { InputError } from '../errors';
import { getFormatter, type FormatOptions, type OutputRecord } from '../formatters';
import { analyze } from '../analyzer';
import { renderReport, type ReportDocument } from '../report/html';
import type { AnalysisResult, ErrorRecord } from '../types';
import { readInputFile } from './read-input';
import type { CommandIo, ReadOptions } from './commands';

/** Read, decode and analyse one file, keeping the decoded text the spans point into. */
async function load(file: string, options: ReadOptions): Promise<ReportDocument> {
  const decoded = await readInputFile(file, { maxBytes: options.maxBytes, encoding: options.encoding });
  const warnings = decoded.invalidSequences
    ? [{ code: 'invalid-bytes', message: `${decoded.invalidSequences} byte sequence(s) could not be decoded as ${decoded.encoding} and were replaced by U+FFFD` }]
    : [];
  const result = analyze({ text: decoded.text, format: decoded.format, path: file, encoding: decoded.encoding, warnings }, { top: options.top, lexiconDirs: options.lexicon });
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
 * have them (CSV), otherwise one `results.<ext>`. Returns what to print on stdout (nothing when files were written).
 */
export async function formatWholeBatch(format: string, records: OutputRecord[], options: FormatOptions & { outputDir?: string }): Promise<string> {
  const formatter = getFormatter(format);
  if (!options.outputDir) return formatter(records, options);
  const plain = { ...options, color: false };
  const files = formatter.files ? formatter.files(records, plain) : { [`results.${EXTENSIONS[format] ?? 'txt'}`]: formatter(records, plain) };
  await fs.mkdir(options.outputDir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(options.outputDir, name);
    await fs.writeFile(target, content, 'utf8');
  }
  return '';
}

export async function runReport(files: string[], options: ReadOptions & { output?: string; title?: string }, io: CommandIo): Promise<void> {
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
}

export async function runDiff(oldFile: string, newFile: string, options: ReadOptions & { format: string; json?: boolean; color: boolean }, io: CommandIo): Promise<void> {
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
}
