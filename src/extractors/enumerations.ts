import { countedPhrases, itemsFor } from '../grammar/items';
import type { CountedPhrase } from '../grammar/counted';
import type { Context, Extractor } from '../pipeline/context';
import type { Enumeration, Warning } from '../types';

/** Verbs that present a count as a set to act on (出台8条措施) rather than a tally of work done. */
const SET_VERBS = /(?:出台|聚焦|实施|推出|制定|围绕|抓好|办好|落实|明确|提出|部署|打造|突出|坚持|强化|做到|增强|坚定|树立|把握|推进|开展|构建|形成|补齐|补足|破解|解决|建立|健全|完善|抓住|实现|聚力|着力|做好|用好|守住|守牢|筑牢|统筹)$/;
/** Verbs that report a tally (完成9项改革任务, 改造800个小区). */
const TALLY_VERBS = /(?:完成|改造|建成|新建|新增|累计|共有|共|达到|达|服务|覆盖|惠及|培育|引进|签约|落地|开工|竣工|投产|开展了|举办|组织|涉及|已有|拥有|有|超过|其中|全市|全省|全区|全县)$/;

/** Enumeration or quantity? Follows the gold rules: listed members or a set to act on → enumeration. */
export function isEnumeration(ctx: Context, phrase: CountedPhrase, hasItems: boolean): boolean {
  if (phrase.count < 2) return false;
  if (hasItems) return true;
  if (phrase.measure === '级') return false; // 三级甲等医院: levels count as a set only when they are listed.
  if (phrase.quoted || phrase.measure === '大') return true;
  const before = ctx.text.slice(Math.max(0, phrase.start - 6), phrase.start);
  if (SET_VERBS.test(before)) return true;
  if (TALLY_VERBS.test(before)) return false;
  return !phrase.digits && phrase.count <= 12;
}

const normalizedLabel = (label: string) => label.replace(/[“”"‘’「」『』\s]/g, '');

export const enumerations: Extractor = {
  id: 'enumerations',
  needs: ['frameworks'],
  provides: ['enumerations'],
  run(ctx) {
    const used = new Set<string>();
    for (const framework of ctx.found.frameworks ?? []) for (const component of framework.components) used.add(component.span.join(':'));
    const found: Enumeration[] = [];
    const warnings: Warning[] = [];
    const byLabel = new Map<string, Enumeration>();
    for (const phrase of countedPhrases(ctx)) {
      const span = ctx.span(phrase.start, phrase.end);
      if (used.has(span.join(':'))) continue;
      const { items } = itemsFor(ctx, phrase);
      if (!isEnumeration(ctx, phrase, items.length > 0)) continue;
      const label = ctx.surface(phrase.start, phrase.end);
      // “三大产业” after “三大产业集群”: a short back-reference, not a new set.
      if (!items.length && found.some((other) => other.count === phrase.count && normalizedLabel(other.label).startsWith(normalizedLabel(label)) && normalizedLabel(other.label) !== normalizedLabel(label))) continue;
      const known = byLabel.get(normalizedLabel(label));
      if (known) {
        if (!known.items.length && items.length) known.items = items.map((item) => ctx.item(item.start, item.end));
        continue;
      }
      if (items.length && items.length !== phrase.count) {
        warnings.push({ code: 'count-mismatch', message: `${label} says ${phrase.count} but ${items.length} items are listed`, span });
      }
      const enumeration: Enumeration = { count: phrase.count, label, span, items: items.map((item) => ctx.item(item.start, item.end)) };
      byLabel.set(normalizedLabel(label), enumeration);
      found.push(enumeration);
    }
    return { enumerations: found, warnings };
  },
};
