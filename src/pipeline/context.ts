import type { Lexicon } from '../lexicon';
import type { Token } from '../segment/jieba';
import type { AnalysisResult, Removed, Span, TextItem } from '../types';
import { toSourceSpan, type TextView } from './text-view';

export interface AnalyzeOptions {
  /** Number of keywords to keep. */
  top?: number;
  /** Extra lexicon directories (added to the built-in data). */
  lexiconDirs?: string[];
}

/** Fields the extractors fill in. */
export type Extracted = Pick<
  AnalysisResult,
  'title' | 'meeting' | 'officials' | 'people' | 'frameworks' | 'enumerations' | 'industries' | 'slogans' | 'quantities' | 'directives' | 'keywords' | 'warnings'
>;

/** What every extractor sees: the cleaned, normalised text, its tokens, the lexicon, and earlier results. */
export class Context {
  readonly text: string;
  /** Paragraph ranges (working offsets), one per kept line or joined run of lines. */
  readonly paragraphs: Array<[number, number]>;
  /** Token index starting at each working offset, or -1. */
  private readonly tokenAt: Int32Array;

  constructor(
    readonly view: TextView,
    readonly tokens: Token[],
    readonly lexicon: Lexicon,
    readonly removed: Removed[],
    readonly options: Required<Pick<AnalyzeOptions, 'top'>>,
    readonly found: Partial<Extracted> = {},
  ) {
    this.text = view.text;
    this.paragraphs = [];
    let start = 0;
    for (let i = 0; i <= this.text.length; i++) {
      if (i === this.text.length || this.text[i] === '\n') {
        if (i > start) this.paragraphs.push([start, i]);
        start = i + 1;
      }
    }
    this.tokenAt = new Int32Array(this.text.length + 1).fill(-1);
    tokens.forEach((token, index) => {
      this.tokenAt[token.start] = index;
    });
  }

  private readonly memo = new Map<string, unknown>();

  /** Compute a shared intermediate result once per document (e.g. counted phrases used by several extractors). */
  shared<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /** The text as written between two working offsets. */
  surface(start: number, end: number): string {
    return this.view.raw.slice(start, end);
  }

  /** Working offsets → span in the decoded input. */
  span(start: number, end: number): Span {
    return toSourceSpan(this.view, start, end);
  }

  item(start: number, end: number): TextItem {
    return { text: this.surface(start, end), span: this.span(start, end) };
  }

  /** True when a token starts at this working offset. */
  isTokenStart(offset: number): boolean {
    return offset === 0 || offset === this.text.length || this.tokenAt[offset] >= 0;
  }

  /** The token starting at this offset, if any. */
  tokenStartingAt(offset: number): Token | undefined {
    const index = this.tokenAt[offset];
    return index >= 0 ? this.tokens[index] : undefined;
  }

  /** Index of the paragraph holding this working offset. */
  paragraphIndex(offset: number): number {
    let low = 0;
    let high = this.paragraphs.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.paragraphs[mid][1] < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  paragraphOf(offset: number): [number, number] {
    return this.paragraphs[this.paragraphIndex(offset)] ?? [0, this.text.length];
  }
}

/** One extractor: an id and a function from the context to the fields it fills. */
export interface Extractor {
  id: string;
  run(ctx: Context): Partial<Extracted>;
}
