import { EXTRACTORS } from './extractors/registry';
import type { Lexicon } from './lexicon';
import type { Segmenter } from './segment/types';
import type { AnalysisResult, Removed, Warning } from './types';
import { articleOf } from './pipeline/article';
import { Context, type AnalyzeOptions, type Extracted, type Extractor } from './pipeline/context';
import { resolveFormat, type InputFormat } from './pipeline/format';
import { normalize } from './pipeline/normalize';
import { checkSpans, mapSpans, settleExplanations } from './pipeline/spans';
import { doubts } from './pipeline/doubts';
import { appendLines, type TextView } from './pipeline/text-view';

export const SCHEMA_VERSION = '1.1';

export interface AnalyzeInput {
  /** The decoded text (spans point into it). */
  text: string;
  /** Path or id reported in `input.path`. */
  path?: string;
  encoding?: string;
  /** Warnings from reading/decoding (e.g. invalid byte sequences). */
  warnings?: Warning[];
  id?: string;
  /** `html`: take the page's title and article text; `markdown`: leave out front matter and markup (spans still index `text`); `auto`: sniff. Default `text`. */
  format?: InputFormat | 'auto';
}


/** The engines an analysis runs on, loaded by the caller (see `defaultEngines` in `engines.ts`). */
export interface Engines {
  lexicon: Lexicon;
  segmenter: Segmenter;
}

/** Options of `analyzeText`: the analysis options plus engines and checks. */
export interface AnalyzeTextOptions extends AnalyzeOptions {
  /** Extractors to run (default: the registry). Each sees only the fields it declares in `needs`. */
  extractors?: readonly Extractor[];
  /** Throw a SpanError on a span that does not hold its item instead of dropping the item with a warning. */
  strictSpans?: boolean;
}

/** The working view: the normalised article, then one line per removed piece (mapped to its source span). */
function workingView(article: TextView, removed: readonly Removed[]): TextView {
  return removed.length ? appendLines(article, removed) : article;
}

/**
 * Analyse one decoded text: clean → normalise → segment → extractors → span check and mapping → result.
 * Pure: no file or engine loading (the caller passes `engines`). Throws InputError (EMPTY) for an HTML page
 * without text, and SpanError when `strictSpans` is set and an extractor returns a wrong span.
 */
export function analyzeText(input: AnalyzeInput, engines: Engines, options: AnalyzeTextOptions = {}): AnalysisResult {
  const { lexicon, segmenter } = engines;
  const inputWarnings: Warning[] = [...(input.warnings ?? [])];
  const { view: cleanView, removed } = articleOf(input.text, resolveFormat(input.text, input.format), lexicon, inputWarnings);
  const { view: article, traditional } = normalize(cleanView, lexicon);
  const view = workingView(article, removed);
  const tokens = segmenter.cut(article.text);
  const ctx = new Context(view, article.text.length, tokens, lexicon, segmenter, removed, { top: options.top ?? 10 });
  const warnings: Warning[] = inputWarnings;
  if (traditional) warnings.push({ code: 'traditional-script', message: 'text is in traditional characters; matched after conversion to simplified, items reported as written' });
  const found: Partial<Extracted> = {};
  const extractorWarnings: Warning[] = [];
  for (const extractor of options.extractors ?? EXTRACTORS) {
    ctx.found = {};
    for (const need of extractor.needs) (ctx.found as Record<string, unknown>)[need] = found[need];
    const produced = extractor.run(ctx) as Record<string, unknown>;
    for (const key of Object.keys(produced)) {
      if (key !== 'warnings' && !(extractor.provides as readonly string[]).includes(key)) {
        throw new Error(`extractor ${extractor.id} returned ${key}, which it does not declare in provides`);
      }
    }
    extractorWarnings.push(...checkSpans(extractor.id, produced, view, { strict: options.strictSpans ?? false }));
    for (const [key, value] of Object.entries(produced)) {
      if (key === 'warnings') extractorWarnings.push(...(value as Warning[]));
      else (found as Record<string, unknown>)[key] = value;
    }
  }
  // After every extractor, before mapping: where the output is doubtful, a warning pointing at the item.
  extractorWarnings.push(...doubts(found, extractorWarnings));
  mapSpans(found, view);
  settleExplanations(found, options.explain ?? false);
  mapSpans(extractorWarnings, view);
  warnings.push(...extractorWarnings);
  return {
    schemaVersion: SCHEMA_VERSION,
    ...(input.id !== undefined ? { id: input.id } : {}),
    input: { path: input.path ?? '-', encoding: input.encoding ?? 'utf-8', chars: input.text.length },
    title: found.title ?? null,
    published: found.published ?? null,
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
