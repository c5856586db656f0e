/**
 * What the archive answers: one person's dated appearances (with changes of post flagged), everyone, one place's
 * meetings, formulas and leading industries per year, and which places use which formula or industry and since
 * when. Each view is data (for JSON), sections (for terminal tables and HTML) and one flat sheet (for CSV).
 */
import type Database from 'better-sqlite3';

type Cell = string | number | null;

export interface Section {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface View {
  /** What the view shows, for headings. */
  title: string;
  data: unknown;
  /** Tables for the terminal (built only when asked for: a long view is printed in one format). */
  sections(): Section[];
  /** The whole view as one sheet (CSV). */
  sheet(): { header: string[]; rows: Cell[][] };
}

const list = (text: string): string[] => JSON.parse(text) as string[];
const joined = (items: string[]) => items.join('、');

export interface Appearance {
  date: string | null;
  titles: string[];
  posts: string[];
  roles: string[];
  meeting: string | null;
  organization: string | null;
  headline: string | null;
  source: string;
  span: [number, number];
  /** Posts seen here for the first time after the first appearance (a change of post), else empty. */
  newPosts: string[];
  /** Posts of the earlier appearances that this one no longer names, when it names new ones. */
  previousPosts: string[];
  /** How this mention was matched to the person (`unit`, `related-unit`, `name-only` …). */
  resolution: string;
}

export interface PersonEntry {
  id: number;
  name: string;
  uncertain: boolean;
  units: string[];
  appearances: Appearance[];
  /** First seen as X, later as Y: one line per change. */
  changes: string[];
}

/** Everyone of this name (same-name people kept apart are separate entries), each with dated appearances. */
export function personView(db: Database.Database, name: string): View {
  const persons = db.prepare<[string], { person_id: number; uncertain: number }>('SELECT person_id, uncertain FROM persons WHERE name = ? ORDER BY first_date, person_id').all(name);
  const unitsOf = db.prepare<[number], { unit: string }>('SELECT unit FROM person_units WHERE person_id = ? ORDER BY n DESC, unit');
  const rowsOf = db.prepare<[number], { date: string | null; titles: string; posts: string; roles: string; resolution: string; span_start: number; span_end: number; source: string; title: string | null; meeting_name: string | null; meeting_org: string | null }>(
    `SELECT m.date, m.titles, m.posts, m.roles, m.resolution, m.span_start, m.span_end, d.source, d.title, d.meeting_name, d.meeting_org
     FROM mentions m JOIN documents d ON d.doc_id = m.doc_id WHERE m.person_id = ? ORDER BY m.date IS NULL, m.date, d.source`,
  );
  // One person's titles, posts and roles repeat from article to article: parse each distinct list once.
  const parsed = new Map<string, string[]>();
  const listOf = (text: string) => {
    let value = parsed.get(text);
    if (!value) parsed.set(text, (value = list(text)));
    return value;
  };
  const entries: PersonEntry[] = persons.map((p) => {
    const seen = new Set<string>();
    let last: string[] = [];
    const changes: string[] = [];
    const appearances = rowsOf.all(p.person_id).map((row, i): Appearance => {
      const posts = listOf(row.posts);
      const fresh = i === 0 ? [] : posts.filter((post) => !seen.has(post));
      const previous = fresh.length ? last.filter((post) => !posts.includes(post)) : [];
      if (fresh.length) changes.push(`${row.date ?? 'undated'}: first seen as ${joined(previous.length ? previous : last)}, now ${joined(posts)}`);
      posts.forEach((post) => seen.add(post));
      if (posts.length) last = posts;
      return {
        date: row.date,
        titles: listOf(row.titles),
        posts,
        roles: listOf(row.roles),
        meeting: row.meeting_name,
        organization: row.meeting_org,
        headline: row.title,
        source: row.source,
        span: [row.span_start, row.span_end],
        newPosts: fresh,
        previousPosts: previous,
        resolution: row.resolution,
      };
    });
    return { id: p.person_id, name, uncertain: p.uncertain === 1, units: unitsOf.all(p.person_id).map((u) => u.unit), appearances, changes };
  });
  const label = (e: PersonEntry) => `${e.name} #${e.id}${e.units.length ? ` (${joined(e.units)})` : ''}${e.uncertain ? ' — uncertain merge' : ''}`;
  const columns = ['date', 'titles', 'roles', 'meeting', 'source', 'change'];
  const row = (a: Appearance): Cell[] => [a.date, joined(a.titles), joined(a.roles), a.meeting ?? a.headline, a.source, a.newPosts.length ? `post changed: ${joined(a.newPosts)}` : ''];
  return {
    title: `person ${name}`,
    data: { name, persons: entries },
    sections: () => entries.map((e) => ({ title: label(e), columns, rows: e.appearances.map(row) })),
    sheet: () => ({
      header: ['person_id', 'name', 'uncertain', ...columns, 'span_start', 'span_end'],
      rows: entries.flatMap((e) => e.appearances.map((a) => [e.id, e.name, e.uncertain ? 1 : 0, ...row(a), a.span[0], a.span[1]])),
    }),
  };
}

/** Everyone in the archive with first and last dates, appearances and the number of posts. */
export function peopleView(db: Database.Database): View {
  const rows = db
    .prepare<[], { person_id: number; name: string; first_date: string | null; last_date: string | null; appearances: number; posts: number; uncertain: number; units: string | null }>(
      `SELECT person_id, name, first_date, last_date, appearances, posts, uncertain,
         (SELECT group_concat(unit, '、') FROM (SELECT unit FROM person_units u WHERE u.person_id = p.person_id ORDER BY n DESC, unit)) AS units
       FROM persons p ORDER BY name, first_date, person_id`,
    )
    .all();
  const columns = ['person_id', 'name', 'units', 'first', 'last', 'appearances', 'posts', 'uncertain'];
  const cells = rows.map((r): Cell[] => [r.person_id, r.name, r.units ?? '', r.first_date, r.last_date, r.appearances, r.posts, r.uncertain ? 'uncertain' : '']);
  return {
    title: 'people',
    data: rows.map((r) => ({ id: r.person_id, name: r.name, units: r.units ? r.units.split('、') : [], first: r.first_date, last: r.last_date, appearances: r.appearances, posts: r.posts, uncertain: r.uncertain === 1 })),
    sections: () => [{ title: `people (${rows.length})`, columns, rows: cells }],
    sheet: () => ({ header: columns, rows: cells }),
  };
}

/** Documents of a place: its exact name, or every place it opens (淄博 → 淄博市, 淄博经济开发区). */
const placeMatch = (column: string) => `(${column} = @name OR (${column} >= @name AND ${column} < @name || char(1114111)))`;

export interface PlaceYear {
  year: number | null;
  meetings: Array<{ date: string | null; name: string | null; organization: string | null; place: string | null; source: string }>;
  formulas: Array<{ formula: string; date: string | null; source: string; components: Array<{ count: string; label: string; items: string[] }> }>;
  industries: Array<{ name: string; documents: number; first: string | null }>;
}

/** One place (or every place its name opens): meetings, formulas with components and leading industries, per year. */
export function placeView(db: Database.Database, name: string): View {
  const docs = db
    .prepare<{ name: string }, { doc_id: number; source: string; date: string | null; year: number | null; meeting_name: string | null; meeting_org: string | null; title: string | null; place: string }>(
      `SELECT doc_id, source, date, year, meeting_name, meeting_org, title, place FROM documents WHERE ${placeMatch('place')} ORDER BY date IS NULL, date, source`,
    )
    .all({ name });
  const frameworks = db
    .prepare<{ name: string }, { framework_id: number; formula: string; date: string | null; source: string }>(
      `SELECT f.framework_id, f.formula, f.date, d.source FROM frameworks f JOIN documents d ON d.doc_id = f.doc_id WHERE ${placeMatch('f.place')} ORDER BY f.date IS NULL, f.date, d.source`,
    )
    .all({ name });
  const components = db.prepare<[number], { count: string; label: string; items: string }>('SELECT count, label, items FROM components WHERE framework_id = ? ORDER BY position');
  const industries = db
    .prepare<{ name: string }, { name: string; year: number | null; documents: number; first: string | null }>(
      `SELECT name, CAST(substr(date, 1, 4) AS INTEGER) AS year, count(*) AS documents, min(date) AS first FROM industries WHERE ${placeMatch('place')} GROUP BY year, name ORDER BY year, documents DESC, name`,
    )
    .all({ name });
  const years = new Map<number | null, PlaceYear>();
  const yearOf = (year: number | null) => {
    let entry = years.get(year);
    if (!entry) years.set(year, (entry = { year, meetings: [], formulas: [], industries: [] }));
    return entry;
  };
  for (const d of docs) if (d.meeting_name) yearOf(d.year).meetings.push({ date: d.date, name: d.meeting_name, organization: d.meeting_org, place: d.place, source: d.source });
  for (const f of frameworks) {
    yearOf(f.date ? Number(f.date.slice(0, 4)) : null).formulas.push({
      formula: f.formula,
      date: f.date,
      source: f.source,
      components: components.all(f.framework_id).map((c) => ({ count: c.count, label: c.label, items: (JSON.parse(c.items) as Array<{ text: string }>).map((i) => i.text) })),
    });
  }
  for (const i of industries) yearOf(i.year).industries.push({ name: i.name, documents: i.documents, first: i.first });
  const ordered = [...years.values()].sort((a, b) => (a.year ?? 99999) - (b.year ?? 99999));
  const sheet: Cell[][] = [];
  for (const y of ordered) {
    for (const m of y.meetings) sheet.push([y.year, 'meeting', m.date, m.name, m.organization, m.source]);
    for (const f of y.formulas) sheet.push([y.year, 'formula', f.date, f.formula, f.components.map((c) => `${c.label}：${joined(c.items)}`).join('；'), f.source]);
    for (const i of y.industries) sheet.push([y.year, 'industry', i.first, i.name, `${i.documents} documents`, '']);
  }
  const yearLabel = (y: PlaceYear) => (y.year === null ? 'undated' : String(y.year));
  return {
    title: `place ${name}`,
    data: { place: name, documents: docs.length, years: ordered },
    sections: () => ordered.flatMap((y) => [
      { title: `${yearLabel(y)}: meetings`, columns: ['date', 'meeting', 'organization', 'source'], rows: y.meetings.map((m): Cell[] => [m.date, m.name, m.organization, m.source]) },
      { title: `${yearLabel(y)}: formulas`, columns: ['date', 'formula', 'components', 'source'], rows: y.formulas.map((f): Cell[] => [f.date, f.formula, f.components.map((c) => `${c.label}：${joined(c.items)}`).join('\n'), f.source]) },
      { title: `${yearLabel(y)}: leading industries`, columns: ['industry', 'documents', 'first'], rows: y.industries.map((i): Cell[] => [i.name, i.documents, i.first]) },
    ]).filter((s) => s.rows.length),
    sheet: () => ({ header: ['year', 'kind', 'date', 'name', 'detail', 'source'], rows: sheet }),
  };
}

/** Which places use each formula or industry, when each place first did, and where it appeared first of all. */
function spreadView(db: Database.Database, kind: 'formulas' | 'industries'): View {
  const table = kind === 'formulas' ? 'frameworks' : 'industries';
  const key = kind === 'formulas' ? 'formula' : 'name';
  // min(date) picks the row its bare columns (doc_id) come from: the first document of each place.
  const rows = db
    .prepare<[], { item: string; place: string | null; first: string | null; documents: number; source: string }>(
      `SELECT g.item, g.place, g.first, g.documents, d.source FROM (
         SELECT ${key} AS item, place, min(coalesce(date, '9999')) AS first, count(*) AS documents, doc_id FROM ${table} GROUP BY ${key}, place
       ) g JOIN documents d ON d.doc_id = g.doc_id ORDER BY g.item, g.first, g.place`,
    )
    .all();
  const items = new Map<string, { [k: string]: unknown; places: Array<{ place: string | null; first: string | null; documents: number; source: string }> }>();
  for (const r of rows) {
    const first = r.first === '9999' ? null : r.first;
    let entry = items.get(r.item);
    if (!entry) items.set(r.item, (entry = { [kind === 'formulas' ? 'formula' : 'industry']: r.item, first, firstPlace: r.place, firstSource: r.source, places: [] }));
    entry.places.push({ place: r.place, first, documents: r.documents, source: r.source });
  }
  const data = [...items.values()];
  const columns = [kind === 'formulas' ? 'formula' : 'industry', 'place', 'first', 'documents', 'source'];
  const cells = rows.map((r): Cell[] => [r.item, r.place, r.first === '9999' ? null : r.first, r.documents, r.source]);
  return { title: kind, data, sections: () => [{ title: `${kind} (${data.length}) by place, first appearance first`, columns, rows: cells }], sheet: () => ({ header: columns, rows: cells }) };
}

export const formulasView = (db: Database.Database) => spreadView(db, 'formulas');
export const industriesView = (db: Database.Database) => spreadView(db, 'industries');
