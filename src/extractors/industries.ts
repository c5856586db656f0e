import { listEndingAt, listStartingAfter, type Span0 } from '../grammar/lists';
import type { Context, Extractor } from '../pipeline/context';
import type { Industry } from '../types';

/** Labels that present a list as the place's leading industries. */
const INDUSTRY_LABEL = /(?:主导|支柱|重点|特色|优势|首位|战略性新兴|新兴|先导|未来|传统优势)产业(?:集群|链)?|产业集群|[一二两三四五六七八九十\d]{1,4}大(?:主导|支柱|重点|特色|优势)?产业(?:集群)?/g;
const GENERIC = /^(?:产业|经济|行业|企业|项目|领域|集群|发展|战略性|新兴)$/;
/** An enumeration label that names industries: it ends with the industry word (三大支柱产业, “三大产业集群”). */
const INDUSTRY_SET = /(?:(?:主导|支柱|重点|特色|优势|首位|战略性新兴|新兴|先导|未来|传统优势)产业(?:集群)?|大产业(?:集群)?|产业集群)$/;
/** Places, bases and scenery are not industries. */
const NOT_INDUSTRY = /(?:基地|中心|景区|风光带|园区|村|镇|片区|项目|工程|实施)$|[\d+＋a-zA-Z]/;
const LEAD_VERB = /^(?:发展|培育|壮大|打造|做大做强|做强|做优|做大|推动|聚焦|围绕|突出|优化提升|提升)/;

/** Trim a member to the industry it names: the lexicon entry it contains, or without a lead verb. */
function industryName(ctx: Context, member: Span0): Span0 | null {
  const text = ctx.text.slice(member.start, member.end);
  for (const known of ctx.lexicon.industries) {
    const at = text.indexOf(known);
    if (at >= 0 && text.length > known.length + 3) return { start: member.start + at, end: member.start + at + known.length };
  }
  const lead = LEAD_VERB.exec(text);
  let start = member.start + (lead && text.length - lead[0].length >= 2 ? lead[0].length : 0);
  let end = member.end;
  const stop = ctx.text.slice(start, end).search(/等|[“”"]/);
  if (stop >= 0) end = start + stop;
  while (start < end && /[“”"]/.test(ctx.text[start])) start++;
  if (ctx.text.slice(end - 2, end) === '产业' && end - start > 4) end -= 2;
  const name = ctx.text.slice(start, end);
  if (name.length < 2 || name.length > 12 || GENERIC.test(name) || NOT_INDUSTRY.test(name)) return null;
  const first = ctx.tokenStartingAt(start);
  if (first && first.end < end && /^(?:v|p|d|c)$/.test(ctx.tagOf(first.word) || 'x')) return null; // a clause, not a name
  return { start, end };
}

export const industries: Extractor = {
  id: 'industries',
  needs: ['enumerations'],
  provides: ['industries'],
  run(ctx) {
    const { text } = ctx;
    const found: Industry[] = [];
    const seen = new Set<string>();
    const add = (members: Span0[] | null) => {
      for (const member of members ?? []) {
        const name = industryName(ctx, member);
        if (!name) continue;
        const written = ctx.surface(name.start, name.end);
        if (seen.has(written)) continue;
        seen.add(written);
        found.push({ name: written, span: ctx.span(name.start, name.end) });
      }
    };
    // Lists named by an enumeration whose label is an industry label (三大主导产业: 高端装备制造、新材料、数字经济).
    for (const enumeration of ctx.found.enumerations ?? []) {
      if (!INDUSTRY_SET.test(enumeration.label.replace(/[“”"‘’]/g, ''))) continue;
      for (const item of enumeration.items) {
        add([{ start: item.span[0], end: item.span[1] }]);
      }
    }
    INDUSTRY_LABEL.lastIndex = 0;
    for (let match = INDUSTRY_LABEL.exec(text); match; match = INDUSTRY_LABEL.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (/^[带园区基地]/.test(text.slice(end, end + 1))) continue; // 特色产业带, 产业园区: places, not the industries
      // A、B、C等主导产业 / A、B两大支柱产业.
      let listEnd = start;
      const counted = /(?:等|这|共)?(?:[一二两三四五六七八九十\d]+[大个项类])?$/.exec(text.slice(Math.max(0, start - 5), start));
      if (counted) listEnd = start - counted[0].length;
      // The list must attach to the label (A、B等主导产业), not merely precede it in a longer list.
      if (listEnd > 0 && /[\u3400-\u9fff”"]/.test(text[listEnd - 1])) add(listEndingAt(ctx, listEnd));
      // 主导产业为/是/包括：A、B、C.
      if (/^(?:[为是有]|包括|主要有|主要是|[:：])/.test(text.slice(end, end + 4))) add(listStartingAfter(ctx, end));
      // 橡胶轮胎产业集群: a known industry right before the label.
      for (const known of ctx.lexicon.industries) {
        if (text.slice(start - known.length, start) === known) {
          add([{ start: start - known.length, end: start }]);
          break;
        }
      }
    }
    return { industries: found };
  },
};
