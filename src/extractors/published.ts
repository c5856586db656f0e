/**
 * The day the article was published: a publication line (发布日期：…, 来源：… 时间：…), Markdown front matter `date`,
 * an HTML `<meta>` date or `<time datetime>`, a dateline in the lead (本报讯（2023年3月8日）), or a date in the page's
 * address or an image path. The lines it reads stay in `removed`; the item's span points at the date as written.
 */
import { datelineAt, imageDateAt, isoDate, metadataDateAt, publicationDateAt, urlDateAt, type DatedAt } from '../grammar/dates';
import type { Context, Extractor } from '../pipeline/context';
import type { Published } from '../types';

/** Paragraphs at the top where a publication line or dateline is looked for. */
const TOP_PARAGRAPHS = 7;
/** A publication line kept in the text is short (a page line, not a sentence with a date in it). */
const MAX_LINE = 60;
/** Where a dateline may stand in a lead paragraph. */
const DATELINE_REACH = 200;
/** How far into the article a date in a web address or image path is looked for. */
const URL_REACH = 8000;

/** Sources in order of trust: what the page says of itself before what a path happens to show. */
const TRUST = ['publication-line', 'front-matter', 'html-meta', 'html-time', 'dateline', 'url', 'image-path', 'update-line'] as const;
type Source = (typeof TRUST)[number];

/** Markdown front matter's date line (`date: 2023-03-08`) as the Markdown reader keeps it. */
const FRONT_MATTER_KEY = /^\s*(?:date|published|pubdate)\s*:/i;

interface Candidate {
  source: Source;
  found: DatedAt;
  /** Working offset of the piece `found` offsets are relative to. */
  base: number;
}

export const published: Extractor = {
  id: 'published',
  needs: [],
  provides: ['published'],
  run(ctx) {
    const updateLabels = ctx.lexicon.set('update-labels');
    const candidates: Candidate[] = [];
    const add = (source: Source, found: DatedAt | null, base: number) => {
      if (found && isoDate(found)) candidates.push({ source, found, base });
    };
    ctx.removedLines.forEach((line, i) => {
      const text = ctx.removed[i].text;
      switch (line.reason) {
        case 'publication-meta':
          add('html-meta', metadataDateAt(text), line.start);
          break;
        case 'publication-time':
          add('html-time', metadataDateAt(text), line.start);
          break;
        case 'page-url':
        case 'link':
          add('url', urlDateAt(text), line.start);
          break;
        case 'image-file':
          add('image-path', imageDateAt(text) ?? urlDateAt(text), line.start);
          break;
        default: {
          const labelled = publicationDateAt(text, ctx.lexicon);
          // 更新时间: when the page was last updated (or scraped), weaker than any sign of when it was published.
          const source = labelled?.label && updateLabels.has(labelled.label) ? 'update-line' : FRONT_MATTER_KEY.test(text) ? 'front-matter' : 'publication-line';
          add(source, labelled, line.start);
          add('url', urlDateAt(text), line.start);
          add('image-path', imageDateAt(text), line.start);
        }
      }
    });
    const top = ctx.paragraphs.slice(0, TOP_PARAGRAPHS);
    for (const [start, end] of top) {
      if (end - start > MAX_LINE) continue;
      const labelled = publicationDateAt(ctx.text.slice(start, end), ctx.lexicon);
      add(labelled?.label && updateLabels.has(labelled.label) ? 'update-line' : 'publication-line', labelled, start);
    }
    for (const [start, end] of top) add('dateline', datelineAt(ctx.text.slice(start, Math.min(end, start + DATELINE_REACH))), start);
    const head = ctx.text.slice(0, URL_REACH);
    add('url', urlDateAt(head), 0);
    add('image-path', imageDateAt(head), 0);
    if (!candidates.length) return { published: null };
    // The most trusted source; within one, the first in the text.
    const best = candidates.reduce((a, b) => (TRUST.indexOf(b.source) < TRUST.indexOf(a.source) ? b : a));
    const start = best.base + best.found.start;
    const end = best.base + best.found.end;
    const item: Published = { date: isoDate(best.found)!, text: ctx.surface(start, end), source: best.source, span: ctx.span(start, end), rule: 'published.date' };
    return { published: item };
  },
};
