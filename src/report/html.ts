import { createHash } from 'crypto';
import { digestOf, SummaryBuilder } from '../aggregate/summary';
import { DESCRIPTORS, DOUBT_MARK, doubtsAt, MARK_KINDS, meetingMarks, MISSING, type Cell, type Row } from '../formatters/descriptors';
import type { InputFormat } from '../pipeline/format';
import type { AnalysisResult, ErrorRecord, Explained, TextItem } from '../types';
import { barChart, type Bar } from './charts';
import { escapeHtml, highlight, type Mark } from './highlight';
import { shownText, type ShownText } from './view';
import { REVIEW_CSS, REVIEW_SCRIPT, reviewData, reviewDataBlock, reviewPanel } from './review';

/** One analysed article and the decoded text its spans point into. */
export interface ReportDocument {
  result: AnalysisResult;
  text: string;
  /** How the text was analysed (`html`: the report shows the article extracted from the page). Default `text`. */
  format?: InputFormat;
  /** Extra lexicon directories the analysis used (the cleaner's boilerplate patterns come from them). */
  lexiconDirs?: string[];
}

export interface ReportOptions {
  /** Page title. */
  title?: string;
  /** Inputs that could not be read; listed so that nothing is silently missing. */
  errors?: ErrorRecord[];
  /** Bars per overview chart. */
  chartLimit?: number;
}

const e = escapeHtml;

/** Kinds off when the page opens: slogans are many on long features and would drown the rest in colour. */
const OFF_BY_DEFAULT = new Set(['slogan']);

/** The legend's kinds: every highlight kind but removed boilerplate, which is listed, not shown in the text. */
const LEGEND = MARK_KINDS.filter(([kind]) => kind !== 'removed');

/**
 * Every extracted item of one result as a mark, in input offsets, with the element id the tables link to
 * (`<prefix>-<key>`). Removed boilerplate is included (kind `removed`) for callers that show the input itself.
 */
export function marksFor(result: AnalysisResult, prefix: string, text?: string): Mark[] {
  const explained = explanations(result);
  const specs = [
    ...meetingMarks(result),
    ...DESCRIPTORS.flatMap((d) => d.marks?.(result) ?? []),
    ...result.removed.map((r, i) => ({ key: `removed-${i}`, kind: 'removed', tag: 'removed', span: r.span, label: `Removed boilerplate (${r.reason})`, links: undefined })),
  ];
  return specs.map((m) => ({ id: `${prefix}-${m.key}`, kind: m.kind, span: m.span, label: withRule(m.label, explained.get(m.key), text), tag: m.tag ?? m.kind, links: m.links?.map((key) => `${prefix}-${key}`) }));
}

/** The item behind each highlight key (the keys the descriptors give their marks), for its rule and evidence. */
function explanations(result: AnalysisResult): Map<string, Explained> {
  const map = new Map<string, Explained>();
  if (result.meeting) for (const key of ['meeting-name', 'meeting-org', 'meeting-date']) map.set(key, result.meeting);
  result.officials.forEach((o, i) => map.set(`official-${i}`, o));
  result.frameworks.forEach((f, i) => {
    map.set(`formula-${i}`, f);
    f.components.forEach((c, j) => {
      map.set(`component-${i}-${j}`, c);
      c.items.forEach((item, k) => map.set(`citem-${i}-${j}-${k}`, item));
    });
  });
  result.enumerations.forEach((e, i) => {
    map.set(`enum-${i}`, e);
    e.items.forEach((item, k) => map.set(`eitem-${i}-${k}`, item));
  });
  result.industries.forEach((x, i) => map.set(`industry-${i}`, x));
  result.slogans.forEach((x, i) => map.set(`slogan-${i}`, x));
  result.quantities.forEach((x, i) => map.set(`quantity-${i}`, x));
  return map;
}

/** A highlight's tooltip with the rule that found the item and the text of its evidence (when analysed with explain). */
function withRule(label: string, item: Explained | undefined, text: string | undefined): string {
  if (!item?.rule) return label;
  const evidence = text && item.evidence ? item.evidence.map(([start, end]) => `“${text.slice(start, end).replace(/\s+/g, ' ').slice(0, 40)}”`).join(' ') : '';
  return `${label} · rule ${item.rule}${evidence ? ` · evidence ${evidence}` : ''}`;
}

/**
 * Marks moved into the shown text; those over text that is not shown (boilerplate) are dropped. Of several marks
 * with the same text and the same label (an item of a component that is also an item of an enumeration) only the
 * first keeps its inline label: "item item" says nothing more.
 */
function shownMarks(marks: Mark[], shown: ShownText): Mark[] {
  const labelled = new Set<string>();
  return marks.flatMap((mark) => {
    const span = shown.locate(mark.span);
    if (!span) return [];
    const key = `${span[0]}:${span[1]}:${mark.tag}`;
    const tag = labelled.has(key) ? undefined : mark.tag;
    labelled.add(key);
    return [{ ...mark, span, tag }];
  });
}

/** An item inside a cell that links to its own evidence. */
function chip(target: string, text: string): string {
  return `<span class="chip" data-target="${target}" tabindex="0" role="link">${e(text)}</span>`;
}

function cellHtml(cell: Cell, p: string, key: string | undefined, itemKeys: string[] | undefined, has: (id: string) => boolean): string {
  if (Array.isArray(cell)) {
    return (cell as TextItem[]).map((item, k) => (itemKeys?.[k] && has(`${p}-${itemKeys[k]}`) ? chip(`${p}-${itemKeys[k]}`, item.text) : e(item.text))).join(e('、'));
  }
  const text = cell === null || cell === undefined ? '' : String(cell);
  if (key && text && has(`${p}-${key}`)) return `<strong>${chip(`${p}-${key}`, text)}</strong>`;
  return e(text);
}

/** A table row: it scrolls to its evidence when clicked or activated with Enter/Space, when it has some. */
function rowHtml(row: Row, cells: string[], p: string, has: (id: string) => boolean): string {
  const target = `${p}-${row.key}`;
  const link = has(target) ? ` data-target="${target}" tabindex="0"` : '';
  // A doubtful row: a mark with the reason (hover, and read out by screen readers) before its first cell.
  const doubt = row.doubts ? `<span class="doubt" role="img" aria-label="warning: ${e(row.doubts.join('; '))}" title="${e(row.doubts.join('\n'))}">${DOUBT_MARK}</span> ` : '';
  return `<tr id="${p}-row-${row.key}"${link}${row.doubts ? ' class="doubtful"' : ''}>${cells.map((cell, c) => `<td>${c === 0 ? doubt : ''}${cell}</td>`).join('')}</tr>`;
}

function table(caption: string, head: string[], rows: string[]): string {
  if (!rows.length) return '';
  return `<div class="tbl"><table><caption>${e(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** One table per section, from the same descriptors as the terminal table and Markdown. */
function tables(result: AnalysisResult, p: string, has: (id: string) => boolean): string {
  const out = DESCRIPTORS.map((d) => {
    const rows = d.rows(result);
    return table(
      d.title,
      d.columns,
      rows.map((row, r) =>
        rowHtml(
          row,
          row.cells.map((cell, c) =>
            // A grouped first cell (the formula of each component) is written once per group.
            c === 0 && d.group && r > 0 && row.cells[0] === rows[r - 1].cells[0] ? '' : cellHtml(cell, p, row.cellKeys?.[c], row.itemKeys?.[c], has),
          ),
          p,
          has,
        ),
      ),
    );
  });
  return out.join('') || '<p class="muted">Nothing extracted.</p>';
}

function headerCard(result: AnalysisResult, p: string, has: (id: string) => boolean): string {
  const m = result.meeting;
  const field = (name: string, value: string | null | undefined, target: string, after = '') =>
    `<dt>${name}</dt><dd>${value ? (has(target) ? `<a href="#${target}" data-target="${target}">${e(value)}</a>` : e(value)) : `<span class="muted">${MISSING}</span>`}${after}</dd>`;
  // An undated meeting: the mark sits in the Date field itself, the reason on hover and in the warnings below.
  const undated = doubtsAt(result, '/meeting');
  const dateMark = undated ? ` <span class="doubt" role="img" aria-label="warning: ${e(undated.join('; '))}" title="${e(undated.join('\n'))}">${DOUBT_MARK}</span>` : '';
  const parts = [
    field('Meeting', m?.name, `${p}-meeting-name`),
    field('Body', m?.organization ? `${m.organization}${m.aliases.length ? ` (${m.aliases.join('、')})` : ''}` : null, `${p}-meeting-org`),
    field('Date', m && (m.date || m.dateText) ? `${m.date ?? MISSING}${m.dateText ? ` (${m.dateText})` : ''}` : null, `${p}-meeting-date`, dateMark),
    field('Published', result.published ? `${result.published.date} (${result.published.source})` : null, ''),
    field('Input', `${result.input.path} · ${result.input.encoding} · ${result.input.chars} chars`, ''),
  ];
  const warnings = result.warnings.map((w) => `<li>${w.at ? `<span class="doubt">${DOUBT_MARK}</span> ` : ''}${e(w.code)}: ${e(w.message)}</li>`).join('');
  return `<header class="card"><h2>${e(result.title?.text ?? '(no headline)')}</h2><dl>${parts.join('')}</dl>${warnings ? `<ul class="warnings">${warnings}</ul>` : ''}</header>`;
}

/** The legend doubles as a filter: a checkbox per kind (pure CSS does the hiding, so it works without script). */
function legend(): string {
  const items = LEGEND.map(
    ([kind, name]) =>
      `<label><input type="checkbox" id="show-${kind}" data-kind="${kind}"${OFF_BY_DEFAULT.has(kind) ? '' : ' checked'}><mark class="hl k-${kind}">${e(name)}</mark></label>`,
  );
  return `<fieldset class="legend"><legend>Highlights (tick to show)</legend>${items.join('')}</fieldset>`;
}

function article(doc: ReportDocument, index: number): string {
  const p = `d${index + 1}`;
  const { result } = doc;
  const shown = shownText(doc.text, doc.format, doc.lexiconDirs);
  const marks = shownMarks(marksFor(result, p, doc.text), shown);
  const ids = new Set(marks.map((m) => m.id));
  const has = (id: string) => ids.has(id);
  const removed = result.removed.length
    ? `<details class="removed-list"><summary>${result.removed.length} boilerplate line(s) left out</summary><ul>${result.removed.map((r) => `<li>${e(r.reason)}: ${e(r.text)}</li>`).join('')}</ul></details>`
    : '';
  return `<section class="doc" id="${p}" aria-labelledby="${p}-h"><span id="${p}-h" class="anchor">Article ${index + 1}</span>
${headerCard(result, p, has)}
<div class="cols"><div class="tables">${tables(result, p, has)}</div>
<div class="text"><h3>Article text</h3>${reviewPanel(p)}${reviewDataBlock(p, reviewData(result, p, shown))}<div class="article" lang="zh">${highlight(shown.text, marks)}</div>${removed}</div></div>
</section>`;
}

/** Overview charts across several documents, from the batch aggregation --summary uses. */
function overview(docs: ReportDocument[], limit: number): string {
  const builder = new SummaryBuilder();
  for (const { result } of docs) builder.add(digestOf(result));
  const summary = builder.build();
  const bars = <T>(items: T[], label: (item: T) => string, value: (item: T) => number): Bar[] => items.slice(0, limit).map((item) => ({ label: label(item), value: value(item) }));
  const byMentions = [...summary.officials].sort((a, b) => b.mentions - a.mentions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const months: Bar[] = [...summary.meetingsByMonth.map((m) => ({ label: m.month, value: m.meetings })), ...(summary.undatedMeetings ? [{ label: 'undated', value: summary.undatedMeetings }] : [])];
  const links = docs
    .map(({ result }, i) => `<li><a href="#d${i + 1}">${e(result.title?.text ?? result.input.path)}</a> <span class="muted">${e(result.meeting?.date ?? MISSING)} · ${e(result.input.path)}</span></li>`)
    .join('');
  return `<section class="overview" id="overview"><h2>Overview of ${docs.length} articles</h2><ol class="toc">${links}</ol>
<div class="charts">
${barChart('Industries by number of documents', bars(summary.industries, (i) => i.name, (i) => i.documents))}
${barChart('Top keywords (documents listing them)', bars(summary.keywords, (k) => k.word, (k) => k.documents))}
${barChart('Meetings per month', months)}
${barChart('Officials by appearances (mentions)', bars(byMentions, (o) => o.name, (o) => o.mentions))}
</div></section>`;
}

/** Hides the highlights of a kind whose legend box is unticked (colour, underline and inline label). */
const KIND_CSS = LEGEND.map(
  ([kind]) =>
    `body:has(#show-${kind}:not(:checked)) mark.k-${kind}{background:none;box-shadow:none;font-weight:inherit}body:has(#show-${kind}:not(:checked)) mark.k-${kind}::after{content:none}`,
).join('\n');

/** The report's style sheet (the archive's person and place pages use it too). */
export const CSS = `
:root{--bg:#fafaf7;--fg:#1d1d1f;--muted:#6b6b70;--card:#fff;--line:#ddd;
--official:#ffd27a;--mention:#ffe9bd;--formula:#f28b82;--component:#f7c1bc;--item:#c6e6c1;--enumeration:#a8d8ea;
--industry:#b39ddb;--slogan:#ffab91;--quantity:#e6ee9c;--meeting:#b2dfdb;--removed:#e0e0e0}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.7 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
main{max-width:1400px;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:.25rem 0 .5rem}
h3{font-size:1rem;margin:.5rem 0}
.muted{color:var(--muted)}
.card,.overview,.tbl,.text{background:var(--card);border:1px solid var(--line);border-radius:8px}
.card{padding:.75rem 1rem;margin:0 0 1rem}
.card dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0}
.card dt{font-weight:bold}.card dd{margin:0;overflow-wrap:anywhere}
.warnings{color:#8a4b00;margin:.5rem 0 0}
.doubt{color:#b35c00;font-weight:bold;cursor:help}
tr.doubtful td{background:#fff6e5}
.doc{margin:2rem 0;scroll-margin-top:1rem}
.anchor{display:block;font-size:.85rem;color:var(--muted)}
.cols{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:1000px){.cols{grid-template-columns:minmax(0,5fr) minmax(0,6fr)}
.text{position:sticky;top:.5rem;max-height:calc(100vh - 1rem);overflow:auto}}
.tbl{overflow-x:auto;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.4rem .6rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .6rem;border-top:1px solid var(--line)}
tr[data-target]{cursor:pointer}
tr[data-target]:hover,tr[data-target]:focus{background:#f0f4ff;outline:none}
tr[data-target]:focus-visible{outline:2px solid #3367d6;outline-offset:-2px}
.chip:focus-visible{outline:2px solid #3367d6}
.chip{display:inline-block;margin:0 .25rem .2rem 0;padding:0 .35rem;border-radius:4px;background:var(--item);cursor:pointer}strong .chip{background:var(--formula)}
.text{padding:.5rem 1rem}
.article{white-space:pre-wrap;overflow-wrap:anywhere;line-height:2}
mark.hl{color:inherit;background:var(--k);border-radius:2px;padding:.05em 0;position:relative}
mark.hl:focus{outline:2px solid #3367d6;outline-offset:1px}
mark.hl:focus::before{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;width:max-content;max-width:min(22rem,80vw);
background:#222;color:#fff;font-size:.8rem;line-height:1.4;padding:.3rem .5rem;border-radius:4px;white-space:normal}
.k-official{--k:var(--official);box-shadow:inset 0 -2px #c98a00}.k-mention{--k:var(--mention)}
.k-formula{--k:var(--formula);font-weight:bold}.k-component{--k:var(--component);box-shadow:inset 0 -2px #c0392b}
.k-item{--k:var(--item)}.k-enumeration{--k:var(--enumeration);box-shadow:inset 0 -2px #1f7a99}
.k-industry{--k:var(--industry);box-shadow:inset 0 -2px #5e35b1}.k-slogan{--k:var(--slogan)}
.k-quantity{--k:var(--quantity)}.k-meeting{--k:var(--meeting)}
.k-removed{--k:var(--removed);color:#8d8d8d;text-decoration:line-through}
mark.flash{animation:flash 1.6s ease-out}
@keyframes flash{0%,40%{background:#ff5722;color:#fff}100%{background:var(--k)}}
@media (prefers-reduced-motion:reduce){mark.flash{animation:none;outline:3px solid #ff5722}}
.legend{display:flex;flex-wrap:wrap;gap:.3rem .8rem;padding:.4rem .6rem;margin:.5rem 0 1rem;font-size:.85rem;border:1px solid var(--line);border-radius:8px;background:var(--card)}
.legend legend{font-weight:bold;padding:0 .3rem}.legend label{cursor:pointer;white-space:nowrap}
.legend input{margin:0 .25rem 0 0;vertical-align:middle}
/* Inline labels (as displaCy draws them): the kind after the text, so a screenshot or printout reads alone. */
mark.hl[data-tag]::after{content:attr(data-tag);font-size:11px;line-height:1;font-weight:normal;text-decoration:none;color:#333;
background:rgba(255,255,255,.75);border-radius:3px;padding:0 .2em;margin-left:.2em;vertical-align:.15em;letter-spacing:0}
.linked{outline:2px dashed #3367d6;outline-offset:1px}tr.linked{background:#fff3c4}
.removed-list{font-size:.85rem;color:var(--muted)}.removed-list li{overflow-wrap:anywhere}
.overview{padding:.75rem 1rem}
.toc{margin:.25rem 0 1rem;padding-left:1.5rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:1rem}
figure{margin:0}figcaption{font-weight:bold;font-size:.9rem}
/* Bar charts in HTML: labels keep their size (≥ 13 px) at any width; only the bars scale. */
.bars{display:grid;grid-template-columns:minmax(0,max-content) minmax(3rem,1fr) max-content;gap:.15rem .5rem;align-items:center;font-size:13px;margin:.25rem 0}
.bars .lbl{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:12rem}
.bars svg{width:100%;height:14px;display:block}.bars rect{fill:#5c7cfa}
.errors{color:#a00}
${KIND_CSS}
${REVIEW_CSS}
@media (max-width:600px){body{font-size:15px}main{padding:.5rem}th,td{padding:.25rem .4rem}.card dl{grid-template-columns:1fr}
mark.hl:focus::before{position:fixed;left:.5rem;right:.5rem;top:auto;bottom:.5rem;width:auto;max-width:none}}
`;

/**
 * Row clicks scroll to their evidence and flash it; hovering or focusing a highlight outlines what it links to.
 * Then the review script (./review.ts): corrections and their export.
 */
const SCRIPT = `
(function(){
  function go(id){
    var el=document.getElementById(id);
    if(!el)return;
    el.scrollIntoView({block:'center',inline:'nearest'});
    el.focus({preventScroll:true});
    document.querySelectorAll('[data-mark="'+id+'"]').forEach(function(piece){
      piece.classList.remove('flash');void piece.offsetWidth;piece.classList.add('flash');
      setTimeout(function(){piece.classList.remove('flash');},1600);
    });
  }
  function related(mark){
    var out=[];
    (mark.getAttribute('data-links')||'').split(' ').forEach(function(id){
      if(!id)return;
      document.querySelectorAll('[data-mark="'+id+'"],[id="'+id+'"],[id="'+id.replace(/^(d\\d+)-/,'$1-row-')+'"]').forEach(function(el){out.push(el);});
    });
    return out;
  }
  function link(ev,on){
    var mark=ev.target.closest&&ev.target.closest('mark[data-links]');
    if(!mark)return;
    related(mark).forEach(function(el){el.classList.toggle('linked',on);});
  }
  document.addEventListener('mouseover',function(ev){link(ev,true);});
  document.addEventListener('mouseout',function(ev){link(ev,false);});
  document.addEventListener('focusin',function(ev){link(ev,true);});
  document.addEventListener('focusout',function(ev){link(ev,false);});
  document.addEventListener('click',function(ev){
    var src=ev.target.closest&&ev.target.closest('[data-target]');
    if(!src)return;
    ev.preventDefault();ev.stopPropagation();
    go(src.getAttribute('data-target'));
  });
  document.addEventListener('keydown',function(ev){
    if((ev.key==='Enter'||ev.key===' ')&&ev.target.matches&&ev.target.matches('[data-target]:not(a)')){ev.preventDefault();ev.stopPropagation();go(ev.target.getAttribute('data-target'));}
  });
})();
${REVIEW_SCRIPT}`;

export const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * One self-contained HTML page: no external resources, and a Content-Security-Policy that only lets the page's own
 * style and script run, so nothing in an article can load or execute anything.
 */
export function renderReport(docs: ReportDocument[], options: ReportOptions = {}): string {
  const title = options.title ?? (docs.length === 1 ? (docs[0].result.title?.text ?? 'meeting-analyze report') : `meeting-analyze report: ${docs.length} articles`);
  const errors = options.errors ?? [];
  const errorList = errors.length
    ? `<section class="card errors"><h2>Inputs not analysed</h2><ul>${errors.map((r) => `<li>${e(r.input)}: ${e(r.error.code)} — ${e(r.error.message)}</li>`).join('')}</ul></section>`
    : '';
  const body = `${legend()}
${errorList}
${docs.length > 1 ? overview(docs, options.chartLimit ?? 10) : ''}
${docs.map(article).join('\n')}`;
  return htmlPage({ title, css: CSS, script: SCRIPT, body, images: true });
}

/**
 * One self-contained page in the report's shell: a strict Content-Security-Policy that admits only this page's own
 * style (and script) by hash, no referrer, the title as heading. Also used by the archive's person and place pages.
 */
export function htmlPage(page: { title: string; css: string; body: string; script?: string; images?: boolean }): string {
  const csp = `default-src 'none'; style-src ${sha256(page.css)};${page.script ? ` script-src ${sha256(page.script)};` : ''}${page.images ? ' img-src data:;' : ''} base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${e(page.title)}</title>
<style>${page.css}</style>
</head>
<body>
<main>
<h1>${e(page.title)}</h1>
${page.body}
</main>
${page.script ? `<script>${page.script}</script>\n` : ''}</body>
</html>
`;
}
