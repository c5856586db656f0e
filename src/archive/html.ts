/**
 * An HTML page for one person or one place, in the report's style (src/report), with a timeline: self-contained,
 * no script, and a Content-Security-Policy that allows only the page's own style.
 */
import { CSS, htmlPage } from '../report/html';
import { escapeHtml as e } from '../report/highlight';
import type { PersonEntry, PlaceYear, View } from './views';

const TIMELINE_CSS = `
.timeline{list-style:none;margin:0;padding:0 0 0 1.2rem;border-left:3px solid #5c7cfa}
.timeline li{position:relative;margin:0 0 .9rem;padding:.1rem .6rem}
.timeline li::before{content:"";position:absolute;left:-1.72rem;top:.55rem;width:.8rem;height:.8rem;border-radius:50%;background:#5c7cfa;border:2px solid var(--card)}
.timeline li.change::before{background:#f28b82}
.timeline time{font-weight:bold;margin-right:.5rem}
.timeline .change-note{color:#a33;font-weight:bold}
.tag{display:inline-block;padding:0 .35rem;border-radius:4px;background:var(--official);margin-right:.25rem}
`;

const STYLE = CSS + TIMELINE_CSS;

function page(title: string, body: string): string {
  return htmlPage({ title, css: STYLE, body });
}

const tags = (items: string[]) => items.map((item) => `<span class="tag">${e(item)}</span>`).join('');

function personSection(person: PersonEntry): string {
  const items = person.appearances.map((a) => {
    const change = a.newPosts.length ? `<div class="change-note">post changed: ${e(a.newPosts.join('、'))}${a.previousPosts.length ? ` (was ${e(a.previousPosts.join('、'))})` : ''}</div>` : '';
    return `<li${a.newPosts.length ? ' class="change"' : ''}><time>${e(a.date ?? 'undated')}</time>${tags(a.titles)} ${e(a.roles.join('、'))}
<div>${e(a.meeting ?? a.headline ?? '')}${a.organization ? ` <span class="muted">${e(a.organization)}</span>` : ''}</div>
<div class="muted">${e(a.source)} [${a.span[0]}, ${a.span[1]})${a.resolution !== 'unit' && a.resolution !== 'new' ? ` — matched by ${e(a.resolution)}` : ''}</div>${change}</li>`;
  });
  const dl = `<dl><dt>units</dt><dd>${e(person.units.join('、') || '—')}</dd><dt>appearances</dt><dd>${person.appearances.length}</dd>${
    person.uncertain ? '<dt>merge</dt><dd>uncertain: some mentions joined by a related unit or by name only</dd>' : ''
  }${person.changes.length ? `<dt>changes of post</dt><dd>${person.changes.map(e).join('<br>')}</dd>` : ''}</dl>`;
  return `<section class="doc"><h2>${e(person.name)} <span class="muted">#${person.id}</span></h2><div class="card">${dl}</div><ol class="timeline">${items.join('\n')}</ol></section>`;
}

/** The person page: one timeline per person of that name. */
export function personPage(view: View): string {
  const data = view.data as { name: string; persons: PersonEntry[] };
  const body = data.persons.length ? data.persons.map(personSection).join('\n') : '<p class="muted">No one of this name in the archive.</p>';
  return page(`${data.name}: appearances`, body);
}

/** The place page: a timeline of years with meetings, formulas and leading industries. */
export function placePage(view: View): string {
  const data = view.data as { place: string; documents: number; years: PlaceYear[] };
  const items = data.years.map((y) => {
    const meetings = y.meetings.map((m) => `<li>${e(m.date ?? '')} ${e(m.name ?? '')} <span class="muted">${e(m.organization ?? '')} · ${e(m.source)}</span></li>`).join('');
    const formulas = y.formulas
      .map((f) => `<li><strong>${e(f.formula)}</strong> ${e(f.date ?? '')} <span class="muted">${e(f.source)}</span><ul>${f.components.map((c) => `<li>${e(c.label)}：${e(c.items.join('、'))}</li>`).join('')}</ul></li>`)
      .join('');
    const industries = y.industries.map((i) => `${tags([i.name])}<span class="muted">×${i.documents}</span>`).join(' ');
    return `<li><time>${e(y.year === null ? 'undated' : String(y.year))}</time>
${meetings ? `<h3>Meetings</h3><ul>${meetings}</ul>` : ''}${formulas ? `<h3>Formulas</h3><ul>${formulas}</ul>` : ''}${industries ? `<h3>Leading industries</h3><p>${industries}</p>` : ''}</li>`;
  });
  const body = data.documents ? `<p class="muted">${data.documents} documents</p><ol class="timeline">${items.join('\n')}</ol>` : '<p class="muted">No document of this place in the archive.</p>';
  return page(`${data.place}: meetings, formulas and industries by year`, body);
}
