import type { Span } from '../types';
import { foldWidth } from './fold';

/**
 * A working copy of the input text with a map back to the decoded input.
 * `raw` keeps the characters as written; `text` is the normalised form extractors match on.
 * Both have the same length, and character i of either came from `source.slice(starts[i], ends[i])`.
 */
export interface TextView {
  source: string;
  raw: string;
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

/**
 * Builds a view piece by piece, recording where every character came from. Given the source already width-folded
 * (`foldWidth(source)`), it builds the folded working text alongside, so nothing folds the whole text again.
 */
export class TextViewBuilder {
  private chunks: string[] = [];
  private foldedChunks: string[] = [];
  // Growable typed arrays: number[] of a few million entries cost more in GC than the work itself.
  private startList = new Int32Array(1024);
  private endList = new Int32Array(1024);
  private size = 0;

  constructor(
    private readonly source: string,
    private readonly folded: string | null = null,
  ) {}

  get length(): number {
    return this.size;
  }

  private reserve(extra: number): void {
    if (this.size + extra <= this.startList.length) return;
    let capacity = this.startList.length * 2;
    while (capacity < this.size + extra) capacity *= 2;
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    starts.set(this.startList.subarray(0, this.size));
    ends.set(this.endList.subarray(0, this.size));
    this.startList = starts;
    this.endList = ends;
  }

  /** Copy `source.slice(start, end)` one to one. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    this.chunks.push(this.source.slice(start, end));
    if (this.folded !== null) this.foldedChunks.push(this.folded.slice(start, end));
    this.reserve(end - start);
    for (let i = start; i < end; i++) {
      this.startList[this.size] = i;
      this.endList[this.size++] = i + 1;
    }
  }

  /** Emit `chars` standing for the whole `source.slice(start, end)` (an entity, a joined break). */
  emit(chars: string, start: number, end: number): void {
    this.chunks.push(chars);
    if (this.folded !== null) this.foldedChunks.push(foldWidth(chars));
    this.reserve(chars.length);
    for (let i = 0; i < chars.length; i++) {
      this.startList[this.size] = start;
      this.endList[this.size++] = end;
    }
  }

  lastChar(): string {
    const last = this.chunks[this.chunks.length - 1];
    return last ? last[last.length - 1] : '';
  }

  build(): TextView {
    const raw = this.chunks.join('');
    return {
      source: this.source,
      raw,
      text: this.folded !== null ? this.foldedChunks.join('') : raw,
      starts: this.startList.slice(0, this.size),
      ends: this.endList.slice(0, this.size),
    };
  }
}

/** A view of the whole source, character for character. */
export function identityView(source: string): TextView {
  const builder = new TextViewBuilder(source);
  builder.copy(0, source.length);
  return builder.build();
}

/** Map a working span to a span in the decoded input. */
export function toSourceSpan(view: TextView, start: number, end: number): Span {
  if (view.starts.length === 0) return [0, 0];
  const s = Math.max(0, Math.min(start, view.starts.length - 1));
  if (end <= start) return [view.starts[s], view.starts[s]];
  const e = Math.max(s, Math.min(end - 1, view.ends.length - 1));
  return [view.starts[s], view.ends[e]];
}

/**
 * Chain two views: `outer` was built over `inner.raw` (clean() run on the text extracted from HTML), the result
 * maps every character of `outer` straight to `inner.source`. A character that stands for an empty range (a
 * synthetic break) maps to an empty range at the matching inner position.
 */
export function composeViews(outer: TextView, inner: TextView): TextView {
  const n = outer.starts.length;
  const innerLength = inner.starts.length;
  const at = (offset: number) =>
    offset < innerLength ? inner.starts[offset] : innerLength ? inner.ends[innerLength - 1] : 0;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = outer.starts[i];
    const e = outer.ends[i];
    if (e > s) {
      starts[i] = inner.starts[s];
      ends[i] = Math.max(inner.starts[s], inner.ends[e - 1]);
    } else {
      starts[i] = ends[i] = at(s);
    }
  }
  return { source: inner.source, raw: outer.raw, text: outer.text, starts, ends };
}

/**
 * The view followed by one `\n`-separated line per piece, each character mapped into the piece's span of
 * `view.source` (one to one when the piece is that source slice verbatim, else the whole span). Used to give
 * lines the cleaner removed working offsets of their own.
 */
export function appendLines(view: TextView, pieces: ReadonlyArray<{ text: string; span: [number, number] }>): TextView {
  const extra = pieces.reduce((sum, piece) => sum + 1 + piece.text.length, 0);
  const n = view.starts.length;
  const starts = new Int32Array(n + extra);
  const ends = new Int32Array(n + extra);
  starts.set(view.starts);
  ends.set(view.ends);
  const tail: string[] = [];
  let at = n;
  const end = n ? view.ends[n - 1] : 0;
  for (const piece of pieces) {
    starts[at] = ends[at] = end; // the separating break stands for nothing
    at++;
    const [s, e] = piece.span;
    const verbatim = view.source.slice(s, e) === piece.text;
    for (let i = 0; i < piece.text.length; i++, at++) {
      starts[at] = verbatim ? s + i : s;
      ends[at] = verbatim ? s + i + 1 : e;
    }
    tail.push('\n', piece.text);
  }
  const suffix = tail.join('');
  return { source: view.source, raw: view.raw + suffix, text: view.text + suffix, starts, ends };
}
