import { analyze as analyzeText } from '../src/analyzer';
import type { AnalysisResult, Span } from '../src/types';

export function analyze(text: string): AnalysisResult {
  return analyzeText({ text, path: 'test.txt' });
}

/** The decoded text at a span, with line breaks the cleaner joined taken out. */
export function at(text: string, span: Span): string {
  return text.slice(span[0], span[1]).replace(/\s*\n\s*/g, '');
}

/** Every span in a result with the text the item reports for it. */
export function spansOf(result: AnalysisResult): Array<[string, Span]> {
  const out: Array<[string, Span]> = [];
  if (result.title) out.push([result.title.text, result.title.span]);
  const meeting = result.meeting;
  if (meeting) {
    if (meeting.name !== null && meeting.nameSpan) out.push([meeting.name, meeting.nameSpan]);
    if (meeting.organization !== null && meeting.organizationSpan) out.push([meeting.organization, meeting.organizationSpan]);
    if (meeting.dateText !== null && meeting.dateSpan) out.push([meeting.dateText, meeting.dateSpan]);
  }
  for (const o of result.officials) for (const span of o.spans) out.push([o.name, span]);
  for (const p of result.people) out.push([p.name, p.span]);
  for (const f of result.frameworks) for (const c of f.components) {
    out.push([c.label, c.span]);
    for (const i of c.items) out.push([i.text, i.span]);
  }
  for (const e of result.enumerations) {
    out.push([e.label, e.span]);
    for (const i of e.items) out.push([i.text, i.span]);
  }
  for (const i of result.industries) out.push([i.name, i.span]);
  for (const s of result.slogans) {
    out.push([s.text, s.span]);
    for (const part of s.parts) out.push([part.text, part.span]);
  }
  for (const q of result.quantities) out.push([q.text, q.span]);
  for (const d of result.directives) out.push([d.text, d.span]);
  for (const r of result.removed) out.push([r.text, r.span]);
  return out;
}
