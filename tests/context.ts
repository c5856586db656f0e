/**
 * Test harness for extractors and grammar functions without nodejieba: the pipeline's own clean → normalise
 * steps, the built-in lexicon, and a dictionary segmenter (forward maximum matching) in place of jieba. Loads in
 * milliseconds, so a table of short texts runs in the unit project.
 */
import { analyzeText, type AnalyzeTextOptions } from '../src/analyze-text';
import { clean } from '../src/pipeline/clean';
import { Context, type Extracted } from '../src/pipeline/context';
import { normalize } from '../src/pipeline/normalize';
import { appendLines } from '../src/pipeline/text-view';
import { loadLexicon, type Lexicon } from '../src/lexicon';
import { createDictionarySegmenter } from '../src/segment/dictionary';
import type { Segmenter } from '../src/segment/types';
import type { AnalysisResult } from '../src/types';
import { VOCABULARY } from './unit/vocabulary';

export interface TestContextOptions {
  /** Extra dictionary words (word → POS tag) on top of the lexicon's titles, industries and role verbs. */
  words?: Record<string, string>;
  lexicon?: Lexicon;
  /** Results of earlier extractors, in working offsets, as the pipeline would pass them. */
  found?: Partial<Extracted>;
  top?: number;
}

/** A segmenter that knows the test vocabulary, the lexicon's titles (n), industries (n) and the given words. */
export function testSegmenter(lexicon: Lexicon, words: Record<string, string> = {}): Segmenter {
  const dict: Record<string, string> = { ...VOCABULARY };
  for (const title of lexicon.titles) dict[title] = 'n';
  for (const industry of lexicon.industries) dict[industry] = 'n';
  return createDictionarySegmenter({ ...dict, ...words });
}

/** The context an extractor would see for `text` (plain text input). */
export function testContext(text: string, options: TestContextOptions = {}): Context {
  const lexicon = options.lexicon ?? loadLexicon();
  const cleaned = clean(text, lexicon);
  const { view: article } = normalize(cleaned.view, lexicon);
  const view = cleaned.removed.length ? appendLines(article, cleaned.removed) : article;
  const segmenter = testSegmenter(lexicon, options.words);
  const ctx = new Context(view, article.text.length, segmenter.cut(article.text), lexicon, segmenter, cleaned.removed, { top: options.top ?? 10 });
  ctx.found = options.found ?? {};
  return ctx;
}

/** The whole pipeline on `text` with the test segmenter and strict span checks. */
export function analyzeWithoutJieba(text: string, options: AnalyzeTextOptions & { words?: Record<string, string>; format?: 'text' | 'html' } = {}): AnalysisResult {
  const lexicon = loadLexicon();
  return analyzeText({ text, path: 'test.txt', format: options.format }, { lexicon, segmenter: testSegmenter(lexicon, options.words) }, { strictSpans: true, ...options });
}
