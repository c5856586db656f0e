import type { Extractor } from '../pipeline/context';

/** The headline: the first kept paragraph when it reads like one (short, no sentence end). */
export const title: Extractor = {
  id: 'title',
  needs: [],
  provides: ['title'],
  run(ctx) {
    const first = ctx.paragraphs[0];
    if (!first) return { title: null };
    const [start, end] = first;
    const text = ctx.text.slice(start, end);
    if (end - start > 80 || /[。!！?？:：]$/.test(text) || /^摘要/.test(text)) return { title: null };
    return { title: ctx.item(start, end) };
  },
};
