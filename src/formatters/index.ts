import { csv } from './csv';
import { json, jsonl } from './json';
import { markdown } from './markdown';
import { table } from './table';
import type { Formatter } from './types';

export * from './types';

/** Formatters by name; an unknown name is a usage error. */
export const FORMATTERS: Record<string, Formatter> = { table, json, jsonl, csv, markdown };

export function getFormatter(name: string): Formatter {
  const formatter = FORMATTERS[name];
  if (!formatter) throw new Error(`unknown format "${name}" (choose ${Object.keys(FORMATTERS).join(', ')})`);
  return formatter;
}
