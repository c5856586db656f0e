import { createHash } from 'crypto';
import type { AnalysisResult, ErrorRecord, TextItem } from '../types';
import { barChart, type Bar } from './charts';
import { escapeHtml, highlight, type Mark } from './highlight';

/** One analysed article and the decoded text its spans point into. */
export interface ReportDocument {
  result: AnalysisResult;
  text: string;
  /** How the text was analysed (`html`: the report shows the article extracted from the page). Default: sniffed. */
  format?: 'text' | 'html';
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
const joinItems = (items: TextItem[]) => items.map((item) => item.text).join('、');

/** Legend: kind → English name. The colours live in the CSS. */
const KINDS: Array<[string, string]> = [
  ['official', 'official'],
  ['mention', 'official (name only)'],
  ['formula', 'formula'],
  ['component', 'formula component'],
  ['item', 'item'],
  ['enumeration', 'enumeration'],
  ['industry', 'industry'],
  ['slogan', 'slogan'],
  ['quantity', 'quantity'],
  ['meeting', 'meeting'],
  ['removed', 'removed boilerplate'],
];

/** Every extracted item of one result as a mark, with the element id the tables link to. */
export function marksFor(result: AnalysisResult, prefix: string): Mark[] {
  const marks: Mark[] = [];
  const meeting = result.meeting;
  if (meeting?.nameSpan) marks.push({ id: `${prefix}-meeting-name`, kind: 'meeting', span: meeting.nameSpan, label: `Meeting name: ${meeting.name}` });
  if (meeting?.organizationSpan) marks.push({ id: `${prefix}-meeting-org`, kind: 'meeting', span: meeting.organizationSpan, label: `Convening body: ${meeting.organization}` });
  if (meeting?.dateSpan) marks.push({ id: `${prefix}-meeting-date`, kind: 'meeting', span: meeting.dateSpan, label: `Meeting date: ${meeting.date ?? '?'} (${meeting.dateText})` });
  result.officials.forEach((o, i) => {
    marks.push({ id: `${prefix}-official-${i}`, kind: 'official', span: o.span, label: `Official: ${o.name} — ${o.titles.join('、') || 'no title'}${o.roles.length ? ` (${o.roles.join('、')})` : ''}` });
    // Later mentions by name alone; the one inside the first mention is already covered.
    o.spans.forEach((s, j) => {
      if (s[0] >= o.span[0] && s[1] <= o.span[1]) return;
      marks.push({ id: `${prefix}-mention-${i}-${j}`, kind: 'mention', span: s, label: `Official mentioned: ${o.name}` });
    });
  });
  result.frameworks.forEach((f, i) => {
    marks.push({ id: `${prefix}-formula-${i}`, kind: 'formula', span: f.span, label: `Formula ${f.formula} (${f.components.length} component(s))` });
    f.components.forEach((c, j) => {
      marks.push({ id: `${prefix}-component-${i}-${j}`, kind: 'component', span: c.span, label: `Component ${c.count} of ${f.formula}: ${c.label}${c.items.length ? ` — ${joinItems(c.items)}` : ''}` });
      c.items.forEach((item, k) =>
        marks.push({ id: `${prefix}-citem-${i}-${j}-${k}`, kind: 'item', span: item.span, label: `Item ${k + 1} of ${c.label} (formula ${f.formula}): ${item.text}` }),
      );
    });
  });
  result.enumerations.forEach((en, i) => {
    marks.push({ id: `${prefix}-enum-${i}`, kind: 'enumeration', span: en.span, label: `Enumeration (${en.count}): ${en.label}${en.items.length ? ` — ${joinItems(en.items)}` : ''}` });
    en.items.forEach((item, k) => marks.push({ id: `${prefix}-eitem-${i}-${k}`, kind: 'item', span: item.span, label: `Item ${k + 1} of ${en.label}: ${item.text}` }));
  });
  result.industries.forEach((ind, i) => marks.push({ id: `${prefix}-industry-${i}`, kind: 'industry', span: ind.span, label: `Industry: ${ind.name}` }));
  result.slogans.forEach((s, i) => marks.push({ id: `${prefix}-slogan-${i}`, kind: 'slogan', span: s.span, label: `Slogan: ${s.text}${s.parts.length ? ` (${joinItems(s.parts)})` : ''}` }));
  result.quantities.forEach((q, i) =>
    marks.push({ id: `${prefix}-quantity-${i}`, kind: 'quantity', span: q.span, label: `Quantity: ${q.value} ${q.unit}${q.noun ? ` of ${q.noun}` : ''}` }),
  );
  result.removed.forEach((r, i) => marks.push({ id: `${prefix}-removed-${i}`, kind: 'removed', span: r.span, label: `Removed boilerplate (${r.reason})` }));
  return marks;
}

/** A table row that scrolls to its evidence when clicked or activated with Enter/Space. */
function row(target: string, cells: string[]): string {
  return `<tr data-target="${target}" tabindex="0">${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** An item inside a cell that links to its own evidence. */
function chip(target: string, text: string): string {
  return `<span class="chip" data-target="${target}" tabindex="0" role="link">${e(text)}</span>`;
}

function table(caption: string, head: string[], rows: string[]): string {
  if (!rows.length) return '';
  return `<div class="tbl"><table><caption>${e(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function tables(result: AnalysisResult, p: string): string {
  const out: string[] = [];
  out.push(
    table(
      'Officials',
      ['Name', 'Titles', 'Roles', 'Mentions'],
      result.officials.map((o, i) => row(`${p}-official-${i}`, [e(o.name), e(o.titles.join('、')), e(o.roles.join('、')), String(o.spans.length)])),
    ),
  );
  out.push(
    table(
      'Frameworks',
      ['Formula', 'Component', 'Items'],
      result.frameworks.flatMap((f, i) => [
        row(`${p}-formula-${i}`, [`<strong>${e(f.formula)}</strong>`, `${f.components.length} component(s)`, '']),
        ...f.components.map((c, j) =>
          row(`${p}-component-${i}-${j}`, [e(f.formula), `${c.count} · ${e(c.label)}`, c.items.map((item, k) => chip(`${p}-citem-${i}-${j}-${k}`, item.text)).join('')]),
        ),
      ]),
    ),
  );
  out.push(
    table(
      'Enumerations',
      ['Count', 'Label', 'Items'],
      result.enumerations.map((en, i) => row(`${p}-enum-${i}`, [String(en.count), e(en.label), en.items.map((item, k) => chip(`${p}-eitem-${i}-${k}`, item.text)).join('')])),
    ),
  );
  out.push(table('Industries', ['Industry'], result.industries.map((ind, i) => row(`${p}-industry-${i}`, [e(ind.name)]))));
  out.push(table('Slogans', ['Slogan', 'Parts'], result.slogans.map((s, i) => row(`${p}-slogan-${i}`, [e(s.text), e(joinItems(s.parts))]))));
  out.push(
    table(
      'Quantities',
      ['Expression', 'Value', 'Unit', 'Noun'],
      result.quantities.map((q, i) => row(`${p}-quantity-${i}`, [e(q.text), String(q.value), e(q.unit), e(q.noun ?? '')])),
    ),
  );
  const html = out.join('');
  return html || '<p class="muted">Nothing extracted.</p>';
}

function headerCard(result: AnalysisResult, p: string): string {
  const m = result.meeting;
  const field = (name: string, value: string | null | undefined, target?: string) =>
    `<dt>${name}</dt><dd>${value ? (target ? `<a href="#${target}" data-target="${target}">${e(value)}</a>` : e(value)) : '<span class="muted">—</span>'}</dd>`;
  const parts = [
    field('Meeting', m?.name, m?.nameSpan ? `${p}-meeting-name` : undefined),
    field('Body', m?.organization ? `${m.organization}${m.aliases.length ? ` (${m.aliases.join('、')})` : ''}` : null, m?.organizationSpan ? `${p}-meeting-org` : undefined),
    field('Date', m ? `${m.date ?? '?'}${m.dateText ? ` (${m.dateText})` : ''}` : null, m?.dateSpan ? `${p}-meeting-date` : undefined),
    field('Input', `${result.input.path} · ${result.input.encoding} · ${result.input.chars} chars`),
  ];
  const warnings = result.warnings.map((w) => `<li>${e(w.code)}: ${e(w.message)}</li>`).join('');
  return `<header class="card"><h2>${e(result.title?.text ?? '(no headline)')}</h2><dl>${parts.join('')}</dl>${warnings ? `<ul class="warnings">${warnings}</ul>` : ''}</header>`;
}

function legend(): string {
  return `<ul class="legend" aria-label="Highlight colours">${KINDS.map(([kind, name]) => `<li><mark class="hl k-${kind}">${e(name)}</mark></li>`).join('')}</ul>`;
}

function article(doc: ReportDocument, index: number): string {
  const p = `d${index + 1}`;
  const { result, text } = doc;
  return `<section class="doc" id="${p}" aria-labelledby="${p}-h"><span id="${p}-h" class="anchor">Article ${index + 1}</span>
${headerCard(result, p)}
<div class="cols"><div class="tables">${tables(result, p)}</div>
<div class="text"><h3>Article text</h3><div class="article" lang="zh">${highlight(text, marksFor(result, p))}</div></div></div>
</section>`;
}

/** Overview charts across several documents. */
function overview(docs: ReportDocument[], limit: number): string {
  const count = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);
  const top = (map: Map<string, number>): Bar[] =>
    [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([label, value]) => ({ label, value }));

  const industries = new Map<string, number>();
  const keywords = new Map<string, number>();
  const weights = new Map<string, number>();
  const months = new Map<string, number>();
  const officials = new Map<string, number>();
  for (const { result } of docs) {
    for (const name of new Set(result.industries.map((i) => i.name))) count(industries, name);
    for (const k of result.keywords) {
      count(keywords, k.word);
      count(weights, k.word, k.weight);
    }
    if (result.meeting) count(months, result.meeting.date ? result.meeting.date.slice(0, 7) : 'undated');
    for (const o of result.officials) count(officials, o.name, o.spans.length);
  }
  // Keywords by number of documents; ties by summed TF-IDF weight, so the chart is not alphabetical noise.
  const topKeywords = [...keywords.entries()]
    .sort((a, b) => b[1] - a[1] || (weights.get(b[0]) ?? 0) - (weights.get(a[0]) ?? 0) || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([label, value]) => ({ label, value }));
  // Months in calendar order, undated last.
  const monthBars = [...months.entries()].sort((a, b) => (a[0] === 'undated' ? 1 : b[0] === 'undated' ? -1 : a[0].localeCompare(b[0]))).map(([label, value]) => ({ label, value }));
  const links = docs
    .map(({ result }, i) => `<li><a href="#d${i + 1}">${e(result.title?.text ?? result.input.path)}</a> <span class="muted">${e(result.meeting?.date ?? '')} · ${e(result.input.path)}</span></li>`)
    .join('');
  return `<section class="overview" id="overview"><h2>Overview of ${docs.length} articles</h2><ol class="toc">${links}</ol>
<div class="charts">
${barChart('Industries by number of documents', top(industries))}
${barChart('Top keywords (documents listing them)', topKeywords)}
${barChart('Meetings per month', monthBars)}
${barChart('Officials by appearances (mentions)', top(officials))}
</div></section>`;
}

const CSS = `
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
.chip{display:inline-block;margin:0 .25rem .2rem 0;padding:0 .35rem;border-radius:4px;background:var(--item);cursor:pointer}
.text{padding:.5rem 1rem}
.article{white-space:pre-wrap;overflow-wrap:anywhere;line-height:2}
mark.hl{color:inherit;background:var(--k);border-radius:2px;padding:.05em 0;position:relative}
mark.hl:focus{outline:2px solid #3367d6;outline-offset:1px}
mark.hl:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;width:max-content;max-width:min(22rem,80vw);
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
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem .6rem;padding:0;margin:.5rem 0 1rem;font-size:.85rem}
.overview{padding:.75rem 1rem}
.toc{margin:.25rem 0 1rem;padding-left:1.5rem}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:1rem}
figure{margin:0}figcaption{font-weight:bold;font-size:.9rem}
svg.chart{width:100%;height:auto;display:block}
svg.chart text{font-family:inherit;font-size:13px;fill:var(--fg)}
svg.chart rect.bar{fill:#5c7cfa}
.errors{color:#a00}
@media (max-width:600px){body{font-size:15px}main{padding:.5rem}th,td{padding:.25rem .4rem}.card dl{grid-template-columns:1fr}
mark.hl:focus::after{position:fixed;left:.5rem;right:.5rem;top:auto;bottom:.5rem;width:auto;max-width:none}}
`;

/** Row clicks scroll to their evidence and flash it; all pieces of a split highlight flash together. */
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
`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * One self-contained HTML page: no external resources, and a Content-Security-Policy that only lets the page's own
 * style and script run, so nothing in an article can load or execute anything.
 */
export function renderReport(docs: ReportDocument[], options: ReportOptions = {}): string {
  const title = options.title ?? (docs.length === 1 ? (docs[0].result.title?.text ?? 'meeting-analyze report') : `meeting-analyze report: ${docs.length} articles`);
  const errors = options.errors ?? [];
  const csp = `default-src 'none'; style-src ${sha256(CSS)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const errorList = errors.length
    ? `<section class="card errors"><h2>Inputs not analysed</h2><ul>${errors.map((r) => `<li>${e(r.input)}: ${e(r.error.code)} — ${e(r.error.message)}</li>`).join('')}</ul></section>`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${e(title)}</h1>
${legend()}
${errorList}
${docs.length > 1 ? overview(docs, options.chartLimit ?? 10) : ''}
${docs.map(article).join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
