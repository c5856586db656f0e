import { EXTRACTORS } from '../extractors/registry';
import { loadLexicon } from '../lexicon';
import { segment } from '../segment/jieba';
import type { AnalysisResult, Warning } from '../types';
import { clean } from './clean';
import { Context, type AnalyzeOptions, type Extracted } from './context';
import { normalize } from './normalize';

export const SCHEMA_VERSION = '1.0';

export interface AnalyzeInput {
  /** The decoded text (spans point into it). */
  text: string;
  /** Path or id reported in `input.path`. */
  path?: string;
  encoding?: string;
  /** Warnings from reading/decoding (e.g. invalid byte sequences). */
  warnings?: Warning[];
  id?: string;
}

/** Analyse one decoded text: clean → normalise → segment → extractors → result. No I/O. */
export function analyzeText(input: AnalyzeInput, options: AnalyzeOptions = {}): AnalysisResult {
  const lexicon = loadLexicon(options.lexiconDirs);
  const { view: cleanView, removed } = clean(input.text, lexicon);
  const { view, traditional } = normalize(cleanView);
  const tokens = segment(view.text, lexicon);
  const ctx = new Context(view, tokens, lexicon, removed, { top: options.top ?? 10 });
  const warnings: Warning[] = [...(input.warnings ?? [])];
  if (traditional) warnings.push({ code: 'traditional-script', message: 'text is in traditional characters; matched after conversion to simplified, items reported as written' });
  for (const extractor of EXTRACTORS) {
    const produced = extractor.run(ctx);
    for (const [key, value] of Object.entries(produced) as Array<[keyof Extracted, unknown]>) {
      if (key === 'warnings') warnings.push(...(value as Warning[]));
      else (ctx.found as Record<string, unknown>)[key] = value;
    }
  }
  const found = ctx.found;
  return {
    schemaVersion: SCHEMA_VERSION,
    ...(input.id !== undefined ? { id: input.id } : {}),
    input: { path: input.path ?? '-', encoding: input.encoding ?? 'utf-8', chars: input.text.length },
    title: found.title ?? null,
    meeting: found.meeting ?? null,
    officials: found.officials ?? [],
    people: found.people ?? [],
    frameworks: found.frameworks ?? [],
    enumerations: found.enumerations ?? [],
    industries: found.industries ?? [],
    slogans: found.slogans ?? [],
    quantities: found.quantities ?? [],
    directives: found.directives ?? [],
    keywords: found.keywords ?? [],
    removed,
    warnings,
  };
}
