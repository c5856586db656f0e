import fc from 'fast-check';
import { escapeHtml, highlight, type Mark } from '../../src/report/highlight';

const unescape = (html: string) => html.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
/** The text a browser would show: tags removed, entities decoded. */
const visible = (html: string) => unescape(html.replace(/<[^>]*>/g, ''));

/** Text of every piece of each mark, concatenated in document order (pieces never nest in each other). */
function pieces(html: string): Map<string, string> {
  const out = new Map<string, string>();
  const stack: Array<string | null> = [];
  const re = /<mark [^>]*data-mark="([^"]+)"[^>]*>|<\/mark>|[^<]+/g;
  for (const m of html.matchAll(re)) {
    if (m[0].startsWith('<mark')) stack.push(m[1]);
    else if (m[0] === '</mark>') stack.pop();
    else for (const id of new Set(stack)) if (id) out.set(id, (out.get(id) ?? '') + unescape(m[0]));
  }
  return out;
}

const mark = (id: string, start: number, end: number, kind = 'item'): Mark => ({ id, kind, span: [start, end], label: id });

describe('highlight', () => {
  test('nested marks nest', () => {
    const html = highlight('abcdef', [mark('outer', 0, 6, 'official'), mark('inner', 2, 4, 'mention')]);
    expect(html).toBe(
      '<mark class="hl k-official" id="outer" tabindex="0" data-mark="outer" title="outer" data-tip="outer">ab' +
        '<mark class="hl k-mention" id="inner" tabindex="0" data-mark="inner" title="inner" data-tip="inner">cd</mark>ef</mark>',
    );
  });

  test('crossing marks are split into pieces; only the first piece has the id', () => {
    const html = highlight('abcdef', [mark('a', 0, 4), mark('b', 2, 6)]);
    expect(visible(html)).toBe('abcdef');
    expect(pieces(html)).toEqual(
      new Map([
        ['a', 'abcd'],
        ['b', 'cdef'],
      ]),
    );
    expect(html.match(/id="b"/g)).toHaveLength(1);
    expect(html).toContain('class="hl k-item cont"');
  });

  test('article text is escaped, including in marks and tooltips', () => {
    const text = '<script>alert("x")</script> & <b>';
    const html = highlight(text, [{ id: 'm', kind: 'slogan', span: [0, 8], label: '"><img src=x onerror=alert(1)>' }]);
    expect(html).not.toMatch(/<script|<b>|<img/);
    expect(html).toContain('title="&#34;&#62;&#60;img src=x onerror=alert(1)&#62;"');
    expect(visible(html)).toBe(text);
  });

  test('spans outside the text are clipped, empty ones dropped', () => {
    const html = highlight('abc', [mark('x', 2, 10), mark('y', 5, 7), mark('z', 1, 1)]);
    expect(pieces(html)).toEqual(new Map([['x', 'c']]));
  });

  test('property: any set of marks keeps the text intact and each mark covers exactly its span', () => {
    const text = '会议强调，要抓好三大重点任务：起步区、产业园区、基础设施建设。<&>"\'';
    const arbSpan = fc.tuple(fc.nat(text.length), fc.nat(text.length)).filter(([a, b]) => a !== b).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
    const kinds = fc.constantFrom('official', 'formula', 'component', 'item', 'industry', 'removed');
    fc.assert(
      fc.property(fc.array(fc.tuple(arbSpan, kinds), { maxLength: 12 }), (specs) => {
        const marks = specs.map(([span, kind], i) => ({ id: `m${i}`, kind, span, label: kind }));
        const html = highlight(text, marks);
        expect(visible(html)).toBe(text);
        const opened = (html.match(/<mark /g) ?? []).length;
        expect((html.match(/<\/mark>/g) ?? []).length).toBe(opened);
        const got = pieces(html);
        for (const m of marks) expect(got.get(m.id)).toBe(text.slice(m.span[0], m.span[1]));
      }),
    );
  });

  test('escapeHtml covers the five HTML specials and CR', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
    // A raw CR would be folded into the following LF by the HTML parser and shift every later offset in the DOM.
    expect(escapeHtml('a\r\nb')).toBe('a&#13;\nb');
  });
});
