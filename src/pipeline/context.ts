import type { Lexicon } from '../lexicon';
import type { Segmenter, Token } from '../segment/types';
import type { AnalysisResult, Removed, Span, TextItem } from '../types';
import type { TextView } from './text-view';
import { bisect } from '../util/search';

/** Options of one analysis. */
export interface AnalyzeOptions {
  /** Number of keywords to keep (default 10). */
  top?: number;
  /** Keep each item's `rule` and `evidence` (see `Explained` in types.ts); default false. */
  explain?: boolean;
}

/** Fields the extractors fill in. */
export type Extracted = Pick<
  AnalysisResult,
  'title' | 'published' | 'meeting' | 'officials' | 'people' | 'frameworks' | 'enumerations' | 'industries' | 'slogans' | 'quantities' | 'directives' | 'keywords' | 'warnings'
>;

/** A field an extractor can provide or need (`warnings` is always allowed and never needed). */
export type ResultField = Exclude<keyof Extracted, 'warnings'>;

/** A line the cleaner removed, as extractors see it: its reason and its range in working offsets. */
export interface RemovedLine {
  reason: string;
  /** `[start, end)` working offsets, beyond `ctx.text.length` (see `Context.removedLines`). */
  start: number;
  end: number;
}

/**
 * What every extractor sees: the cleaned, normalised text, its tokens, the lexicon, the segmenter and the
 * results of the extractors it declared in `needs`. It never sees the raw input.
 *
 * Offsets are working offsets: UTF-16 positions in `view.text`. The first `text.length` positions are the
 * article; after a `\n` come the lines the cleaner removed (credits, publication lines), one per line, so that
 * an item found there still has a span the pipeline can map. Every span an extractor returns is in working
 * offsets; the pipeline maps all of them to the decoded input once, at the end.
 */
export class Context {
  /** The article text extractors match on (normalised: full-width folded, simplified script). */
  readonly text: string;
  /** Paragraph ranges (working offsets), one per kept line or joined run of lines. */
  readonly paragraphs: Array<[number, number]>;
  /** Lines the cleaner removed, with their working ranges in the tail of `view.text`. */
  readonly removedLines: RemovedLine[];
  /** Results of earlier extractors; the pipeline gives each extractor only the fields it `needs`. */
  found: Partial<Extracted> = {};
  /** Token index starting at each working offset, or -1. */
  private readonly tokenAt: Int32Array;
  private readonly memo = new Map<string, unknown>();

  constructor(
    /** Working view: article, then removed lines. `view.source` is for the pipeline only. */
    readonly view: TextView,
    /** Length of the article part of `view.text`. */
    articleLength: number,
    readonly tokens: Token[],
    readonly lexicon: Lexicon,
    readonly segmenter: Segmenter,
    /** Removed lines with spans in the decoded input (their text is also at `removedLines`). */
    readonly removed: Removed[],
    readonly options: Required<Pick<AnalyzeOptions, 'top'>>,
  ) {
    this.text = view.text.slice(0, articleLength);
    this.paragraphs = [];
    // Line by line with indexOf: a per-character loop allocated a string for every CJK character.
    for (let start = 0; start <= this.text.length; ) {
      let end = this.text.indexOf('\n', start);
      if (end < 0) end = this.text.length;
      if (end > start) this.paragraphs.push([start, end]);
      start = end + 1;
    }
    this.removedLines = [];
    let at = articleLength + 1;
    for (const piece of removed) {
      this.removedLines.push({ reason: piece.reason, start: at, end: at + piece.text.length });
      at += piece.text.length + 1;
    }
    this.tokenAt = new Int32Array(this.text.length + 1).fill(-1);
    tokens.forEach((token, index) => {
      this.tokenAt[token.start] = index;
    });
  }

  /** Compute a shared intermediate result once per document (e.g. counted phrases used by several extractors). */
  shared<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /** The text as written between two working offsets (before normalisation; joined line breaks dropped). */
  surface(start: number, end: number): string {
    return this.view.raw.slice(start, end);
  }

  /** A span in working offsets (the pipeline maps it to the input). */
  span(start: number, end: number): Span {
    return [start, end];
  }

  /** An item as written with its working span. */
  item(start: number, end: number): TextItem {
    return { text: this.surface(start, end), span: [start, end] };
  }

  /** jieba's POS tag of a string read as one word, else `''` (see `Segmenter.tagOf`). */
  tagOf(word: string): string {
    return this.segmenter.tagOf(word);
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
    return bisect(Math.max(0, this.paragraphs.length - 1), (i) => this.paragraphs[i][1] < offset);
  }

  paragraphOf(offset: number): [number, number] {
    return this.paragraphs[this.paragraphIndex(offset)] ?? [0, this.text.length];
  }
}

/**
 * One extractor: one job, one file. It declares the result fields it reads (`needs`, produced by extractors
 * earlier in the registry) and the ones it fills (`provides`), and returns items whose spans are working
 * offsets. `warnings` may always be returned.
 */
export interface Extractor {
  id: string;
  needs: readonly ResultField[];
  provides: readonly ResultField[];
  run(ctx: Context): Partial<Extracted>;
}
