import { countedPhrases, itemsFor, listBefore } from '../grammar/items';
import type { CountedPhrase } from '../grammar/counted';
import type { Context, Extractor } from '../pipeline/context';
import type { Framework, Warning } from '../types';

const FORMULA = /(?:\d{1,2}|N)(?:[ \t]{0,3}\+[ \t]{0,3}(?:\d{1,2}|N)){1,9}/g;
/** Components are looked for this far (working offsets) around a formula, and at most this many formulas per text. */
const WINDOW = 4000;
const MAX_FORMULAS = 100;

/** The first counted phrase of each paragraph, computed once (a scan per candidate was quadratic). */
function firstPhraseByParagraph(ctx: Context): Map<number, CountedPhrase> {
  return ctx.shared('frameworks:first-phrase-by-paragraph', () => {
    const first = new Map<number, CountedPhrase>();
    for (const phrase of countedPhrases(ctx)) {
      const paragraph = ctx.paragraphIndex(phrase.start);
      if (!first.has(paragraph)) first.set(paragraph, phrase);
    }
    return first;
  });
}

/** Counted phrases within WINDOW of [start, end) and not overlapping it (phrases are in text order). */
function phrasesNear(ctx: Context, start: number, end: number): CountedPhrase[] {
  const phrases = countedPhrases(ctx);
  let low = 0;
  let high = phrases.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (phrases[mid].start < start - WINDOW) low = mid + 1;
    else high = mid;
  }
  const near: CountedPhrase[] = [];
  for (let i = low; i < phrases.length && phrases[i].start < end + WINDOW; i++) {
    if (phrases[i].end <= start || phrases[i].start >= end) near.push(phrases[i]);
  }
  return near;
}

/** How likely a counted phrase names a component of a formula. */
function componentScore(ctx: Context, phrase: CountedPhrase, formulaAt: number): number {
  let score = 1;
  const paragraph = ctx.paragraphIndex(phrase.start);
  if (firstPhraseByParagraph(ctx).get(paragraph) === phrase) score += 2;
  const explainsFormula = phrase.start > formulaAt && paragraph === ctx.paragraphIndex(formulaAt);
  if (explainsFormula) score += 2.5; // “1+3”，即一个…、三大…: spelled out right after the formula.
  else if (listBefore(ctx, phrase)) score -= 1.5; // A、B、C三大… elaborates a list; components introduce one.
  if (phrase.quoted) score += 0.5;
  score -= Math.abs(paragraph - ctx.paragraphIndex(formulaAt)) * 0.05;
  return score;
}

/** Assign counted phrases to the formula's numbers in order, maximising the total score (skips allowed). */
function assign(ctx: Context, numbers: number[], candidates: CountedPhrase[], formulaAt: number): Array<CountedPhrase | null> {
  const n = numbers.length;
  const m = candidates.length;
  const scores = candidates.map((candidate) => componentScore(ctx, candidate, formulaAt));
  // best[i][j]: best total for the first i numbers using candidates before j.
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const take: boolean[][] = Array.from({ length: n + 1 }, () => new Array<boolean>(m + 1).fill(false));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let value = Math.max(best[i][j - 1], best[i - 1][j]);
      const candidate = candidates[j - 1];
      if (candidate.count === numbers[i - 1] && scores[j - 1] > 0) {
        const withIt = best[i - 1][j - 1] + scores[j - 1];
        if (withIt > value) {
          value = withIt;
          take[i][j] = true;
        }
      }
      best[i][j] = value;
    }
  }
  const chosen: Array<CountedPhrase | null> = new Array(n).fill(null);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (take[i][j] && best[i][j] === best[i - 1][j - 1] + scores[j - 1]) {
      chosen[i - 1] = candidates[j - 1];
      i--;
      j--;
    } else if (best[i][j] === best[i][j - 1]) j--;
    else i--;
  }
  return chosen;
}

export const frameworks: Extractor = {
  id: 'frameworks',
  needs: [],
  provides: ['frameworks'],
  run(ctx) {
    const { text } = ctx;
    const found: Framework[] = [];
    const warnings: Warning[] = [];
    const seen = new Set<string>();
    FORMULA.lastIndex = 0;
    for (let match = FORMULA.exec(text); match; match = FORMULA.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (/[\dA-Za-z.]/.test(text[start - 1] ?? '') || /[\dA-Za-z.%]/.test(text[end] ?? '') || !/^\d/.test(match[0])) continue;
      const formula = match[0].replace(/\s/g, '');
      if (seen.has(formula)) continue;
      if (seen.size >= MAX_FORMULAS) break;
      seen.add(formula);
      const numbers = formula.split('+').map((part) => (part === 'N' ? NaN : Number(part)));
      const candidates = phrasesNear(ctx, start, end);
      const chosen = assign(ctx, numbers.map((value) => (Number.isNaN(value) ? -1 : value)), candidates, start);
      // A partial match far from the formula is chance (“4+3+3” and an unrelated 3项…): keep only nearby ones.
      const complete = chosen.every((phrase, index) => phrase || Number.isNaN(numbers[index]));
      const here = ctx.paragraphIndex(start);
      if (!complete) chosen.forEach((phrase, index) => {
        if (phrase && Math.abs(ctx.paragraphIndex(phrase.start) - here) > 1) chosen[index] = null;
      });
      const components = chosen.flatMap((phrase) => {
        if (!phrase) return [];
        let { items } = itemsFor(ctx, phrase, { quoted: true });
        // 一个城市数字底座: a single component is its own item.
        if (!items.length && phrase.count === 1 && !phrase.quoted && phrase.end > phrase.bodyStart) items = [{ start: phrase.bodyStart, end: phrase.end }];
        if (phrase.count > 1 && items.length && items.length !== phrase.count) {
          warnings.push({
            code: 'count-mismatch',
            message: `${ctx.surface(phrase.start, phrase.end)} says ${phrase.count} but ${items.length} items are listed`,
            span: ctx.span(phrase.start, phrase.end),
          });
        }
        return [{ count: phrase.count, label: ctx.surface(phrase.start, phrase.end), span: ctx.span(phrase.start, phrase.end), items: items.map((item) => ctx.item(item.start, item.end)) }];
      });
      found.push({ formula, span: ctx.span(start, end), components });
    }
    return { frameworks: found, warnings };
  },
};
