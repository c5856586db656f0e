/**
 * Batch aggregation, used by `--summary`, its formatters and the report's overview charts: a small digest per
 * document (made where the document was analysed) folded into batch totals. Only digests cross to the main thread,
 * never texts or whole results, so memory grows with distinct names, not inputs.
 */
import type { AnalysisResult } from '../types';

export interface DocDigest {
  /** `mentions`: how many times the name occurs in the document. */
  officials: Array<{ name: string; titles: string[]; mentions: number }>;
  formulas: string[];
  enumerations: string[];
  industries: string[];
  /** Keywords with their TF-IDF weight. */
  keywords: Array<{ word: string; weight: number }>;
  /** `YYYY-MM` of the meeting date; null when a meeting has no known date; absent when there is no meeting. */
  month?: string | null;
}

export interface BatchSummary {
  documents: number;
  failed: number;
  /** `mentions`: occurrences summed over all documents. */
  officials: Array<{ name: string; documents: number; mentions: number; titles: string[] }>;
  formulas: Array<{ formula: string; documents: number }>;
  enumerations: Array<{ label: string; documents: number }>;
  industries: Array<{ name: string; documents: number }>;
  /** Keywords by number of documents listing them; `weight` is their TF-IDF weight summed over those documents. */
  keywords: Array<{ word: string; documents: number; weight: number }>;
  meetingsByMonth: Array<{ month: string; meetings: number }>;
  undatedMeetings: number;
}

const unique = (values: string[]) => [...new Set(values)];

export function digestOf(result: AnalysisResult): DocDigest {
  return {
    officials: result.officials.map((o) => ({ name: o.name, titles: o.titles, mentions: o.spans.length })),
    formulas: unique(result.frameworks.map((f) => f.formula)),
    enumerations: unique(result.enumerations.map((e) => e.label)),
    industries: unique(result.industries.map((i) => i.name)),
    keywords: result.keywords.map((k) => ({ word: k.word, weight: k.weight })),
    ...(result.meeting ? { month: result.meeting.date ? result.meeting.date.slice(0, 7) : null } : {}),
  };
}

/** Most documents first, then by name, so the summary is the same for any --jobs. */
function ranked<K extends string>(counts: Map<string, number>, key: K): Array<Record<K, string> & { documents: number }> {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([name, documents]) => ({ [key]: name, documents }) as Record<K, string> & { documents: number });
}

export class SummaryBuilder {
  private documents = 0;
  private failed = 0;
  private readonly officials = new Map<string, { documents: number; mentions: number; titles: Set<string> }>();
  private readonly formulas = new Map<string, number>();
  private readonly enumerations = new Map<string, number>();
  private readonly industries = new Map<string, number>();
  private readonly keywords = new Map<string, number>();
  private readonly weights = new Map<string, number>();
  private readonly months = new Map<string, number>();
  private undated = 0;

  addFailure(): void {
    this.failed++;
  }

  add(digest: DocDigest): void {
    this.documents++;
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    const seen = new Set<string>();
    for (const official of digest.officials) {
      const entry = this.officials.get(official.name) ?? { documents: 0, mentions: 0, titles: new Set<string>() };
      if (!seen.has(official.name)) entry.documents++;
      entry.mentions += official.mentions;
      seen.add(official.name);
      for (const title of official.titles) entry.titles.add(title);
      this.officials.set(official.name, entry);
    }
    digest.formulas.forEach((f) => bump(this.formulas, f));
    digest.enumerations.forEach((e) => bump(this.enumerations, e));
    digest.industries.forEach((i) => bump(this.industries, i));
    const words = new Set<string>();
    for (const k of digest.keywords) {
      if (!words.has(k.word)) bump(this.keywords, k.word);
      words.add(k.word);
      this.weights.set(k.word, (this.weights.get(k.word) ?? 0) + k.weight);
    }
    if (digest.month) bump(this.months, digest.month);
    else if (digest.month === null) this.undated++;
  }

  build(): BatchSummary {
    const officialCounts = new Map([...this.officials].map(([name, entry]) => [name, entry.documents]));
    return {
      documents: this.documents,
      failed: this.failed,
      officials: ranked(officialCounts, 'name').map((o) => {
        const entry = this.officials.get(o.name)!;
        // First-seen order keeps a title chain as written; outcomes arrive in input order, so it is the same for any --jobs.
        return { ...o, mentions: entry.mentions, titles: [...entry.titles] };
      }),
      formulas: ranked(this.formulas, 'formula'),
      enumerations: ranked(this.enumerations, 'label'),
      industries: ranked(this.industries, 'name'),
      // Ties by summed weight, so a chart of them is not alphabetical noise.
      keywords: [...this.keywords]
        .map(([word, documents]) => ({ word, documents, weight: Math.round((this.weights.get(word) ?? 0) * 1000) / 1000 }))
        .sort((a, b) => b.documents - a.documents || b.weight - a.weight || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0)),
      meetingsByMonth: [...this.months].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, meetings]) => ({ month, meetings })),
      undatedMeetings: this.undated,
    };
  }
}
