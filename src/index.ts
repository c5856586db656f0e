/** Public API of meeting-analyze. */
export { analyzeText, SCHEMA_VERSION, type AnalyzeInput, type AnalyzeTextOptions, type Engines } from './analyze-text';
export { resolveFormat, type InputFormat } from './pipeline/format';
export { analyze, type AnalyzeFileOptions } from './analyzer';
export { defaultEngines } from './engines';
export { SpanError } from './pipeline/spans';
export { createJiebaSegmenter } from './segment/jieba';
export { createDictionarySegmenter } from './segment/dictionary';
export type { Segmenter, Token, WeightedWord } from './segment/types';
export type { Extractor, ResultField } from './pipeline/context';
export { EXTRACTORS, checkRegistry } from './extractors/registry';
export { extractHtml, looksLikeHtml, type HtmlText } from './pipeline/html';
export type { AnalyzeOptions } from './pipeline/context';
export { decodeBytes, decodeText, type Decoded } from './input/decode';
export { InputError, type InputErrorCode } from './errors';
export { FORMATTERS, getFormatter, type Formatter, type FormatOptions, type OutputRecord } from './formatters';
export { OUTPUT_SCHEMA } from './schema';
export { loadLexicon, type Lexicon } from './lexicon';
export * from './types';
// Scoring against gold annotations (`meeting-analyze eval`, docs/annotation.md): a layer above the analysis.
export { evaluate, type EvalOptions, type EvalReport } from './eval/run';
export { scoreDocument, type DocumentScore, type Miss } from './eval/score';
export { parseGold, GoldError, type Gold } from './eval/gold';
