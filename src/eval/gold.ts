/** The gold annotation format `meeting-analyze eval` reads (docs/annotation.md), and its validation. */

export interface GoldCounted {
  count: number | string;
  label: string;
  items: string[];
}

export interface GoldMeeting {
  date: string | null;
  name: string;
  organization: string | null;
  aliases?: string[];
}

export interface GoldOfficial {
  name: string;
  titles: string[];
  roles: string[];
}

/**
 * One article's answers. `file` names the article; every other field is optional: a field left out was not
 * annotated and is not scored for this article (`meeting: null` and `[]` are answers: "none").
 */
export interface Gold {
  file: string;
  title?: string | null;
  meeting?: GoldMeeting | null;
  officials?: GoldOfficial[];
  people?: Array<{ name: string; role: string }>;
  frameworks?: Array<{ formula: string; components: GoldCounted[] }>;
  enumerations?: GoldCounted[];
  industries?: string[];
  boilerplate?: string[];
}

/** A gold file that cannot be used; the message names the field. */
export class GoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoldError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function strings(value: unknown, where: string): void {
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) throw new GoldError(`${where} must be a list of strings`);
}

function counted(value: unknown, where: string): void {
  if (!isObject(value)) throw new GoldError(`${where} must be an object {count, label, items}`);
  if (typeof value.count !== 'number' && typeof value.count !== 'string') throw new GoldError(`${where}.count must be a number or "N"`);
  if (typeof value.label !== 'string') throw new GoldError(`${where}.label must be a string`);
  strings(value.items ?? [], `${where}.items`);
}

function list(value: unknown, where: string, each: (entry: unknown, where: string) => void): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) throw new GoldError(`${where} must be a list`);
  value.forEach((entry, index) => each(entry, `${where}[${index}]`));
}

/** Parse and check one gold file's text; throws GoldError naming what is wrong. */
export function parseGold(text: string): Gold {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new GoldError(`not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new GoldError('must be a JSON object');
  if (typeof value.file !== 'string' || !value.file) throw new GoldError('"file" (the article it annotates) is missing');
  if (value.title !== undefined && value.title !== null && typeof value.title !== 'string') throw new GoldError('title must be a string or null');
  if (value.meeting !== undefined && value.meeting !== null) {
    const meeting = value.meeting;
    if (!isObject(meeting) || typeof meeting.name !== 'string') throw new GoldError('meeting must be null or an object with a name');
    if (meeting.date !== null && meeting.date !== undefined && !(typeof meeting.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(meeting.date))) throw new GoldError('meeting.date must be YYYY-MM-DD or null');
    if (meeting.organization !== null && meeting.organization !== undefined && typeof meeting.organization !== 'string') throw new GoldError('meeting.organization must be a string or null');
  }
  list(value.officials, 'officials', (entry, where) => {
    if (!isObject(entry) || typeof entry.name !== 'string') throw new GoldError(`${where} must be an object with a name`);
    strings(entry.titles ?? [], `${where}.titles`);
    strings(entry.roles ?? [], `${where}.roles`);
  });
  list(value.frameworks, 'frameworks', (entry, where) => {
    if (!isObject(entry) || typeof entry.formula !== 'string') throw new GoldError(`${where} must be an object with a formula`);
    list(entry.components ?? [], `${where}.components`, counted);
  });
  list(value.enumerations, 'enumerations', counted);
  if (value.industries !== undefined) strings(value.industries, 'industries');
  // Normalise what may be left out inside an entry, so scoring never meets undefined.
  const gold = value as unknown as Gold;
  gold.officials = gold.officials?.map((o) => ({ ...o, titles: o.titles ?? [], roles: o.roles ?? [] }));
  gold.frameworks = gold.frameworks?.map((f) => ({ ...f, components: (f.components ?? []).map((c) => ({ ...c, items: c.items ?? [] })) }));
  gold.enumerations = gold.enumerations?.map((e) => ({ ...e, items: e.items ?? [] }));
  for (const key of ['officials', 'frameworks', 'enumerations'] as const) if (gold[key] === undefined) delete gold[key];
  return gold;
}
