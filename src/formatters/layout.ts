/**
 * Terminal tables that fit the window: column widths come from the content and the terminal's width, and text
 * wraps inside its cell (CJK at any character, preferably after 、，；or a space) instead of being cut.
 * Widths are terminal cells: a CJK character takes two (string-width, East Asian Width).
 */
import Table from 'cli-table3';
import stringWidth from 'string-width';

export { DEFAULT_WIDTH, terminalWidth } from './width';
import { DEFAULT_WIDTH } from './width';

/** Display width of text in terminal cells (ANSI escapes count zero, CJK two). */
export const displayWidth = (text: string): number => stringWidth(text);

/** Characters after which a line may break without splitting a word or a title. */
const BREAK_AFTER = /[、，,；;：:。\s/]/;

/**
 * Wrap plain text to lines of at most `width` cells. Breaks after 、，；and spaces when the line has one, otherwise
 * between any two characters (CJK has no spaces); never drops or shortens text.
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    let lastBreak = -1; // index in `line` just after a break character
    let broke = false;
    let lastSpace = -1; // … after a space: between items of a run-together list, the better place
    for (const ch of paragraph) {
      const w = stringWidth(ch);
      while (lineWidth + w > width && line) {
        // A space that does not fit is the break itself.
        const at = /\s/.test(ch) ? line.length : lastSpace > line.length / 2 ? lastSpace : lastBreak;
        const cut = at > 0 && at < line.length ? at : line.length;
        out.push(line.slice(0, cut).trimEnd());
        line = line.slice(cut).trimStart();
        lineWidth = stringWidth(line);
        lastBreak = lastSpace = -1;
        for (let i = 0; i < line.length; i++) {
          if (BREAK_AFTER.test(line[i])) lastBreak = i + 1;
          if (/\s/.test(line[i])) lastSpace = i + 1;
        }
        broke = true;
      }
      if (!line && broke && /\s/.test(ch)) continue; // no line starts with the space it broke at
      line += ch;
      lineWidth += w;
      if (BREAK_AFTER.test(ch)) lastBreak = line.length;
      if (/\s/.test(ch)) lastSpace = line.length;
    }
    out.push(line);
  }
  return out;
}

/**
 * Column widths (content only, without padding) for a table `total` cells wide. Columns get what their content
 * needs when it fits; otherwise the widest are narrowed first, never below their heading or `floor`.
 */
export function fitWidths(natural: number[], minimum: number[], available: number): number[] {
  if (natural.reduce((a, b) => a + b, 0) <= available) return natural;
  const floors = minimum.map((m, i) => Math.min(m, natural[i]));
  const widthAt = (cap: number) => natural.map((n, i) => Math.min(n, Math.max(cap, floors[i])));
  const sum = (widths: number[]) => widths.reduce((a, b) => a + b, 0);
  // The largest cap that fits: the widest columns give up room first.
  let lo = 1;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(widthAt(mid)) <= available) lo = mid;
    else hi = mid - 1;
  }
  const widths = widthAt(lo);
  // Spread what is left over (a cap is a whole number) to the columns that still want more.
  let spare = available - sum(widths);
  for (let i = 0; spare > 0 && i < widths.length; i++) {
    const more = Math.min(spare, natural[i] - widths[i]);
    widths[i] += more;
    spare -= more;
  }
  if (sum(widths) <= available) return widths;
  // Even the floors do not fit (a very narrow window): share the room in proportion, at least 2 cells each.
  const total = sum(floors);
  return floors.map((f) => Math.max(2, Math.floor((f / total) * available)));
}

export interface TableStyle {
  /** Paints the heading cells (bold when colours are on). */
  head?: (text: string) => string;
  /** Floor per column in cells (default: heading width, at most 12). */
  minimum?: number[];
}

/**
 * A box-drawn table no wider than `width` cells. Cells are plain text (already made terminal-safe), except that a
 * cell may be painted when it is no wider than its column's floor; every other cell is wrapped to its column.
 */
export function renderTable(head: string[], rows: string[][], width: number, style: TableStyle = {}): string {
  const columns = head.length;
  const borders = columns + 1;
  const padding = 2 * columns;
  const natural = head.map((h, c) => Math.max(displayWidth(h), ...rows.map((row) => Math.max(0, ...String(row[c] ?? '').split('\n').map(displayWidth)))));
  const minimum = style.minimum ?? head.map((h) => Math.min(12, Math.max(displayWidth(h), 2)));
  const widths = fitWidths(
    natural.map((n) => Math.max(n, 1)),
    minimum,
    Math.max(columns, width - borders - padding),
  );
  const table = new Table({
    head: head.map((h, c) => (style.head ?? ((t: string) => t))(wrapText(h, widths[c]).join('\n'))),
    colWidths: widths.map((w) => w + 2),
    style: { head: [], border: [] },
    wordWrap: false,
  });
  for (const row of rows) {
    table.push(
      row.map((cell, c) => {
        const text = String(cell ?? '');
        // A painted cell (ANSI) is short by contract; wrapping would count its escapes.
        return text.includes('\u001b') ? text : wrapText(text, widths[c]).join('\n');
      }),
    );
  }
  return table.toString();
}
