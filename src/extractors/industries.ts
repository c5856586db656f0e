import { listEndingAt, listStartingAfter, type Span0 } from '../grammar/lists';
import type { Context, Extractor } from '../pipeline/context';
import type { Industry } from '../types';
import { endsWithAny } from '../grammar/words';
import { COUNT_CHARS } from '../util/numbers';
import { escapeRegExp } from '../lexicon/word-lists';

/**
 * What may stand between a list and its industry label: a copula (作为, 为), 等, a count with a grade
 * (两大千亿级, 3个百亿元级), a formula in quotes (“1+1”), 传统/新兴.
 */
const COUNT_BEFORE_LABEL = new RegExp(
  String.raw`(?:作为|成为|列为|[为是])?(?:等|这|共)?(?:[${COUNT_CHARS}\d]+[大个项类条](?:[\u3400-\u9fff\d]{1,4}级)?)?(?:“[\dA-Za-z+＋]{3,9}”)?(?:传统|新兴)?$`,
);

/** After a plain 产业 label, words that make it the place's priority (十个产业作为发展重点, 产业列为主导). */
const QUALIFIED_AFTER = /^(?:作为|列为|确定为|为)[\u3400-\u9fff]{0,4}?(?:重点|主导|支柱|首位|优势)/;

/** A list member that names a cluster or chain of an industry (电子信息产业集群): the industry is before it. */
const CLUSTER_SUFFIX = /(?:产业集群|产业链|产业|集群)$/;


/** The industry-label regex from the qualifier list: 主导产业, 支柱产业集群, 三大产业, 产业集群 … */
function labelPattern(ctx: Context): RegExp {
  return ctx.shared('industries:label', () => {
    const qualifiers = ctx.lexicon.list('industry-qualifiers').map(escapeRegExp);
    const q = qualifiers.length ? `(?:${qualifiers.join('|')})` : '(?!)';
    // 产业定位: the industries a place is positioned on (聚焦甲和乙“1+1”产业定位); 三大优势服务业 names service industries.
    const qualifiedAfter = QUALIFIED_AFTER.source.slice(1);
    return new RegExp(
      `${q}(?:产业(?:集群|链|体系)?|服务业)|产业集群|产业定位|[${COUNT_CHARS}\\d]{1,4}大(?:${q})?(?:产业(?:集群)?|服务业)|(?:[${COUNT_CHARS}\\d]{1,4}个)?产业(?=${qualifiedAfter})`,
      'g',
    );
  });
}

/** An enumeration label that names industries: it ends with an industry label (三大支柱产业, “三大产业集群”). */
function isIndustrySet(ctx: Context, label: string): boolean {
  const pattern = ctx.shared('industries:set', () => new RegExp(`(?:${labelPattern(ctx).source})$`));
  return pattern.test(label.replace(/[“”"‘’]/g, ''));
}

/**
 * Trim a list member to the industry it names: lead-ins (以, 在, 发展 …) off its start, 为主/等/产业 off its end;
 * the rest must be a noun phrase by jieba's tags (运用数字技术改造提升传统产业 names no industry).
 */
function industryName(ctx: Context, member: Span0): Span0 | null {
  const { text } = ctx;
  const leadIns = ctx.lexicon.set('industry-lead-ins');
  let { start, end } = member;
  while (start < end && /[“”"‘’\s]/.test(text[start])) start++;
  for (let guard = 0; guard < 4 && start < end; guard++) {
    const token = ctx.tokenStartingAt(start);
    const word = token && token.end <= end ? token.word : null;
    if (!word || !leadIns.has(word) || end - token!.end < 2) break;
    start = token!.end;
  }
  // 前三季度金融: a time word opening the member is the sentence's, not the industry's.
  let lead = start;
  for (let guard = 0; guard < 3 && lead < end; guard++) {
    const token = ctx.tokenStartingAt(lead);
    if (!token || token.end >= end - 1 || !/^(?:f|m|mq|t)$/.test(ctx.tagOf(token.word) || 'x')) break;
    lead = token.end;
  }
  // Only a run that names a time (前三季度, 今年) is trimmed; 下陆 or 现代 open a name.
  if (lead > start && /[年月季度]/.test(text.slice(start, lead))) start = lead;
  const stop = text.slice(start, end).search(/等|为主|[“”"‘’]/);
  if (stop >= 0) end = start + stop;
  const cluster = CLUSTER_SUFFIX.exec(text.slice(start, end));
  if (cluster && end - start - cluster[0].length >= 2) end -= cluster[0].length;
  const name = text.slice(start, end);
  // 千亿元级, 个国家优势: a grade, or a member cut after a count's numeral, names no industry.
  if (/级$/.test(name) || /[\d一二两三四五六七八九十百千万亿]/.test(text[start - 1] ?? '')) return null;
  if (name.length < 2 || name.length > 14 || ctx.lexicon.set('industry-generic').has(name) || endsWithAny(ctx.lexicon, 'industry-not-heads').test(name) || /[\d+＋a-zA-Z]/.test(name)) return null;
  // A known industry inside a longer clause is the name (大力发展高端装备制造 → 高端装备制造).
  for (let at = start; at < end; at++) {
    if (!ctx.isTokenStart(at)) continue;
    const token = ctx.tokenStartingAt(at);
    if (!token || token.end > end) break;
    // A verb may sit inside a name (新一代自主安全计算) but not open it, nor a long clause.
    const tag = (ctx.tagOf(token.word) || 'x');
    const verbal = /^(?:v|p|d|c|vd|r|u|uj)$/.test(tag);
    if (verbal && (at === start || name.length > 10) && !/^[与和及（）()]$/.test(token.word)) {
      for (const known of ctx.lexicon.industries) {
        const index = name.indexOf(known);
        if (index >= 0) return { start: start + index, end: start + index + known.length };
      }
      return null;
    }
  }
  return { start, end };
}

/** A 、-list ending at `end` with its last member split at 和/及 but not at 与 (生物医药与健康 stays one). */
function listBeforeLabel(ctx: Context, end: number): Span0[] | null {
  return splitLastAnd(ctx, listEndingAt(ctx, end, false));
}

/** Split a list's last member at 和/及/以及 (not 与): 竹木加工和生态旅游 → 竹木加工, 生态旅游. */
function splitLastAnd(ctx: Context, list: Span0[] | null): Span0[] | null {
  if (list) {
    const last = list[list.length - 1];
    // 以及 joins more loosely than 和 (软件和信息服务以及科技服务业 → 软件和信息服务, 科技服务业).
    const m = /^(.{2,})以及(.{2,})$/.exec(ctx.text.slice(last.start, last.end)) ?? /^(.{2,}?)(?:和|及)(.{2,})$/.exec(ctx.text.slice(last.start, last.end));
    if (m && !/[“”（(]/.test(m[0])) list.splice(list.length - 1, 1, { start: last.start, end: last.start + m[1].length }, { start: last.end - m[2].length, end: last.end });
    return list;
  }
  return null;
}

/** The noun chunk ending at `end` (“煤电酒”等, 纺织业是): back over quotes and nominal tokens, at most 12 characters. */
function chunkBefore(ctx: Context, end: number): Span0 | null {
  const { text } = ctx;
  if (/[”"’]/.test(text[end - 1] ?? '')) {
    const open = text.lastIndexOf(text[end - 1] === '’' ? '‘' : '“', end - 2);
    if (open >= 0 && end - open <= 14 && !/[，,。；、]/.test(text.slice(open, end))) return { start: open + 1, end: end - 1 };
    return null;
  }
  let start = end;
  for (let at = end - 1; at >= 0 && end - at <= 12; at--) {
    if (!ctx.isTokenStart(at)) continue;
    const token = ctx.tokenStartingAt(at);
    if (!token || token.end > start || !/^[\u3400-\u9fff]+$/.test(token.word) || !/^(?:n|nz|ng|vn|j|l|b|x)$/.test((ctx.tagOf(token.word) || 'x'))) break;
    start = at;
  }
  return end - start >= 2 ? { start, end } : null;
}

/** Tags a clause's subject may be built from (nominal tokens only). */
const NOMINAL = /^(?:n|nz|ng|vn|j|l|b|x|eng|an)$/;

/**
 * 要持续壮大主导产业。数字经济要…，精密机械要…，新能源要…: when the label ends its sentence, the subjects of the
 * parallel clauses that open the next sentence (each a noun chunk followed by the same word) are its members.
 * At least two clauses, all in the label's paragraph; the run stops at the first clause of another shape.
 */
function topicMembers(ctx: Context, sentenceEnd: number): Span0[] {
  const { text } = ctx;
  const paragraph = ctx.paragraphs[ctx.paragraphIndex(sentenceEnd)];
  if (!paragraph) return [];
  const limit = Math.min(paragraph[1], sentenceEnd + 400);
  const members: Span0[] = [];
  let frame: string | null = null;
  let at = sentenceEnd + 1;
  while (at < limit) {
    while (at < limit && /[\s\u3000]/.test(text[at])) at++;
    let end = at;
    while (end < limit && end - at <= 12 && ctx.isTokenStart(end)) {
      const token = ctx.tokenStartingAt(end);
      if (!token || !/^[\u3400-\u9fff]+$/.test(token.word) || !NOMINAL.test(ctx.tagOf(token.word) || 'x')) break;
      end = token.end;
    }
    const next = end > at ? ctx.tokenStartingAt(end) : null;
    if (!next || end - at < 2 || end - at > 10 || NOMINAL.test(ctx.tagOf(next.word) || 'x') || (frame !== null && next.word !== frame)) break;
    frame = next.word;
    members.push({ start: at, end });
    // On to the next clause of the same sentence.
    let stop = next.end;
    while (stop < limit && !/[，,；;。！!？?]/.test(text[stop])) stop++;
    if (stop >= limit || /[。！!？?]/.test(text[stop])) break;
    at = stop + 1;
  }
  return members.length >= 2 ? members : [];
}

/** Two members joined by 和/与/及 right before `end`, no 、 (数字经济和文化旅游), each a nominal chunk. */
function pairBefore(ctx: Context, end: number): Span0[] | null {
  const second = wordsBefore(ctx, end);
  if (!second) return null;
  const joiner = /(?:和|与|及|以及)$/.exec(ctx.text.slice(Math.max(0, second.start - 2), second.start));
  if (!joiner) return null;
  const first = wordsBefore(ctx, second.start - joiner[0].length);
  return first ? [first, second] : null;
}

/** Tags that end a member going back (了, 的, 在, 和, 也 …). */
const FUNCTION_TAG = /^(?:u|uj|ul|uz|ug|uv|p|c|d|r|m|q)$/;

/** The words back from `end` to a function word, a lead-in verb or punctuation (智能制造 in 确立了智能制造), 2–8 characters. */
function wordsBefore(ctx: Context, end: number): Span0 | null {
  const leadIns = ctx.lexicon.set('industry-lead-ins');
  let start = end;
  for (let at = end - 1; at >= 0 && end - at <= 8; at--) {
    if (!ctx.isTokenStart(at)) continue;
    const token = ctx.tokenStartingAt(at);
    if (!token || token.end > start || !/^[\u3400-\u9fff]+$/.test(token.word) || leadIns.has(token.word) || FUNCTION_TAG.test(ctx.tagOf(token.word) || 'x')) break;
    start = at;
  }
  return end - start >= 2 ? { start, end } : null;
}

/**
 * 围绕特种玻璃显示等主导产业: one member before 等 that holds a verb-tagged word (显示) — back to the lead-in word
 * (围绕, 发展 …) or the clause start, at most 10 characters.
 */
function memberAfterLeadIn(ctx: Context, end: number): Span0 | null {
  const leadIns = ctx.lexicon.set('industry-lead-ins');
  for (let at = end - 1; at >= 0 && end - at <= 12; at--) {
    if (/[，,。；;：:、\n（）()“”]/.test(ctx.text[at])) return end - at - 1 >= 2 && end - at - 1 <= 10 ? { start: at + 1, end } : null;
    const token = ctx.isTokenStart(at) ? ctx.tokenStartingAt(at) : undefined;
    if (token && at < end && leadIns.has(token.word) && token.end <= end) return end - token.end >= 2 && end - token.end <= 10 ? { start: token.end, end } : null;
  }
  return null;
}

/** 首位产业是新能源汽车: the noun chunk after the copula, up to the clause's end. */
function singleAfterCopula(ctx: Context, labelEnd: number): Span0[] | null {
  const m = /^(?:是|为)([\u3400-\u9fff]{2,10})(?=[，,。；;！!\n]|$)/.exec(ctx.text.slice(labelEnd, labelEnd + 14));
  if (!m) return null;
  const start = labelEnd + m[0].length - m[1].length;
  const chunk = chunkBefore(ctx, start + m[1].length);
  if (!chunk || chunk.start !== start) return null;
  // 以优势产业为龙头: a two-character role word is no industry unless the lexicon knows it (化工).
  return m[1].length >= 3 || ctx.lexicon.industries.includes(m[1]) ? [chunk] : null;
}

export const industries: Extractor = {
  id: 'industries',
  needs: ['frameworks', 'enumerations'],
  provides: ['industries'],
  run(ctx) {
    const { text } = ctx;
    const found: Industry[] = [];
    const seen = new Set<string>();
    // `rule` (docs/rules.md) says how the members were read, `label` where the industry label is.
    const add = (members: Span0[] | null, rule: string, label: [number, number]) => {
      for (const member of members ?? []) {
        const name = industryName(ctx, member);
        if (!name) continue;
        const written = ctx.surface(name.start, name.end);
        // 科技服务 and 科技服务业 name one industry.
        const bare = written.replace(/业$/, '');
        if (seen.has(bare)) continue;
        seen.add(bare);
        found.push({ name: written, span: ctx.span(name.start, name.end), rule, evidence: [ctx.span(name.start, name.end), ctx.span(...label)] });
      }
    };
    // Lists named by an enumeration whose label is an industry label (三大主导产业: 高端装备制造、新材料、数字经济).
    const sets = [...(ctx.found.frameworks ?? []).flatMap((framework) => framework.components), ...(ctx.found.enumerations ?? [])];
    for (const enumeration of sets) {
      if (!isIndustrySet(ctx, enumeration.label)) continue;
      for (const item of enumeration.items) {
        add([{ start: item.span[0], end: item.span[1] }], 'industry.counted-set', enumeration.span);
      }
    }
    const pattern = labelPattern(ctx);
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (/^[带园区基地]/.test(text.slice(end, end + 1))) continue; // 特色产业带, 产业园区: places, not the industries
      if (/^之一/.test(text.slice(end, end + 2))) continue;
      // A、B、C等主导产业 / A、B两大支柱产业 / “煤电酒”等传统支柱产业.
      let listEnd = start;
      const counted = COUNT_BEFORE_LABEL.exec(text.slice(Math.max(0, start - 7), start));
      if (counted) listEnd = start - counted[0].length;
      // 智能制造和现代物流的产业定位: only a 产业定位 takes its members through 的 (…竞争力的战略性新兴产业 does not).
      if (match[0] === '产业定位' && listEnd === start && text[start - 1] === '的') listEnd--;
      const glued = listEnd > 0 && /[\u3400-\u9fff”"）)]/.test(text[listEnd - 1]);
      let listed = false;
      if (glued) {
        let list = listBeforeLabel(ctx, listEnd);
        // 运用数字技术、绿色技术改造提升传统优势产业: with nothing between them (no 等, no count), a list whose last
        // member ends with a verb is that verb's instrument, and the label is its object, not the list's name.
        if (list && listEnd === start) {
          const last = list[list.length - 1];
          let lastToken: string | null = null;
          for (let at = last.start; at < last.end; at++) if (ctx.isTokenStart(at)) lastToken = ctx.tokenStartingAt(at)?.word ?? lastToken;
          if (lastToken && (ctx.tagOf(lastToken) || 'x') === 'v') list = null;
        }
        // 数字经济和文化旅游“1+1”产业定位: two members joined by 和 with no 、.
        if (!list && listEnd < start) list = pairBefore(ctx, listEnd);
        if (list) add(list, 'industry.list-before-label', [start, end]);
        else if (text[listEnd] === '等') add([chunkBefore(ctx, listEnd) ?? memberAfterLeadIn(ctx, listEnd)].filter((m): m is Span0 => m !== null), 'industry.one-before-etc', [start, end]);
        listed = !!list || text[listEnd] === '等';
      }
      // 主导产业为/是/包括：A、B、C.
      if (/^(?:[为是有]|包括|主要有|主要是|[:：])/.test(text.slice(end, end + 4))) {
        const after = splitLastAnd(ctx, listStartingAfter(ctx, end, false));
        // 首位产业是新能源汽车: one industry named after the copula.
        if (after) add(after, 'industry.list-after-label', [start, end]);
        else add(singleAfterCopula(ctx, end), 'industry.one-after-copula', [start, end]);
      }
      // 要持续壮大主导产业。数字经济要…，精密机械要…: the label is the topic sentence's object, the members follow.
      if (!listed && /^[。：:]/.test(text[end] ?? '') && !/^(?:[为是有]|包括|主要)/.test(text.slice(end, end + 2))) add(topicMembers(ctx, end), 'industry.topic-clauses', [start, end]);
      // 纺织业是传统优势产业 / 纺织业是该县的主导产业: a copula names one industry.
      const copula = /(?:是|为|成为|作为)(?:[\u3400-\u9fff]{0,6}?的)?(?:传统|新兴)?$/.exec(text.slice(Math.max(0, start - 12), start));
      if (copula && !listed) {
        const subjectEnd = start - copula[0].length;
        const subject = chunkBefore(ctx, subjectEnd);
        if (subject && /^[，,。；;\n]?$/.test(text.slice(subject.start - 1, subject.start).replace(/[\u3400-\u9fff]/, ''))) add([subject], 'industry.copula', [start, end]);
      }
      // 橡胶轮胎产业集群: a known industry right before the label.
      for (const known of ctx.lexicon.industries) {
        if (text.slice(start - known.length, start) === known) {
          add([{ start: start - known.length, end: start }], 'industry.known-before-label', [start, end]);
          break;
        }
      }
    }
    return { industries: found };
  },
};
