/**
 * Where the output is doubtful, say so: a pipeline step after the extractors that reads their results only (it
 * never changes an item) and returns warnings a reader can follow to the item. Each warning has `at`, a JSON
 * pointer to the item (`/frameworks/0`, `/meeting`), which the table, Markdown and the report use to mark it.
 */
import type { Extracted } from './context';
import type { Warning } from '../types';

/** The warning codes this step writes, documented in the README's output contract. */
export const DOUBT_CODES = ['formula-unexplained', 'enumeration-incomplete', 'official-without-title', 'meeting-without-date'] as const;

/**
 * Doubts about `found` (working offsets, like every result before mapping). `earlier` are the warnings the
 * extractors gave: an enumeration whose extractor already reported a count mismatch at the same span is not
 * reported twice.
 */
export function doubts(found: Partial<Extracted>, earlier: readonly Warning[]): Warning[] {
  const out: Warning[] = [];
  const mismatched = new Set(earlier.filter((w) => w.code === 'count-mismatch' && w.span).map((w) => w.span!.join(':')));
  (found.frameworks ?? []).forEach((framework, i) => {
    const parts = framework.formula.split('+').length;
    if (framework.components.length < parts) {
      out.push({
        code: 'formula-unexplained',
        message: `formula ${framework.formula} has ${parts} parts but ${framework.components.length ? `only ${framework.components.length}` : 'none'} explained in the text`,
        span: [framework.span[0], framework.span[1]],
        at: `/frameworks/${i}`,
      });
    }
  });
  (found.enumerations ?? []).forEach((enumeration, i) => {
    const pointer = `/enumerations/${i}`;
    const key = enumeration.span.join(':');
    if (mismatched.has(key)) {
      // The extractor said it already (too few or too many items): point its warning at the item so that it is
      // marked like the others, and say nothing more.
      for (const warning of earlier) if (warning.code === 'count-mismatch' && warning.span?.join(':') === key) warning.at ??= pointer;
      return;
    }
    // Some items but not all: the list looks complete and is not. A set named without its members (要落实三项保障)
    // is ordinary in this genre and shows an empty Items cell; warning on each would bury the partial lists (in a
    // sample of 30 articles, 101 of 108 such warnings were empty sets).
    if (!enumeration.items.length || enumeration.items.length >= enumeration.count) return;
    out.push({
      code: 'enumeration-incomplete',
      message: `${enumeration.label} counts ${enumeration.count} but only ${enumeration.items.length} item(s) were found`,
      span: [enumeration.span[0], enumeration.span[1]],
      at: pointer,
    });
  });
  (found.officials ?? []).forEach((official, i) => {
    if (official.titles.length) return;
    out.push({ code: 'official-without-title', message: `${official.name} was found without a title`, span: [official.span[0], official.span[1]], at: `/officials/${i}` });
  });
  const meeting = found.meeting;
  if (meeting && !meeting.date) {
    const why = meeting.dateText ? `“${meeting.dateText}” gives no full date` : 'no date was found';
    out.push({ code: 'meeting-without-date', message: `meeting ${meeting.name ?? ''}: ${why}`.replace(/ +:/, ':'), span: [meeting.span[0], meeting.span[1]], at: '/meeting' });
  }
  return out;
}
