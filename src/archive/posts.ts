/**
 * Titles as posts: the same post written in several ways becomes one string through data (data/post-aliases.txt:
 * 住建部 / 住房城乡建设部 / 住房和城乡建设部), a relative title is read in its article's body (部党组书记 in a ministry's
 * article is that ministry's 党组书记), and each post is held in a unit (the place or body it names: 淄博市,
 * 住房和城乡建设部). Units decide which same-name mentions are one person.
 */
import type { Lexicon } from '../lexicon';

export class Posts {
  /** [variant, canonical], longest variant first. */
  private readonly replacements: Array<[string, string]>;
  /** Unit heads, longest first. */
  private readonly heads: string[];
  /** One-character heads: a title opening with one is relative (市委常委, 部党组书记). */
  private readonly levels: Set<string>;

  constructor(lexicon: Lexicon) {
    const replacements: Array<[string, string]> = [];
    for (const line of lexicon.list('post-aliases')) {
      const [canonical, ...variants] = line.split('=').map((part) => part.trim()).filter(Boolean);
      for (const variant of variants) replacements.push([variant, canonical]);
    }
    this.replacements = replacements.sort((a, b) => b[0].length - a[0].length);
    this.heads = [...lexicon.list('post-heads')].sort((a, b) => b.length - a.length);
    this.levels = new Set(this.heads.filter((head) => head.length === 1));
  }

  /** The body or title with every variant replaced by the form kept (住建部部长 → 住房和城乡建设部部长). */
  canonical(text: string): string {
    if (!this.replacements.length) return text;
    let out = '';
    for (let at = 0; at < text.length; ) {
      // Already the kept form here (住房和城乡建设部 contains no variant, but 政府 inside 人民政府 must stay).
      const kept = this.replacements.find(([, canonical]) => text.startsWith(canonical, at));
      if (kept) {
        out += kept[1];
        at += kept[1].length;
        continue;
      }
      const hit = this.replacements.find(([variant]) => text.startsWith(variant, at));
      if (hit) {
        out += hit[1];
        at += hit[0].length;
      } else {
        out += text[at];
        at++;
      }
    }
    return out;
  }

  /** A title opening with a one-character head (市委常委, 部党组书记, 区长) is held in the article's own unit. */
  isRelative(title: string): boolean {
    return this.levels.has(title[0]);
  }

  /**
   * The title as a post: canonical, and written out in the article's unit when it names none of its own. A relative
   * title's level character stands for the unit when the unit is of that level (部党组书记 in 住房和城乡建设部's article
   * → 住房和城乡建设部党组书记), except where it is part of the post's name (部长 → 住房和城乡建设部部长); a title of
   * another level than the article's (市委常委 in a district's article) stays as written; any other title is prefixed
   * (副部长 → 住房和城乡建设部副部长).
   */
  post(title: string, articleUnit: string | null): string {
    const canonical = this.canonical(title);
    if (!articleUnit) return canonical;
    if (this.isRelative(canonical)) {
      if (!articleUnit.endsWith(canonical[0])) return canonical;
      return articleUnit + (canonical[1] === '长' ? canonical : canonical.slice(1));
    }
    return this.unitOf(canonical) !== null ? canonical : articleUnit + canonical;
  }

  /**
   * The unit a post or body names at its start: the shortest prefix of at least three characters (or a whole head
   * word such as 中央, 国务院) that ends in a head and leaves something after it. Null for a relative title (市委常委).
   */
  unitOf(text: string): string | null {
    // 市发改委主任: the level character stands for the article's unit; the title names none of its own.
    if (this.isRelative(text)) return null;
    for (let end = 2; end < text.length; end++) {
      // A unit is a run of Chinese characters (a headline's 、 or space ends it).
      if (!/[\u3400-\u9fff]/.test(text[end - 1])) return null;
      for (const head of this.heads) {
        if (end < head.length || !text.endsWith(head, end)) continue;
        // 市委: one level character is no unit; 中央 alone is one.
        if (end - head.length >= 2 || (head.length >= 2 && end === head.length)) return text.slice(0, end);
      }
    }
    return null;
  }

  /** The unit of a whole body (a meeting's organisation): its leading unit, or the body itself when it ends in a head. */
  unitOfBody(body: string): string | null {
    const canonical = this.canonical(body);
    const unit = this.unitOf(canonical);
    if (unit) return unit;
    return this.heads.some((head) => canonical.endsWith(head) && canonical.length > head.length + 1) ? canonical : null;
  }

  /** The stem of a unit without its head (淄博市 → 淄博), for telling related units (淄博市, 淄博经济开发区). */
  stem(unit: string): string {
    const head = this.heads.find((h) => unit.endsWith(h) && unit.length - h.length >= 2);
    return head ? unit.slice(0, unit.length - head.length) : unit;
  }

  /** Two different units of one place (淄博市 and 淄博经济开发区): one's stem opens the other. */
  related(a: string, b: string): boolean {
    if (a === b) return true;
    const [x, y] = [this.stem(a), this.stem(b)];
    return x.length >= 2 && y.length >= 2 && (a.startsWith(y) || b.startsWith(x));
  }
}
