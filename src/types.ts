/**
 * Public types of meeting-analyze. Every item carries `span: [start, end]`, JavaScript string
 * offsets (UTF-16 code units) into the decoded input text, end exclusive.
 */

/** `[start, end)` offsets into the decoded input text. */
export type Span = [number, number];

/**
 * With `--explain` (`explain: true`) every item says how it was found: `rule`, a stable id of the mechanism
 * (listed in docs/rules.md), and `evidence`, the spans it used (a title before a name, the label a list belongs
 * to …; at least the item's own span). Without it neither field is present.
 */
export interface Explained {
  rule?: string;
  evidence?: Span[];
}

export interface TextItem extends Explained {
  /** The item as written (line breaks joined by the cleaner removed). */
  text: string;
  span: Span;
}

export interface InputInfo {
  /** File path, `-` for stdin, or a caller-provided id. */
  path: string;
  /** Encoding the bytes were decoded with, e.g. `utf-8`, `gb18030`, `utf-16le`. */
  encoding: string;
  /** Length of the decoded text in UTF-16 code units (the span coordinate space). */
  chars: number;
}

export interface Meeting extends Explained {
  /** Meeting name as written, without the convening body where it can be separated. */
  name: string | null;
  nameSpan: Span | null;
  /** Body that convened the meeting, in the fullest form the text gives. */
  organization: string | null;
  organizationSpan: Span | null;
  /** Shorter forms of the organisation used in the text. */
  aliases: string[];
  /** ISO date `YYYY-MM-DD`, or null when no day is stated or the year cannot be known. */
  date: string | null;
  /** The date as written (e.g. `2月8日`). */
  dateText: string | null;
  dateSpan: Span | null;
  /** Where the year came from: `explicit`, `headline`, `publication`, `image-timestamp`, `dateline`. */
  yearSource: string | null;
  span: Span;
}

/** The day the article was published, and where the tool read it. */
export interface Published extends Explained {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** The date as written (`2023-03-08`, `2023年3月8日`, `2023-03-08T10:00:00+08:00`, a web address or image path). */
  text: string;
  /**
   * Where it was read: `publication-line` (发布日期/发布时间/来源…时间 lines), `front-matter` (Markdown `date`),
   * `html-meta` (`<meta>` publication date), `html-time` (`<time datetime>`), `dateline` (本报讯（2023年3月8日）),
   * `url` (a date in the page's address or a link), `image-path` (a date in an image's file name or path),
   * `update-line` (更新时间: when the page last changed; taken only when nothing else dates it).
   */
  source: string;
  span: Span;
}

export interface Official extends Explained {
  name: string;
  /** Title chain, each part as written (`市委常委`, `秘书长`, `区工委书记`). */
  titles: string[];
  /** Meeting roles as short verbs (`出席`, `讲话`, `主持`, …). */
  roles: string[];
  /** Span of the first mention with its title chain. */
  span: Span;
  /** Every mention of the name. */
  spans: Span[];
}

export interface Person extends Explained {
  name: string;
  /** What the person is credited as: 编辑, 记者, 通讯员, 作者, 摄影 … */
  role: string;
  span: Span;
}

/** The letter of an open formula part as written, folded to ASCII upper case (`N`, `X`). */
export type OpenCount = string;

export interface Component extends Explained {
  /**
   * The number in the formula this component explains, or the letter of an open count (`"N"` in `1+10+N`,
   * `"X"` in `1+2+X`), in ASCII upper case, when the text explains it.
   */
  count: number | OpenCount;
  /** The counted phrase that names it, e.g. `三大重点任务`. */
  label: string;
  span: Span;
  items: TextItem[];
}

export interface Framework extends Explained {
  /** Formula normalised to ASCII, e.g. `1+3+3+3`. */
  formula: string;
  span: Span;
  components: Component[];
}

export interface Enumeration extends Explained {
  count: number;
  label: string;
  span: Span;
  items: TextItem[];
}

export interface Industry extends Explained {
  name: string;
  span: Span;
}

export interface Slogan extends Explained {
  text: string;
  span: Span;
  /** Parts of a compound numeric slogan (一核两区三港 → 一核, 两区, 三港). */
  parts: TextItem[];
}

export interface Quantity extends Explained {
  /** The whole expression as written, e.g. `22家重点企业`. */
  text: string;
  value: number;
  unit: string;
  /** What is counted: the noun phrase written right after the unit (重点企业), or null. */
  noun: string | null;
  /** The first mention. */
  span: Span;
  /** Every mention of the same value, unit and noun, the first included. */
  spans: Span[];
}

export interface Directive extends Explained {
  /** The reporting verb: 强调, 要求, 指出, … */
  verb: string;
  /** Who said it: 会议, 会上, or an official's name. */
  speaker: string;
  text: string;
  span: Span;
}

export interface Keyword extends Explained {
  word: string;
  weight: number;
}

export interface Removed {
  text: string;
  /** Why it was removed: image-file, copyright, editor-line, page-header, share-widget, … */
  reason: string;
  span: Span;
}

export interface Warning {
  code: string;
  message: string;
  span?: Span;
  /** JSON pointer to the item the warning is about (`/frameworks/0`, `/meeting`), when it is about one. */
  at?: string;
}

export interface AnalysisResult {
  schemaVersion: string;
  /** Caller-provided record id (jsonl input), when there is one. */
  id?: string;
  input: InputInfo;
  title: TextItem | null;
  /** The publication date, or null when the input states none. */
  published: Published | null;
  meeting: Meeting | null;
  officials: Official[];
  people: Person[];
  frameworks: Framework[];
  enumerations: Enumeration[];
  industries: Industry[];
  slogans: Slogan[];
  quantities: Quantity[];
  directives: Directive[];
  keywords: Keyword[];
  removed: Removed[];
  warnings: Warning[];
}

/** One output record of a batch: a result or an error for an input that could not be analysed. */
export interface ErrorRecord {
  input: string;
  id?: string;
  error: { code: string; message: string };
}
