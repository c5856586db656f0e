/**
 * Storing analysis results in the archive: one document's rows (its items with their spans) written or replaced in
 * one transaction, and every official's mention resolved to a person.
 *
 * Person resolution: a mention is the same person as earlier mentions of the same name when their units agree (the
 * place or body their posts are held in: 淄博市, 住房和城乡建设部 — see posts.ts). A mention whose unit is only related
 * to the person's (淄博市 / 淄博经济开发区), or that has no unit at all, joins the person but marks it `uncertain`; a
 * same-name mention in an unrelated unit is a different person.
 */
import { createHash } from 'crypto';
import type Database from 'better-sqlite3';
import type { AnalysisResult } from '../types';
import type { Posts } from './posts';

/**
 * How a mention was matched to its person (stored in `mentions.resolution`): `new` person, same `unit`, a unit shared
 * with several same-name people (`ambiguous-unit`), only a `related-unit`, or the `name-only`.
 */
export type Resolution = 'new' | 'unit' | 'ambiguous-unit' | 'related-unit' | 'name-only';

/** Resolutions that make a person an uncertain merge. */
export const UNCERTAIN: readonly Resolution[] = ['ambiguous-unit', 'related-unit', 'name-only'];

export interface StoreOutcome {
  /** `added`: a new document; `replaced`: a changed input's rows replaced; `unchanged`: same content hash, skipped. */
  status: 'added' | 'replaced' | 'unchanged';
  docId: number;
}

/** The hash stored for a record read from JSONL: its analysis fields, not the line's spacing. */
export function recordHash(record: AnalysisResult): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

/** The hash stored for an analysed input: its decoded text and the record schema it was analysed into. */
export function textHash(text: string, schemaVersion: string): string {
  return createHash('sha256').update(schemaVersion).update('\0').update(text).digest('hex');
}

const json = (value: unknown) => JSON.stringify(value);

export class ArchiveStore {
  private readonly s: ReturnType<ArchiveStore['prepare']>;

  constructor(
    readonly db: Database.Database,
    private readonly posts: Posts,
  ) {
    this.s = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      hashOf: db.prepare<[string], { doc_id: number; content_hash: string }>('SELECT doc_id, content_hash FROM documents WHERE source = ?'),
      personsOfDoc: db.prepare<[number], { person_id: number; units: string }>('SELECT person_id, units FROM mentions WHERE doc_id = ?'),
      deleteDoc: db.prepare<[number]>('DELETE FROM documents WHERE doc_id = ?'),
      insertDoc: db.prepare(`INSERT INTO documents (source, content_hash, record_schema, title, title_start, title_end, published, published_source,
        published_start, published_end, meeting_name, meeting_name_start, meeting_name_end, meeting_org, meeting_org_start, meeting_org_end,
        meeting_date, meeting_date_start, meeting_date_end, date, year, place) VALUES (@source, @hash, @schema, @title, @titleStart, @titleEnd,
        @published, @publishedSource, @publishedStart, @publishedEnd, @meetingName, @meetingNameStart, @meetingNameEnd, @meetingOrg,
        @meetingOrgStart, @meetingOrgEnd, @meetingDate, @meetingDateStart, @meetingDateEnd, @date, @year, @place)`),
      candidates: db.prepare<[string], { person_id: number; unit: string | null; appearances: number }>(
        'SELECT p.person_id, u.unit, p.appearances FROM persons p LEFT JOIN person_units u ON u.person_id = p.person_id WHERE p.name = ? ORDER BY p.person_id',
      ),
      newPerson: db.prepare<[string]>('INSERT INTO persons (name) VALUES (?)'),
      addUnit: db.prepare<[number, string]>('INSERT INTO person_units (person_id, unit, n) VALUES (?, ?, 1) ON CONFLICT (person_id, unit) DO UPDATE SET n = n + 1'),
      addPost: db.prepare<[number, string]>('INSERT INTO person_posts (person_id, post, n) VALUES (?, ?, 1) ON CONFLICT (person_id, post) DO UPDATE SET n = n + 1'),
      insertMention: db.prepare(`INSERT INTO mentions (doc_id, person_id, name, titles, posts, roles, units, resolution, date, span_start, span_end, spans)
        VALUES (@docId, @personId, @name, @titles, @posts, @roles, @units, @resolution, @date, @start, @end, @spans)`),
      // Adding a mention updates its person in place (a person seen in thousands of documents is never re-read).
      countMention: db.prepare<{ personId: number; date: string | null; uncertain: number }>(`UPDATE persons SET
          appearances = appearances + 1,
          first_date = CASE WHEN @date IS NULL THEN first_date WHEN first_date IS NULL OR @date < first_date THEN @date ELSE first_date END,
          last_date = CASE WHEN @date IS NULL THEN last_date WHEN last_date IS NULL OR @date > last_date THEN @date ELSE last_date END,
          uncertain = max(uncertain, @uncertain),
          posts = (SELECT count(*) FROM person_posts WHERE person_id = @personId)
        WHERE person_id = @personId`),
      // Removing a document recounts the people it mentioned from what is left.
      recountUnits: db.prepare<[number]>(`DELETE FROM person_units WHERE person_id = ?`),
      rebuildUnits: db.prepare<[number]>(`INSERT INTO person_units (person_id, unit, n)
          SELECT person_id, value, count(*) FROM mentions, json_each(mentions.units) WHERE person_id = ? GROUP BY value`),
      recountPosts: db.prepare<[number]>(`DELETE FROM person_posts WHERE person_id = ?`),
      rebuildPosts: db.prepare<[number]>(`INSERT INTO person_posts (person_id, post, n)
          SELECT person_id, value, count(*) FROM mentions, json_each(mentions.posts) WHERE person_id = ? GROUP BY value`),
      refreshPerson: db.prepare<[number]>(`UPDATE persons SET
          appearances = (SELECT count(*) FROM mentions WHERE person_id = persons.person_id),
          first_date = (SELECT min(date) FROM mentions WHERE person_id = persons.person_id),
          last_date = (SELECT max(date) FROM mentions WHERE person_id = persons.person_id),
          uncertain = EXISTS (SELECT 1 FROM mentions WHERE person_id = persons.person_id AND resolution IN (${UNCERTAIN.map((r) => `'${r}'`).join(', ')})),
          posts = (SELECT count(*) FROM person_posts WHERE person_id = persons.person_id)
        WHERE person_id = ?`),
      dropEmptyPerson: db.prepare<[number]>('DELETE FROM persons WHERE person_id = ? AND appearances = 0'),
      insertFramework: db.prepare('INSERT INTO frameworks (doc_id, formula, place, date, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?)'),
      insertComponent: db.prepare('INSERT INTO components (framework_id, position, count, label, span_start, span_end, items) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      insertIndustry: db.prepare('INSERT INTO industries (doc_id, name, place, date, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  /** True when `source` is stored with this content hash (nothing to do). */
  isCurrent(source: string, hash: string): boolean {
    return this.s.hashOf.get(source)?.content_hash === hash;
  }

  /** Store one record under `source`, replacing that source's earlier rows, in one transaction. */
  store(source: string, hash: string, record: AnalysisResult): StoreOutcome {
    return this.db.transaction((): StoreOutcome => {
      const old = this.s.hashOf.get(source);
      if (old?.content_hash === hash) return { status: 'unchanged', docId: old.doc_id };
      const touched = new Set<number>();
      if (old) this.removeDoc(old.doc_id, touched);
      // The people the old rows named are recounted before the new rows are resolved against them.
      for (const personId of touched) {
        this.s.recountUnits.run(personId);
        this.s.rebuildUnits.run(personId);
        this.s.recountPosts.run(personId);
        this.s.rebuildPosts.run(personId);
        this.s.refreshPerson.run(personId);
        this.s.dropEmptyPerson.run(personId);
      }
      const docId = this.insert(source, hash, record);
      return { status: old ? 'replaced' : 'added', docId };
    })();
  }

  private removeDoc(docId: number, touched: Set<number>): void {
    for (const mention of this.s.personsOfDoc.all(docId)) touched.add(mention.person_id);
    // Mentions, frameworks (and their components) and industries go with the document (ON DELETE CASCADE).
    this.s.deleteDoc.run(docId);
  }

  /** The document's own unit: where its meeting's body is, else the place its headline opens with. */
  private documentUnit(record: AnalysisResult): string | null {
    const org = record.meeting?.organization;
    const fromOrg = org ? this.posts.unitOfBody(org) : null;
    if (fromOrg) return fromOrg;
    const title = record.title?.text;
    return title ? this.posts.unitOf(this.posts.canonical(title)) : null;
  }

  private insert(source: string, hash: string, record: AnalysisResult): number {
    const m = record.meeting;
    const p = record.published ?? null;
    const date = m?.date ?? p?.date ?? null;
    const place = this.documentUnit(record);
    const info = this.s.insertDoc.run({
      source,
      hash,
      schema: record.schemaVersion,
      title: record.title?.text ?? null,
      titleStart: record.title?.span[0] ?? null,
      titleEnd: record.title?.span[1] ?? null,
      published: p?.date ?? null,
      publishedSource: p?.source ?? null,
      publishedStart: p?.span[0] ?? null,
      publishedEnd: p?.span[1] ?? null,
      meetingName: m?.name ?? null,
      meetingNameStart: m?.nameSpan?.[0] ?? null,
      meetingNameEnd: m?.nameSpan?.[1] ?? null,
      meetingOrg: m?.organization ?? null,
      meetingOrgStart: m?.organizationSpan?.[0] ?? null,
      meetingOrgEnd: m?.organizationSpan?.[1] ?? null,
      meetingDate: m?.date ?? null,
      meetingDateStart: m?.dateSpan?.[0] ?? null,
      meetingDateEnd: m?.dateSpan?.[1] ?? null,
      date,
      year: date ? Number(date.slice(0, 4)) : null,
      place,
    });
    const docId = Number(info.lastInsertRowid);
    for (const official of record.officials) {
      const posts = official.titles.map((title) => this.posts.post(title, place));
      const units = new Set<string>();
      for (const post of posts) {
        const unit = this.posts.unitOf(post);
        if (unit) units.add(unit);
      }
      // An official whose titles name no unit (市委常委, 管委会主任) holds them where the article is.
      if (!units.size && place) units.add(place);
      const { personId, resolution } = this.resolve(official.name, [...units]);
      for (const unit of units) this.s.addUnit.run(personId, unit);
      for (const post of new Set(posts)) this.s.addPost.run(personId, post);
      this.s.insertMention.run({
        docId,
        personId,
        name: official.name,
        titles: json(official.titles),
        posts: json(posts),
        roles: json(official.roles),
        units: json([...units]),
        resolution,
        date,
        start: official.span[0],
        end: official.span[1],
        spans: json(official.spans),
      });
      this.s.countMention.run({ personId, date, uncertain: UNCERTAIN.includes(resolution) ? 1 : 0 });
    }
    for (const framework of record.frameworks) {
      const f = this.s.insertFramework.run(docId, framework.formula, place, date, framework.span[0], framework.span[1]);
      const frameworkId = Number(f.lastInsertRowid);
      framework.components.forEach((c, i) => this.s.insertComponent.run(frameworkId, i, String(c.count), c.label, c.span[0], c.span[1], json(c.items)));
    }
    for (const industry of record.industries) this.s.insertIndustry.run(docId, industry.name, place, date, industry.span[0], industry.span[1]);
    return docId;
  }

  /** The person a mention of `name` with these units is: an agreeing one, a related one (uncertain), or a new one. */
  private resolve(name: string, units: string[]): { personId: number; resolution: Resolution } {
    const people = new Map<number, { units: string[]; appearances: number }>();
    for (const row of this.s.candidates.all(name)) {
      const entry = people.get(row.person_id) ?? { units: [], appearances: row.appearances };
      if (row.unit) entry.units.push(row.unit);
      people.set(row.person_id, entry);
    }
    const fresh = (): { personId: number; resolution: Resolution } => ({ personId: Number(this.s.newPerson.run(name).lastInsertRowid), resolution: 'new' });
    if (!people.size) return fresh();
    const ranked = [...people.entries()].sort((a, b) => b[1].appearances - a[1].appearances || a[0] - b[0]);
    const agreeing = ranked.filter(([, p]) => p.units.some((u) => units.includes(u)));
    if (agreeing.length) return { personId: agreeing[0][0], resolution: agreeing.length > 1 ? 'ambiguous-unit' : 'unit' };
    const related = ranked.filter(([, p]) => p.units.some((u) => units.some((v) => this.posts.related(u, v))));
    if (related.length) return { personId: related[0][0], resolution: 'related-unit' };
    // Nothing to tell them apart: the name alone joins them, reported as uncertain.
    if (!units.length || ranked.every(([, p]) => !p.units.length)) return { personId: ranked[0][0], resolution: 'name-only' };
    return fresh();
  }
}
