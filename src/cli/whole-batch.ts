/** Formats written for the whole batch at once (CSV sheets, Markdown), to stdout or into `--output-dir`. */
import { promises as fs } from 'fs';
import * as path from 'path';
import { getFormatter, type FormatOptions, type OutputRecord } from '../formatters';

const EXTENSIONS: Record<string, string> = { table: 'txt', json: 'json', jsonl: 'jsonl', markdown: 'md', csv: 'csv' };

/** File extension for a format's output. */
export const extensionOf = (format: string): string => EXTENSIONS[format] ?? 'txt';

/**
 * Write formatted records: to stdout, or with `outputDir` into files there — one per sheet for formatters that
 * have them (CSV), otherwise one `results.<ext>`. Returns what to print on stdout (nothing when files were written).
 */
export async function formatWholeBatch(format: string, records: OutputRecord[], options: FormatOptions & { outputDir?: string }): Promise<string> {
  const formatter = getFormatter(format);
  if (!options.outputDir) return formatter(records, options);
  const plain = { ...options, color: false };
  const files = formatter.files ? formatter.files(records, plain) : { [`results.${extensionOf(format)}`]: formatter(records, plain) };
  await writeFiles(options.outputDir, files);
  return '';
}

/** Write `name → content` files into `dir` (created when missing). */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await fs.writeFile(path.join(dir, name), content, 'utf8');
}
