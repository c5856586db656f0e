/** Public API of meeting-analyze. */
export { analyzeText, resolveFormat, SCHEMA_VERSION, type AnalyzeInput, type InputFormat } from './pipeline/analyze';
export { extractHtml, looksLikeHtml, type HtmlText } from './pipeline/html';
export type { AnalyzeOptions } from './pipeline/context';
export { decodeBytes, decodeText, type Decoded } from './input/decode';
export { InputError, type InputErrorCode } from './errors';
export { FORMATTERS, getFormatter, type Formatter, type FormatOptions, type OutputRecord } from './formatters';
export { OUTPUT_SCHEMA } from './schema';
export { loadLexicon, type Lexicon } from './lexicon';
export * from './types';
