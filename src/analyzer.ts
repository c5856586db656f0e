import { defaultEngines } from './engines';
import { analyzeText, type AnalyzeInput, type AnalyzeTextOptions } from './analyze-text';
import type { AnalysisResult } from './types';

/** Options of `analyze`: those of `analyzeText` plus extra lexicon directories. */
export interface AnalyzeFileOptions extends AnalyzeTextOptions {
  /** Extra lexicon directories (`--lexicon`), added to the built-in data. */
  lexiconDirs?: string[];
}

/**
 * Analyse one decoded text with the default engines (built-in lexicon plus `lexiconDirs`, nodejieba). The
 * first call in a process loads the dictionary (~1 s, ~300 MB). Throws InputError and LexiconError.
 */
export function analyze(input: AnalyzeInput, options: AnalyzeFileOptions = {}): AnalysisResult {
  return analyzeText(input, defaultEngines(options.lexiconDirs), options);
}
