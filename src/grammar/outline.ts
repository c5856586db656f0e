import type { Context } from '../pipeline/context';
import { DIGITS_1_9, parseCount } from '../util/numbers';
import { pastAdverbial, type Span0 } from './lists';

/** A Chinese digit 1–10. */
const DIGIT_CHAR = new RegExp(String.raw`[${DIGITS_1_9}十]`);

/** An ordinal marker opening a paragraph or sentence: 一是, 第二, （三）, 四、, 5., ⑥, 首先 … */
export interface OrdinalMarker {
  /** Marker family (`是`, `要`, `第`, `（）`, `、`, `.`, `①`, `首先`): members of one run share it. */
  family: string;
  /** 1-based position; 0 for 最后 (the last of a run, whatever its number). */
  index: number;
  /** Working offset just after the marker and its punctuation. */
  end: number;
}

/** One paragraph of the document outline, in working offsets. */
export interface OutlineParagraph {
  start: number;
  end: number;
  /** A short line without closing punctuation, or a numbered title line (（一）…, 一、…). */
  heading: boolean;
  marker: OrdinalMarker | null;
  /** A line of the front matter block (--- title: … ---). */
  frontMatter?: boolean;
  /** Cache of the opening clause read by parallel-paragraph matching (undefined until first read). */
  opening?: { clause: Span0; key: string } | null;
}

/** The document's structure: paragraphs with their headings and ordinal markers, computed once per document. */
export interface Outline {
  paragraphs: OutlineParagraph[];
}

const NUM = `[${DIGITS_1_9}十]{1,3}`;
const MARKER = new RegExp(
  `^[\\s\\u3000]*(?:(${NUM})(是|要|)[，,、：:]?(?=[\\u3400-\\u9fff“])|第(${NUM})(?:是|要|条|步)?[，,、：:]?|[（(](${NUM}|\\d{1,2})[)）]|(\\d{1,2})[.、．](?!\\d)|([\\u2460-\\u2473])|(首先|其次|再次|然后|最后)[，,、：:]?)`,
);

/** The ordinal marker at `at` (a paragraph or sentence start), if any. */
export function markerAt(text: string, at: number): OrdinalMarker | null {
  const m = MARKER.exec(text.slice(at, at + 12));
  if (!m) return null;
  const end = at + m[0].length;
  if (m[1] !== undefined) {
    // 一是 / 一要 / 一、 ; a bare numeral before text (一网统管) is no marker.
    if (!m[2] && !/[、，,：:]$/.test(m[0])) return null;
    return { family: m[2] || '、', index: parseCount(m[1]), end };
  }
  if (m[3] !== undefined) return { family: '第', index: parseCount(m[3]), end };
  if (m[4] !== undefined) return { family: '（）', index: parseCount(m[4]), end };
  if (m[5] !== undefined) return { family: '.', index: Number(m[5]), end };
  if (m[6] !== undefined) return { family: '①', index: m[6].charCodeAt(0) - 0x245f, end };
  const order = ['首先', '其次', '再次', '然后'].indexOf(m[7]);
  return { family: '首先', index: order >= 0 ? Math.min(order + 1, 3) : 0, end };
}

/** Build the outline of a document (linear in its length). */
export function buildOutline(ctx: Context): Outline {
  const { text } = ctx;
  // Front matter (--- key: value … ---) is no part of the article's outline.
  let frontEnd = -1;
  if (ctx.paragraphs.length && text.slice(ctx.paragraphs[0][0], ctx.paragraphs[0][1]).trim() === '---') {
    const close = ctx.paragraphs.findIndex(([start, end], i) => i > 0 && i < 40 && text.slice(start, end).trim() === '---');
    frontEnd = close;
  }
  const paragraphs = ctx.paragraphs.map(([start, end], i): OutlineParagraph => {
    if (i <= frontEnd) return { start, end, heading: false, marker: null, frontMatter: true };
    const marker = markerAt(text, start);
    const line = text.slice(start, end).trim();
    const closed = /(?:[。！!？?；;：:…]|[。！!？?]”)$/.test(line);
    const numbered = !!marker && /^(?:、|（）|\.|第)$/.test(marker.family) && line.length <= 40 && !/[。]/.test(line.slice(0, -1));
    return { start, end, heading: (!closed && line.length <= 30) || numbered, marker };
  });
  return { paragraphs };
}

/** The outline of the context's document, computed once and shared. */
export function outlineOf(ctx: Context): Outline {
  return ctx.shared('outline', () => buildOutline(ctx));
}

/** Cut a member at the first sentence end, and at the first clause end when it is long. */
function memberFrom(text: string, start: number, end: number, max = 40): Span0 {
  const framed = pastAdverbial(text, start, end);
  // After an adverbial opening (按照…的要求，指导…，推动…) the member is the one clause it frames.
  if (framed > start) max = 0;
  start = framed;
  let stop = start;
  while (stop < end && stop - start < 200 && !/[。；;！!？?\n]/.test(text[stop])) stop++;
  if (stop - start > max) {
    const comma = text.slice(start, stop).search(/[，,：:]/);
    if (comma > 0) stop = start + comma;
  }
  while (stop > start && /[\s\u3000]/.test(text[stop - 1])) stop--;
  return { start, end: stop };
}

/** A run of paragraphs from `first` whose markers share a family and count up from 1 (gaps of unmarked paragraphs allowed). */
function paragraphRun(text: string, paragraphs: OutlineParagraph[], first: number, limit: number): Span0[] | null {
  const opening = paragraphs[first]?.marker;
  if (!opening || opening.index !== 1) return null;
  const members: Span0[] = [];
  let expected = 1;
  let gap = 0;
  let lastP = first;
  for (let p = first; p < paragraphs.length && members.length < limit; p++) {
    const { marker, end } = paragraphs[p];
    if (marker && marker.family === opening.family && (marker.index === expected || (marker.index === 0 && expected > 1))) {
      members.push(memberFrom(text, marker.end, end));
      lastP = p;
      expected++;
      gap = 0;
      if (marker.index === 0) break;
    } else if (++gap > 3 || (marker && marker.family === opening.family)) break;
  }
  // A run that goes on past the count is another list (a numbered list of headlines), not these members.
  if (members.length === limit) {
    for (let p = lastP + 1, seen = 0; p < paragraphs.length && seen < 4; p++, seen++) {
      const { marker } = paragraphs[p];
      if (marker && marker.family === opening.family && marker.index === expected) return null;
      if (marker && marker.family === opening.family) break;
    }
  }
  return members.length >= 2 ? members : null;
}

/**
 * After a label ending in a colon, exactly `count` short lines without closing punctuation and then no more: a
 * list whose numbers or bullets the reader took out (Markdown `1. **甲**`), or one written without them.
 */
function lineRun(text: string, paragraphs: OutlineParagraph[], first: number, count: number): Span0[] | null {
  const members: Span0[] = [];
  for (let p = first; p < paragraphs.length && members.length <= count; p++) {
    const { start, end, frontMatter } = paragraphs[p];
    if (frontMatter) return null;
    let at = start;
    let stop = false;
    for (const line of text.slice(start, end).split('\n')) {
      const lead = line.length - line.trimStart().length;
      const written = line.trim();
      if (written) {
        if (written.length > 30 || /[。！!？?；;：:，,]$/.test(written) || /[。]/.test(written)) {
          stop = true;
          break;
        }
        members.push({ start: at + lead, end: at + lead + written.length });
      }
      at += line.length + 1;
    }
    if (stop) break;
  }
  return members.length === count && count >= 2 ? members : null;
}

/** Clause starts in [from, to): offsets after 。，；： and paragraph starts. */
function clauseStarts(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  for (let i = from; i < to; i++) {
    if (i === from || /[。，,；;：:！!？?\n]/.test(text[i - 1])) {
      let at = i;
      while (at < to && /[\s\u3000]/.test(text[at])) at++;
      if (at < to && /[\u3400-\u9fff“]/.test(text[at])) starts.push(at);
    }
  }
  return starts;
}

/**
 * Parallel clauses sharing a frame: exactly `count` clauses in [from, to) that open with the same two
 * characters (严格执行…，… 严格资金…，… 严格质量…), each member the clause it opens.
 */
function sharedFrame(ctx: Context, from: number, to: number, count: number): Span0[] | null {
  const { text } = ctx;
  const byFrame = new Map<string, number[]>();
  for (const clause of clauseStarts(text, from, to)) {
    // The frame opens the clause or follows a short subject (该县严格执行…, 严格资金拨付…).
    const seen = new Set<string>();
    for (let at = clause; at <= clause + 4 && at < to; at++) {
      if (!ctx.isTokenStart(at) || /[，,。；;：:！!？?\n]/.test(text[at])) continue;
      const frame = text.slice(at, at + 2);
      if (seen.has(frame) || !/^[\u3400-\u9fff]{2}$/.test(frame) || DIGIT_CHAR.test(frame)) continue;
      seen.add(frame);
      const list = byFrame.get(frame) ?? [];
      list.push(at);
      byFrame.set(frame, list);
    }
  }
  for (const [frame, starts] of byFrame) {
    if (starts.length !== count || count < 3) continue;
    // The frame is a verb or modifier (严格…, 实施…), not a repeated subject (a name, a place). Tagged last:
    // a tag lookup per candidate would cost a dictionary call for every clause.
    if (!/^(?:v|vd|vn|a|ad|d|p)$/.test(ctx.tagOf(frame) || 'x')) continue;
    const members = starts.map((at) => {
      let end = at;
      while (end < to && !/[，,。；;：:！!？?\n]/.test(text[end])) end++;
      return { start: at, end };
    });
    if (members.every((m) => m.end - m.start >= 3 && m.end - m.start <= 30 && !/[\d%]/.test(text.slice(m.start, m.end)))) return members;
  }
  return null;
}

/** The first clause of a paragraph (up to ，。：；！？ or a dash), trimmed. */
function opening(text: string, paragraph: OutlineParagraph): Span0 {
  let start = paragraph.start;
  while (start < paragraph.end && start - paragraph.start < 8 && /[\s\u3000#>*]/.test(text[start])) start++;
  let end = start;
  while (end < paragraph.end && end - start <= 40 && !/[，,。：:；;！!？?—]/.test(text[end])) end++;
  // Markdown emphasis and heading marks are layout, not part of the clause.
  while (end > start && /[\s\u3000*#]/.test(text[end - 1])) end--;
  return { start, end };
}

/**
 * A paragraph's opening clause and its grouping key, computed once per paragraph (every label looks at the
 * same paragraphs). A shape with punctuation is specific enough; a plain clause must also share its first
 * and last character. Null when the opening is too short or long to be a member.
 */
function openingOf(text: string, paragraph: OutlineParagraph): { clause: Span0; key: string } | null {
  if (paragraph.opening !== undefined) return paragraph.opening;
  const clause = opening(text, paragraph);
  const written = text.slice(clause.start, clause.end);
  let read: { clause: Span0; key: string } | null = null;
  if (written.length >= 3 && written.length <= 30) {
    const form = shape(written);
    read = { clause, key: form === 'h' ? `h|${written[0]}|${written[written.length - 1]}` : `${form}|${written[written.length - 1]}` };
  }
  paragraph.opening = read;
  return read;
}

/** A clause's shape: each run of Chinese characters as h, punctuation kept (“h、h”h, h“h”h“h”). */
function shape(text: string): string {
  return text.replace(/[\u3400-\u9fffA-Za-z0-9]+/g, 'h');
}

/**
 * Parallel paragraphs: among the paragraphs after `index`, `count` whose opening clauses share a shape and a
 * first and last character (在政策兑现方面，… / 在减税降费方面，…; “甲、乙”模式：… / “丙、丁”模式：…;
 * headings 答好农业卷 / 答好工业卷). Each member is the part of its opening that differs from the others.
 */
function parallelParagraphs(text: string, paragraphs: OutlineParagraph[], index: number, count: number, headingsOnly = false, head: string | null = null): Span0[] | null {
  const last = Math.min(paragraphs.length - 1, index + (headingsOnly ? 60 : Math.min(60, count * 6)));
  const groups = new Map<string, Span0[]>();
  let firstKey: string | null = null;
  for (let p = index + 1; p <= last; p++) {
    if (paragraphs[p].frontMatter || (headingsOnly && !paragraphs[p].heading)) continue;
    const read = openingOf(text, paragraphs[p]);
    if (!read) continue;
    const { clause, key } = read;
    const group = groups.get(key) ?? [];
    // A run starts right after the label, unless the label is itself in a heading or the headline.
    const reach = headingsOnly ? (paragraphs[index].heading ? Infinity : 1) : 3;
    if (!group.length && p > index + reach && firstKey === null) continue;
    group.push(clause);
    groups.set(key, group);
    if (firstKey === null) firstKey = key;
  }
  for (const group of groups.values()) {
    // Exactly as many as the count: a longer series of same-shaped paragraphs is the article's layout (every headline
    // in bold), not these members.
    if (group.length !== count || count < 2) continue;
    const members = group.slice(0, count);
    const words = members.map((m) => text.slice(m.start, m.end));
    let prefix = 0;
    while (words.every((w) => prefix < w.length - 1 && w[prefix] === words[0][prefix])) prefix++;
    let suffix = 0;
    while (words.every((w) => suffix < w.length - 1 - prefix && w[w.length - 1 - suffix] === words[0][words[0].length - 1 - suffix])) suffix++;
    if (prefix + suffix === 0 && shape(words[0]) === 'h') continue;
    // The label's own head word stays with each member (实施甲振兴行动 under 三大行动 → 甲振兴行动), unless a quotation
    // names the member (“清源”行动 → 清源).
    if (head && suffix > 0 && words.every((word) => word.endsWith(head) && !/[“”]/.test(word))) suffix = 0;
    if (new Set(words).size !== words.length) continue;
    return members.map((m) => {
      let start = m.start + prefix;
      let end = m.end - suffix;
      // Keep a quoted member whole: “甲、乙”模式 → 甲、乙.
      while (start > m.start && text[start - 1] !== '“' && /[\u3400-\u9fff]/.test(text[start - 1]) && /^[“]/.test(text.slice(m.start, start))) start--;
      if (text[start] === '“' && text[end - 1] === '”' && !/[“”]/.test(text.slice(start + 1, end - 1))) {
        start++;
        end--;
      }
      // Never cut a quotation in half (对接“产”与“学” keeps its closing quote).
      const opens = (text.slice(start, end).match(/“/g) ?? []).length;
      const closes = (text.slice(start, end).match(/”/g) ?? []).length;
      if (opens > closes && text[end] === '”') end++;
      if (closes > opens && text[start - 1] === '“') start--;
      return end - start >= 1 ? { start, end } : m;
    });
  }
  return null;
}

/**
 * Parallel sentence openings in [from, to): `count` sentences whose first clauses end with the same two
 * characters (茶产业方面，… 竹产业方面，…) or share shape and first and last character. Each member is the part of
 * its opening that differs from the others.
 */
function parallelSentences(text: string, from: number, to: number, count: number): Span0[] | null {
  if (count < 2) return null;
  const groups = new Map<string, Span0[]>();
  for (let i = from; i < to; i++) {
    if (i !== from && !/[。！!？?；;\n]/.test(text[i - 1])) continue;
    let start = i;
    while (start < to && /[\s\u3000]/.test(text[start])) start++;
    let end = start;
    while (end < to && end - start <= 20 && !/[，,。：:；;！!？?\n]/.test(text[end])) end++;
    if (!/[，,：:]/.test(text[end] ?? '')) continue; // an opening clause, not a whole sentence
    const written = text.slice(start, end);
    if (written.length < 3 || written.length > 16) continue;
    for (const key of [`s|${written.slice(-2)}`, `p|${written.slice(0, 2)}`]) {
      const group = groups.get(key) ?? [];
      group.push({ start, end });
      groups.set(key, group);
    }
  }
  for (const [key, group] of groups) {
    if (group.length !== count) continue;
    const words = group.map((m) => text.slice(m.start, m.end));
    if (new Set(words).size !== words.length) continue;
    // Only the shared frame goes: 方面 (and a leading 在/从/对) of 在项目建设方面; the opening verb of 做强…/做强….
    const suffixFrame = key.startsWith('s|');
    const lead = suffixFrame && words.every((w) => /^[在从对就]/.test(w) && w[0] === words[0][0]) ? 1 : 0;
    const prefix = suffixFrame ? lead : 2;
    const suffix = suffixFrame ? 2 : 0;
    const members = group.map((m) => ({ start: m.start + prefix, end: m.end - suffix }));
    if (members.every((m) => m.end - m.start >= 1 && !/[“”]/.test(text[m.start] + text[m.end - 1]))) return members;
  }
  return null;
}

/** A counted phrase or a quotation: another name after the label in its sentence. */
const OTHER_NAME = new RegExp(String.raw`[“"]|[${DIGITS_1_9}十两\d](?:个|项|大|条|类|种|方面)`);

/** Is the label ending at `labelEnd` the second or later name of a 、-list (增强“甲”、坚定“乙”)? */
function inNameList(text: string, labelEnd: number): boolean {
  let at = labelEnd - 1;
  while (at > 0 && labelEnd - at < 16 && !/[、，,。；;：:！!？?\n]/.test(text[at - 1])) at--;
  return text[at - 1] === '、';
}

/** The label's head word: its last two characters before `labelEnd`, quotes left out (三大行动 → 行动). */
function labelHead(text: string, labelEnd: number): string | null {
  const written = text.slice(Math.max(0, labelEnd - 4), labelEnd).replace(/[“”"‘’]/g, '');
  const head = written.slice(-2);
  return /^[\u3400-\u9fff]{2}$/.test(head) ? head : null;
}

/** Does the `at`-th paragraph after the label open with a clause ending in the label's head (its member plus the head)? */
function endsWithHead(text: string, paragraph: OutlineParagraph | undefined, member: Span0, head: string): boolean {
  if (!paragraph) return false;
  const clause = opening(text, paragraph);
  return member.start >= clause.start && text.slice(clause.start, clause.end).replace(/[“”"]/g, '').endsWith(head);
}

/**
 * Headings of their own after the label, exactly `count` of them within the section that follows, each ending with
 * the label's head word, quoted or not (部署三大行动。⏎ “数字赋能”行动 ⏎ … ⏎ 产业升级行动 ⏎ …). Each member is the heading
 * without its quotes; a page layout that repeats a heading line is read once.
 */
function headingsWithHead(text: string, paragraphs: OutlineParagraph[], index: number, count: number, head: string | null): Span0[] | null {
  if (!head || count < 2) return null;
  const members: Span0[] = [];
  const seen = new Set<string>();
  const last = Math.min(paragraphs.length - 1, index + 40);
  for (let p = index + 1; p <= last; p++) {
    const paragraph = paragraphs[p];
    if (!paragraph.heading || paragraph.frontMatter) continue;
    const clause = opening(text, paragraph);
    const written = text.slice(clause.start, clause.end).replace(/[“”"]/g, '');
    if (!written.endsWith(head) || written.length < 3 || written.length > 20) continue;
    if (seen.has(written) || [...seen].some((other) => other.endsWith(written) || written.endsWith(other))) continue;
    seen.add(written);
    let { start, end } = clause;
    if (text[start] === '“' && text[end - 1] === '”' && !/[“”]/.test(text.slice(start + 1, end - 1))) {
      start++;
      end--;
    }
    members.push({ start, end });
  }
  return members.length === count ? members : null;
}

/** Tags of a word that opens a predicate (稳住, 优化 vn, 壮大 a: an adjective used as a verb). */
const VERB_OPENING = /^(?:v|vn|vd|a|ad)$/;

/**
 * The unmarked first clauses of the next `count` paragraphs, when each opens with a verb and is short
 * (会议要求做好三项重点工作。⏎ 稳住住房消费，… ⏎ 推进建筑业改革，… ⏎ 加大保障房供给，…). The paragraph after them must not
 * open the same way (a longer series is the article going on, not these members).
 */
function verbOpenings(ctx: Context, paragraphs: OutlineParagraph[], index: number, count: number): Span0[] | null {
  if (count < 2 || index + count >= paragraphs.length) return null;
  const { text } = ctx;
  const verbal = (p: number): Span0 | null => {
    const paragraph = paragraphs[p];
    if (!paragraph || paragraph.frontMatter || paragraph.marker) return null;
    const clause = opening(text, paragraph);
    if (clause.end - clause.start < 3 || clause.end - clause.start > 16 || !/[，,。：:]/.test(text[clause.end] ?? '')) return null;
    const token = ctx.tokenStartingAt(clause.start);
    if (!token || token.end >= clause.end || !/^[\u3400-\u9fff]+$/.test(token.word) || !VERB_OPENING.test(ctx.tagOf(token.word) || 'x')) return null;
    return clause;
  };
  const members: Span0[] = [];
  for (let p = index + 1; p <= index + count; p++) {
    const member = verbal(p);
    if (!member) return null;
    members.push(member);
  }
  if (verbal(index + count + 1)) return null;
  return members;
}

/** Where the search for members after a label stops: its paragraph's end, or the next paragraph's when the label closes its own. */
function endOfNext(paragraphs: OutlineParagraph[], index: number, closes: boolean): number {
  if (!closes) return paragraphs[index].end;
  // Heading lines right after it (a page layout may repeat each heading) are passed over to the first body paragraph.
  let next = index + 1;
  while (next < paragraphs.length - 1 && next - index <= 4 && paragraphs[next].heading) next++;
  return paragraphs[next] ? paragraphs[next].end : paragraphs[index].end;
}

/** 在…的 / 对…的 opening a member: the frame around the thing it names (在涉及甲的乙领域 → 乙领域). */
const PREPOSITION_FRAME = /^(?:在|对|从|针对|围绕)[^，,]*的(?=[\u3400-\u9fff“]{2})/;

/**
 * The sentence after the label's sentence split at ；into exactly `count` parts (…体现在3个方面。在甲领域，力求…；对乙，
 * 力求…；深化丙，推出…。 / …3大指标实现增长。甲6168个，…；乙459亿元，…；丙178亿元，…): each member is its part's first
 * clause, before any figure, without a 在…的 frame. The label must end its sentence within a few words.
 */
function semicolonParts(ctx: Context, labelEnd: number, limit: number, count: number): Span0[] | null {
  const { text } = ctx;
  if (count < 2) return null;
  let at = labelEnd;
  while (at < limit && at - labelEnd <= 12 && !/[。；;，,：:！!？?\n]/.test(text[at])) at++;
  if (!/[。：:]/.test(text[at] ?? '')) return null;
  // The label closes its sentence (…体现在3个方面。), or each part opens with what it counts and its figure
  // (…3大指标实现增长。甲6168个，…；乙459亿元，…).
  const closes = at - labelEnd <= 1;
  const start = at + 1;
  let end = start;
  while (end < limit && !/[。！!？?\n]/.test(text[end])) end++;
  const parts: Span0[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || /[；;]/.test(text[i])) {
      parts.push({ start: from, end: i });
      from = i + 1;
    }
  }
  if (parts.length !== count) return null;
  const members: Span0[] = [];
  for (const part of parts) {
    let memberEnd = part.start;
    while (memberEnd < part.end && !/[，,：:\d]/.test(text[memberEnd])) memberEnd++;
    if (!closes && !/\d/.test(text[memberEnd] ?? '')) return null;
    let memberStart = part.start;
    const frame = PREPOSITION_FRAME.exec(text.slice(memberStart, memberEnd));
    if (frame) memberStart += frame[0].length;
    if (memberEnd - memberStart < 2 || memberEnd - memberStart > 24) return null;
    // A member names something (可量化指标领域); after a label closing its sentence, a part whose opening ends in its
    // verb (…明显提升, …新增) is a statement of results, not a member (before a figure the opening is its subject).
    let lastToken = memberEnd - 1;
    while (lastToken > memberStart && !ctx.isTokenStart(lastToken)) lastToken--;
    const token = ctx.tokenStartingAt(lastToken);
    if (closes && token && token.end === memberEnd && /^v$/.test(ctx.tagOf(token.word) || 'x')) return null;
    members.push({ start: memberStart, end: memberEnd });
  }
  return members;
}

/**
 * Clauses after the label that each open with a quotation, one after another (…三大支撑。“一张图”统筹布局，“一条链”
 * 构建体系，“一站式”服务企业。): exactly `count` of them, the run starting in the first two clauses after the label.
 */
function quotedClauses(text: string, labelEnd: number, limit: number, count: number): Span0[] | null {
  if (count < 2) return null;
  const members: Span0[] = [];
  let clause = 0;
  let at = labelEnd;
  // Skip the rest of the label's own clause.
  while (at < limit && !/[，,。；;：:！!？?\n]/.test(text[at])) at++;
  while (at < limit && members.length <= count) {
    at++;
    while (at < limit && /[\s\u3000]/.test(text[at])) at++;
    const clauseStart = at;
    while (at < limit && !/[，,。；;：:！!？?\n]/.test(text[at])) at++;
    const written = text.slice(clauseStart, at);
    const quote = /^[\u3400-\u9fff]{0,4}“([^“”]{1,10})”[\u3400-\u9fff]/.exec(written);
    clause++;
    if (quote) {
      const start = clauseStart + quote[0].indexOf('“') + 1;
      members.push({ start, end: start + quote[1].length });
    } else if (members.length) break;
    else if (clause >= 2) return null;
  }
  return members.length === count ? members : null;
}

/** Clause punctuation, for splitting a stretch into clauses. */
const CLAUSE_END = /[，,。；;！!？?\n]/;

/**
 * Exactly `count` clauses after the label that hold the label's head noun, framed alike (…3个不确定性 ⏎ 以甲对冲外部环境的
 * 不确定性，以乙对冲全球产业变局的不确定性，以丙对冲市场观望的不确定性): each member runs from after the last word all
 * the clauses share before the head, to the end of the head.
 */
function clausesSharingHead(ctx: Context, labelEnd: number, limit: number, count: number): Span0[] | null {
  const { text } = ctx;
  if (count < 2) return null;
  let bodyStart = labelEnd;
  while (bodyStart > labelEnd - 8 && /[\u3400-\u9fff]/.test(text[bodyStart - 1]) && !/[个项条大类种方面]/.test(text[bodyStart - 1])) bodyStart--;
  const head = text.slice(bodyStart, labelEnd);
  if (head.length < 2 || head.length > 4) return null;
  const found: Array<{ clause: Span0; headAt: number }> = [];
  const headings = outlineOf(ctx).paragraphs;
  let clauseStart = labelEnd;
  for (let i = labelEnd; i <= limit; i++) {
    if (i < limit && !CLAUSE_END.test(text[i])) continue;
    const at = text.slice(clauseStart, i).lastIndexOf(head);
    // A heading line (or its repetition by the page layout) is no member clause.
    if (at > 0 && clauseStart > labelEnd && !headings[ctx.paragraphIndex(clauseStart)]?.heading) found.push({ clause: { start: clauseStart, end: i }, headAt: clauseStart + at });
    clauseStart = i + 1;
    if (found.length > count) return null;
  }
  if (found.length !== count) return null;
  // The last token before the head that every clause has (对冲): members start after it.
  const wordsOf = (clause: Span0, headAt: number) => {
    const words = new Map<string, number>();
    for (let at = clause.start; at < headAt; at++) {
      const token = ctx.isTokenStart(at) ? ctx.tokenStartingAt(at) : undefined;
      if (token && token.end <= headAt && token.word.length >= 2 && /^[\u3400-\u9fff]+$/.test(token.word)) words.set(token.word, token.end);
    }
    return words;
  };
  const all = found.map(({ clause, headAt }) => wordsOf(clause, headAt));
  let shared: string | null = null;
  let sharedEnd = -1;
  for (const [word, end] of all[0]) if (all.every((words) => words.has(word)) && end > sharedEnd) [shared, sharedEnd] = [word, end];
  if (!shared) return null;
  const members = found.map(({ headAt }, index) => ({ start: all[index].get(shared!)!, end: headAt + head.length }));
  return members.every((m) => m.end - m.start > head.length && m.end - m.start <= 24) ? members : null;
}

/**
 * The members that follow a label ending at `labelEnd`, in its paragraph or in the next ones, as readings
 * (callers keep the one that fits the count):
 * - when the label ends its paragraph (会议要求抓好六个方面工作。) or sits in a heading: a run of paragraphs
 *   opening 一是…六是 / 第一… / （一）… / ①…, or parallel clauses sharing a frame in the next paragraphs;
 * - otherwise, parallel clauses sharing a frame in the rest of its paragraph.
 */
export function membersFollowing(ctx: Context, labelEnd: number, count: number): Span0[][] {
  const { text } = ctx;
  const outline = outlineOf(ctx);
  const index = ctx.paragraphIndex(labelEnd);
  const paragraph = outline.paragraphs[index];
  if (!paragraph) return [];
  const readings: Span0[][] = [];
  // Slices are bounded: a paragraph may be one megabyte long and hold thousands of labels.
  const rest = text.slice(labelEnd, Math.min(paragraph.end, labelEnd + 24)).replace(/[”"\s\u3000]/g, '');
  const endsParagraph = paragraph.end - labelEnd <= 24 && /^[\u3400-\u9fff]{0,6}[。：:！!]?$/.test(rest);
  // The label's sentence closes its paragraph (…实施三大行动，提升服务水平。): the next paragraphs may hold its members.
  const lastSentence = paragraph.end - labelEnd <= 400 && !/[。！!？?]/.test(text.slice(labelEnd, paragraph.end).replace(/[。！!？?][”"]?\s*$/, ''));
  const head = labelHead(text, labelEnd);
  if (endsParagraph || paragraph.heading) {
    const run = paragraphRun(text, outline.paragraphs, index + 1, count);
    if (run) readings.push(run);
    else if (/[：:]$/.test(rest)) {
      const lines = lineRun(text, outline.paragraphs, index + 1, count);
      if (lines) readings.push(lines);
    }
    const last = Math.min(outline.paragraphs.length - 1, index + 3);
    let to = paragraph.end;
    for (let p = index + 1; p <= last && !outline.paragraphs[p].heading; p++) to = Math.min(outline.paragraphs[p].end, paragraph.end + 1200);
    const parallel = parallelParagraphs(text, outline.paragraphs, index, count, false, head);
    if (parallel) readings.push(parallel);
    const framed = to > paragraph.end ? sharedFrame(ctx, paragraph.end + 1, to, count) : null;
    if (framed) readings.push(framed);
    const headed = headingsWithHead(text, outline.paragraphs, index, count, head);
    if (headed) readings.push(headed);
    const openings = verbOpenings(ctx, outline.paragraphs, index, count);
    if (openings) readings.push(openings);
  } else if (lastSentence) {
    // The label's sentence closes its paragraph (…实施三大行动，提升服务水平。) but goes on after the label: only
    // members that the layout or the label's own head word ties to it — a numbered run when no other counted or
    // quoted name follows the label (增强“四个意识”、坚定“四个自信”… lists watchwords, not the run's subject), or the
    // next paragraphs opening alike and ending with the label's head (实施甲行动。… 实施乙行动。…).
    const after = text.slice(labelEnd, Math.min(paragraph.end, labelEnd + 400));
    const run = OTHER_NAME.test(after) || inNameList(text, labelEnd) ? null : paragraphRun(text, outline.paragraphs, index + 1, count);
    if (run) readings.push(run);
    const parallel = parallelParagraphs(text, outline.paragraphs, index, count, false, head);
    if (parallel && head && parallel.every((member, at) => endsWithHead(text, outline.paragraphs[index + 1 + at], member, head))) readings.push(parallel);
    const headed = headingsWithHead(text, outline.paragraphs, index, count, head);
    if (headed) readings.push(headed);
  }
  // Section headings that share a shape name the members of a label anywhere before them (从三个维度观察 … 打通“上”与“下”).
  // The label ends its sentence (该县培育两大主导产业。茶产业方面，… 竹产业方面，…): parallel sentence openings next.
  if (!readings.length && /^[”"]?[。：:]/.test(text.slice(labelEnd, labelEnd + 2))) {
    const sentences = parallelSentences(text, labelEnd + 1, Math.min(paragraph.end, labelEnd + 800), count);
    if (sentences) readings.push(sentences);
  }
  const fits = () => readings.some((reading) => reading.length === count);
  if (!fits()) {
    const parts = semicolonParts(ctx, labelEnd, Math.min(paragraph.end, labelEnd + 800), count);
    if (parts) readings.push(parts);
  }
  if (!fits()) {
    const quoted = quotedClauses(text, labelEnd, Math.min(endOfNext(outline.paragraphs, index, endsParagraph || paragraph.heading), labelEnd + 600), count);
    if (quoted) readings.push(quoted);
  }
  if (!fits()) {
    const shared = clausesSharingHead(ctx, labelEnd, Math.min(endOfNext(outline.paragraphs, index, endsParagraph || paragraph.heading || lastSentence), labelEnd + 800), count);
    if (shared) readings.push(shared);
  }
  if (!readings.length && (paragraph.heading || lastSentence)) {
    const headings = parallelParagraphs(text, outline.paragraphs, index, count, true);
    if (headings) readings.push(headings);
  }
  if (readings.length) return readings;
  if (/^[”"]?(?:[:：]|——)/.test(text.slice(labelEnd, labelEnd + 3))) {
    const framed = sharedFrame(ctx, labelEnd, Math.min(paragraph.end, labelEnd + 600), count);
    if (framed) readings.push(framed);
  }
  return readings;
}
