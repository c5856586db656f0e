import { analyzeText } from '../src/pipeline/analyze';
import type { AnalysisResult, Span } from '../src/types';

export function analyze(text: string): AnalysisResult {
  return analyzeText({ text, path: 'test.txt' });
}

/** The decoded text at a span, with line breaks the cleaner joined taken out. */
export function at(text: string, span: Span): string {
  return text.slice(span[0], span[1]).replace(/\s*\n\s*/g, '');
}
