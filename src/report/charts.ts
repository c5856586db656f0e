import { escapeHtml } from './highlight';

export interface Bar {
  label: string;
  value: number;
}

/**
 * A horizontal bar chart: labels and values are HTML text (they keep the page's font size at any width, 390 px
 * phones included), each bar a tiny SVG whose width is a share of the largest value. No inline styles, so the
 * page's Content-Security-Policy needs no 'unsafe-inline'.
 */
export function barChart(title: string, bars: Bar[]): string {
  const caption = `<figcaption>${escapeHtml(title)}</figcaption>`;
  if (!bars.length) return `<figure class="chart">${caption}<p class="muted">No data.</p></figure>`;
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const rows = bars
    .map((bar) => {
      const share = Math.max(1, Math.round((bar.value / max) * 100));
      const label = escapeHtml(bar.label);
      return `<span class="lbl" title="${label}: ${bar.value}">${label}</span><svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect width="${share}" height="10" rx="1"></rect></svg><span class="val">${bar.value}</span>`;
    })
    .join('');
  return `<figure class="chart" role="group" aria-label="${escapeHtml(title)}">${caption}<div class="bars">${rows}</div></figure>`;
}
