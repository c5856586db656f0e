import { findDates, publicationDate } from '../grammar/dates';
import { alternation, perLexicon, wordList } from '../lexicon/word-lists';
import type { Context, Extractor } from '../pipeline/context';
import { DIGITS_1_9 } from '../util/numbers';

/** Paragraphs at the top that may be a dateline or a page line before the headline. */
const MAX_SKIPPED = 2;

/** A paragraph that is only a date, a dateline or a time: 2023年2月14日 星期二, （2023-02-14 10:30）. */
function isDateline(ctx: Context, start: number, end: number): boolean {
  const text = ctx.text.slice(start, end);
  let rest = text;
  for (const date of findDates(ctx.text, start, end).reverse()) rest = rest.slice(0, date.start - start) + rest.slice(date.end - start);
  // 2023-02-14 10:30 来源：区政府办 / 【发布时间：2023-02-14】: a publication line left in the text.
  if (text.length <= 60 && publicationDate(text, ctx.lexicon)) return true;
  return rest.length < text.length && rest.replace(/[\s\d:：()（）[\]【】\-/.年月日时分星期周一二三四五六日天上下午本报讯电]/g, '').length <= 2;
}

/** 新华社北京3月5日电, 本报讯: an agency dateline standing alone. */
const AGENCY_DATELINE = new RegExp(String.raw`^[^，。,]{0,12}(?:\d{1,2}|[${DIGITS_1_9}十]{1,3})月(?:\d{1,2}|[${DIGITS_1_9}十]{1,3})日电$|^本报讯$`);

/** A page line naming the site or its body (某某区人民政府网, 中华人民共和国某某部): not the headline below it. */
function isSiteLine(ctx: Context, start: number, end: number): boolean {
  const text = ctx.text.slice(start, end);
  if (text.length > 24 || /[\s，。：:]/.test(text)) return false;
  const { verbs, endings } = perLexicon(ctx.lexicon, 'title-site-line', () => ({
    verbs: wordList(ctx.lexicon, 'meeting-verbs.txt'),
    // One-character suffixes (办, 局) end many verbs and nouns; only 部 is kept (中华人民共和国某某部).
    endings: [...wordList(ctx.lexicon, 'site-name-endings.txt'), ...wordList(ctx.lexicon, 'body-suffixes.txt').filter((suffix) => suffix.length >= 2 || suffix === '部')],
  }));
  if (verbs.some((verb) => text.includes(verb))) return false;
  return endings.some((ending) => text.length > ending.length + 1 && text.endsWith(ending));
}

/** End of the headline before a site-name suffix (标题_某某区人民政府网, 标题 - 某某新闻网, 标题｜某网). */
function withoutSiteName(ctx: Context, start: number, end: number): number {
  const suffix = perLexicon(ctx.lexicon, 'site-name-suffix', () => {
    const endings = alternation(wordList(ctx.lexicon, 'site-name-endings.txt'));
    return endings ? new RegExp(`(?:\\s*[-–—|｜_]{1,3}\\s*|\\s+)[\\u3400-\\u9fffA-Za-z0-9·]{2,20}(?:${endings})$`) : null;
  });
  if (!suffix) return end;
  // 标题 - 人民网 - 中国共产党新闻网: every site name at the end goes.
  for (let cut = suffix.exec(ctx.text.slice(start, end)); cut && cut.index >= 6; cut = suffix.exec(ctx.text.slice(start, end))) end = start + cut.index;
  return end;
}

/**
 * The headline: the first kept paragraph when it reads like one (short, no sentence end), after at most two
 * dateline paragraphs, with a site-name suffix cut.
 */
export const title: Extractor = {
  id: 'title',
  needs: [],
  provides: ['title'],
  run(ctx) {
    let index = 0;
    const skippable = (range: [number, number]) =>
      isDateline(ctx, ...range) || AGENCY_DATELINE.test(ctx.text.slice(...range)) || isSiteLine(ctx, ...range);
    while (index < MAX_SKIPPED && ctx.paragraphs[index + 1] && skippable(ctx.paragraphs[index])) index++;
    const first = ctx.paragraphs[index];
    if (!first) return { title: null };
    const [start] = first;
    const end = withoutSiteName(ctx, first[0], first[1]);
    const text = ctx.text.slice(start, end);
    // A headline may end in ！ or ？ (…在武汉举行！); a line ending in 。 or ： or holding a full stop is body text.
    const exclaims = /[!！?？]$/.test(text) && text.length >= 10 && text.length <= 50 && !/[。；;]/.test(text); // 各位代表！ is a salutation
    if (end - start > 80 || (/[。!！?？:：]$/.test(text) && !exclaims) || /^摘要/.test(text) || skippable(first)) return { title: null };
    return { title: { ...ctx.item(start, end), rule: index > 0 ? 'title.after-dateline' : 'title.first-line' } };
  },
};
