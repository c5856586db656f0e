import { escapeHtml } from './highlight';

export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 560;
const LABEL = 170;
const ROW = 26;

/** A horizontal bar chart as inline SVG (no script, no fonts of its own: it inherits the page's CJK stack). */
export function barChart(title: string, bars: Bar[]): string {
  const caption = `<figcaption>${escapeHtml(title)}</figcaption>`;
  if (!bars.length) return `<figure class="chart">${caption}<p class="muted">No data.</p></figure>`;
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const span = WIDTH - LABEL - 40;
  const height = bars.length * ROW + 8;
  const rows = bars
    .map((bar, i) => {
      const y = 4 + i * ROW;
      const w = Math.max(2, Math.round((bar.value / max) * span));
      // Long labels are cut for the axis; the full text stays in the <title> tooltip.
      const label = bar.label.length > 12 ? `${bar.label.slice(0, 11)}…` : bar.label;
      return `<g><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title><text x="${LABEL - 6}" y="${y + ROW / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(label)}</text><rect class="bar" x="${LABEL}" y="${y + 4}" width="${w}" height="${ROW - 8}" rx="3"></rect><text x="${LABEL + w + 6}" y="${y + ROW / 2}" dominant-baseline="middle">${bar.value}</text></g>`;
    })
    .join('');
  return `<figure class="chart">${caption}<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg">${rows}</svg></figure>`;
}
