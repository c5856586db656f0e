/// <reference lib="dom" />
/**
 * Renders reports with the real CLI — the seed article and two test articles (text), and a web page (HTML) — opens
 * them from disk in headless Chromium and checks what an analyst relies on: the article as analysed (no markup),
 * highlights at the right text with inline labels, a legend that filters, links between related items, row clicks
 * that bring the evidence into view, no horizontal overflow at 1280 or 390 px, and no network access.
 * Screenshots go to test-output/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { pathToFileURL } from 'url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../src/cli/main';
import { analyze as analyzeText } from '../src/analyzer';
import { renderReport } from '../src/report/html';
import { shownText } from '../src/report/view';
import type { AnalysisResult } from '../src/types';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'test-output');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INPUTS = [path.join(ROOT, 'fixtures', 'zibo-2022.txt'), path.join(ROOT, 'tests', 'fixtures', 'report-lanhu-2023.txt'), path.join(ROOT, 'tests', 'fixtures', 'report-qingshan-2024.txt')];
const PAGE = path.join(ROOT, 'e2e', 'fixtures', 'report-pingshan-2023.html');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Expected {
  text: string;
  result: AnalysisResult;
  /** The article text the report shows (cleaned; for a page, extracted from its markup). */
  shown: string;
}

let browser: Browser;
let reportUrl: string;
let pageUrl: string;
let expected: Expected[];
let page0: Expected;
const requests: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    // Fail loudly: a browser test that silently passes without a browser proves nothing.
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run installs it.`);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const reportPath = path.join(OUT, 'report-e2e.html');
  const stderr = new PassThrough();
  stderr.resume();
  const code = await runCli({ argv: ['report', ...INPUTS, '-o', reportPath, '-q'], stdout: new PassThrough(), stderr, env: {} });
  expect(code).toBe(0);
  reportUrl = pathToFileURL(reportPath).href;
  const htmlReport = path.join(OUT, 'report-e2e-page.html');
  expect(await runCli({ argv: ['report', PAGE, '-o', htmlReport, '-q'], stdout: new PassThrough(), stderr, env: {} })).toBe(0);
  pageUrl = pathToFileURL(htmlReport).href;
  // The same analysis the CLI ran, to know what each highlight must cover.
  expected = INPUTS.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { text, result: analyzeText({ text, path: file, format: 'text' }), shown: shownText(text, 'text').text };
  });
  const html = fs.readFileSync(PAGE, 'utf8');
  page0 = { text: html, result: analyzeText({ text: html, path: PAGE, format: 'html' }), shown: shownText(html, 'html').text };
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
});

async function open(width: number, height: number, url = reportUrl): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url);
  return page;
}

/** The input text at a span as an item reports it: line breaks the cleaner joined taken out. */
const written = (text: string, span: [number, number]) => text.slice(span[0], span[1]).replace(/\s*\n\s*/g, '');

/** Every highlight of one article is at its item: officials, formulas, components, items, industries. */
async function expectHighlightsAtItems(page: Page, d: number, { text, result }: Expected): Promise<number> {
  let checked = 0;
  for (const [i, official] of result.officials.entries()) {
    const id = `d${d}-official-${i}`;
    expect(await markText(page, id)).toBe(written(text, official.span));
    expect((await markText(page, id)).endsWith(official.name)).toBe(true);
    expect(await page.getAttribute(`#${id}`, 'class')).toContain('k-official');
    for (const [j, s] of official.spans.entries()) {
      if (s[0] >= official.span[0] && s[1] <= official.span[1]) continue;
      expect(await markText(page, `d${d}-mention-${i}-${j}`)).toBe(official.name);
    }
    checked++;
  }
  for (const [i, f] of result.frameworks.entries()) {
    expect((await markText(page, `d${d}-formula-${i}`)).replace(/＋/g, '+')).toBe(f.formula);
    for (const [j, c] of f.components.entries()) {
      expect(await markText(page, `d${d}-component-${i}-${j}`)).toBe(written(text, c.span));
      for (const [k, item] of c.items.entries()) expect(await markText(page, `d${d}-citem-${i}-${j}-${k}`)).toBe(item.text);
      checked++;
    }
  }
  for (const [i, ind] of result.industries.entries()) expect(await markText(page, `d${d}-industry-${i}`)).toBe(ind.name);
  return checked;
}

/** Whether anything sticks out to the right: the page, a table's box, or a text element past the window. */
function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    document.querySelectorAll('.tbl, .article, .card, .charts, .legend').forEach((el) => {
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} scrolls: ${el.scrollWidth} > ${el.clientWidth}`);
    });
    document.querySelectorAll('td, th, dd, h1, h2, figcaption, .lbl, li, label').forEach((el) => {
      const r = el.getBoundingClientRect();
      if (r.width && r.right > window.innerWidth + 0.5) out.push(`${el.tagName} "${(el.textContent ?? '').slice(0, 20)}" ends at ${r.right}`);
    });
    return out;
  });
}

/** The inline label drawn after a highlight (its ::after content), or 'none'. */
function inlineLabel(page: Page, id: string): Promise<string> {
  return page.evaluate((target) => getComputedStyle(document.getElementById(target)!, '::after').content, id);
}

const background = (page: Page, id: string) => page.evaluate((target) => getComputedStyle(document.getElementById(target)!).backgroundColor, id);

/** Text of a highlight: all its pieces (a highlight split around an overlap has several), in document order. */
function markText(page: Page, id: string): Promise<string> {
  return page.$$eval(`[data-mark="${id}"]`, (els) => els.map((el) => el.textContent ?? '').join(''));
}

/** Whether the element is inside the window and inside every scrolling ancestor. */
function inView(page: Page, id: string): Promise<boolean> {
  return page.evaluate((target) => {
    const el = document.getElementById(target);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight || r.left < 0 || r.right > window.innerWidth) return false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (!/(auto|scroll|hidden)/.test(style.overflowY)) continue;
      const c = p.getBoundingClientRect();
      if (r.top < c.top - 1 || r.bottom > c.bottom + 1) return false;
    }
    return true;
  }, id);
}

describe('HTML report in Chromium', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(1280, 800);
  });

  test('every highlight is at its item: officials, mentions, formulas, components, items, industries', async () => {
    let count = 0;
    for (const [d, doc] of expected.entries()) {
      expect(doc.result.officials.length).toBeGreaterThanOrEqual(2);
      count += await expectHighlightsAtItems(page, d + 1, doc);
    }
    expect(count).toBeGreaterThanOrEqual(14);
    expect(expected.flatMap((e) => e.result.frameworks.map((f) => f.formula))).toEqual(['1+3+3+3', '1+2+4', '1+3+2']);
  });

  test('the article text is shown as analysed: boilerplate left out, listed below', async () => {
    const shown = await page.$$eval('.article', (els) => els.map((el) => el.textContent));
    expect(shown).toEqual(expected.map((e) => e.shown));
    // The seed's image file name is boilerplate: not in the text, named in the list of what was left out.
    expect(shown[0]).not.toContain('.jpg');
    expect(await page.$eval('#d1 .removed-list', (el) => el.textContent)).toContain('image-file');
  });

  test('each highlight carries an inline label of its kind', async () => {
    expect(await inlineLabel(page, 'd1-official-0')).toBe('"official"');
    expect(await inlineLabel(page, 'd1-formula-0')).toBe('"formula"');
    expect(await inlineLabel(page, 'd1-component-0-1')).toBe('"component"');
    expect(await inlineLabel(page, 'd1-industry-0')).toBe('"industry"');
    // Labels are drawn, not text: copying the article copies the article only.
    expect(await markText(page, 'd1-official-0')).not.toContain('official');
  });

  test('the legend filters kinds on and off; slogans start off', async () => {
    const slogan = 'd1-slogan-0';
    expect(await page.isChecked('#show-slogan')).toBe(false);
    expect(await background(page, slogan)).toBe('rgba(0, 0, 0, 0)');
    expect(await inlineLabel(page, slogan)).toBe('none');
    await page.check('#show-slogan');
    expect(await background(page, slogan)).not.toBe('rgba(0, 0, 0, 0)');
    expect(await inlineLabel(page, slogan)).toBe('"slogan"');
    expect(await background(page, 'd1-official-0')).not.toBe('rgba(0, 0, 0, 0)');
    await page.uncheck('#show-official');
    expect(await background(page, 'd1-official-0')).toBe('rgba(0, 0, 0, 0)');
    expect(await inlineLabel(page, 'd1-official-0')).toBe('none');
    await page.check('#show-official');
    await page.uncheck('#show-slogan');
  });

  test("focusing an official's highlight marks his row (titles, roles); a component's marks its items", async () => {
    await page.focus('#d1-official-0');
    expect(await page.getAttribute('#d1-row-official-0', 'class')).toContain('linked');
    await page.focus('#d1-component-0-1');
    expect(await page.getAttribute('#d1-row-official-0', 'class')).not.toContain('linked');
    const items = expected[0].result.frameworks[0].components[1].items;
    expect(items.length).toBeGreaterThan(1);
    for (const k of items.keys()) expect(await page.getAttribute(`#d1-citem-0-1-${k}`, 'class')).toContain('linked');
    await page.hover('#d2-official-1');
    expect(await page.getAttribute('#d2-row-official-1', 'class')).toContain('linked');
  });

  test('1280 px: nothing overflows horizontally', async () => {
    expect(await overflow(page)).toEqual([]);
    await page.screenshot({ path: path.join(OUT, 'report-text-1280.png') });
  });

  test('clicking a table row scrolls its highlight into view and flashes it', async () => {
    for (const id of ['d1-component-0-3', 'd3-official-1', 'd1-industry-2', 'd2-component-0-2']) {
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        document.querySelectorAll('.text').forEach((el) => (el.scrollTop = 0));
      });
      // The first cell: the items cell holds chips that lead to the items themselves.
      await page.click(`tr[data-target="${id}"] td:first-child`);
      expect({ id, inView: await inView(page, id) }).toEqual({ id, inView: true });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
      expect(await page.getAttribute(`#${id}`, 'class')).toContain('flash');
    }
    // The formula sits at the end of the seed article: out of view until its cell is clicked.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelectorAll('.text').forEach((el) => (el.scrollTop = 0));
    });
    expect(await inView(page, 'd1-formula-0')).toBe(false);
    await page.click('tr[data-target="d1-component-0-0"] td:first-child .chip');
    expect(await inView(page, 'd1-formula-0')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('d1-formula-0');
  });

  test('Enter on a focused row does what a click does', async () => {
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelectorAll('.text').forEach((el) => (el.scrollTop = 0));
    });
    await page.focus('tr[data-target="d1-enum-1"]');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('d1-enum-1');
    expect(await inView(page, 'd1-enum-1')).toBe(true);
  });

  test('a focused highlight shows what it was extracted as', async () => {
    await page.focus('#d1-official-0');
    const tip = await page.evaluate(() => getComputedStyle(document.getElementById('d1-official-0')!, '::before').content);
    expect(tip).toContain('Official: 袁良 — 市委常委、秘书长、区工委书记');
  });

  test('a chip in a table cell leads to its own item', async () => {
    await page.click('tr[data-target="d2-component-0-2"] .chip:nth-child(2)');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('d2-citem-0-2-1');
    expect(await inView(page, 'd2-citem-0-2-1')).toBe(true);
  });

  test('overview links and charts for the three articles', async () => {
    expect(await page.$$eval('#overview .toc a', (els) => els.map((el) => el.getAttribute('href')))).toEqual(['#d1', '#d2', '#d3']);
    expect(await page.$$eval('#overview figure.chart', (els) => els.length)).toBe(4);
    await page.click('#overview .toc a[href="#d3"]');
    expect(await page.evaluate(() => Math.abs(document.getElementById('d3')!.getBoundingClientRect().top) < 50)).toBe(true);
  });

  test('usable at 390 px: nothing overflows, chart labels readable, row clicks still reach the evidence', async () => {
    const narrow = await open(390, 844);
    expect(await overflow(narrow)).toEqual([]);
    const sizes = await narrow.$$eval('#overview .bars .lbl, #overview figcaption, mark.hl', (els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    expect(await narrow.evaluate(() => parseFloat(getComputedStyle(document.getElementById('d1-official-0')!, '::after').fontSize))).toBeGreaterThanOrEqual(11);
    await narrow.screenshot({ path: path.join(OUT, 'report-text-390-top.png') });
    await narrow.click('tr[data-target="d1-official-1"] td:first-child');
    expect(await inView(narrow, 'd1-official-1')).toBe(true);
    // The focus tooltip of the clicked highlight must not push the page sideways either.
    expect(await overflow(narrow)).toEqual([]);
    await narrow.screenshot({ path: path.join(OUT, 'report-text-390.png') });
    await narrow.close();
  });

  test('hostile article text stays text: nothing runs, nothing loads, CRLF offsets kept', async () => {
    const text = '蓝湖高新区召开工作会议\r\n\r\n区委书记周明远出席并讲话。<script>window.pwned=1</script><img src="http://127.0.0.1:9/x.png" onerror="window.pwned=2">\r\n“1+2”</b>';
    const file = path.join(OUT, 'report-e2e-hostile.html');
    fs.writeFileSync(file, renderReport([{ result: analyzeText({ text, path: '<b>x</b>.txt' }), text }]));
    const hostile = await open(800, 600);
    let dialogs = 0;
    hostile.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await hostile.goto(pathToFileURL(file).href);
    expect(await hostile.$eval('.article', (el) => el.textContent)).toBe(shownText(text).text);
    expect(await hostile.$eval('.article', (el) => el.textContent)).toContain('<script>window.pwned=1</script>');
    expect(await hostile.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await hostile.$$eval('.article img, .article script', (els) => els.length)).toBe(0);
    expect(dialogs).toBe(0);
    await hostile.close();
  });

  test('an HTML input: the article extracted from the page, no markup, every highlight at its item (1280 and 390 px)', async () => {
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ]) {
      const web = await open(width, height, pageUrl);
      const shown = await web.$eval('.article', (el) => el.textContent ?? '');
      expect(shown).toBe(page0.shown);
      for (const markup of ['<', '>', 'DOCTYPE', 'var s=', 'function init', 'document.write', '.nav{', '首页']) expect({ markup, found: shown.includes(markup) }).toEqual({ markup, found: false });
      expect(shown).toContain('平山区召开2023年工业经济工作会议');
      // A line hard-wrapped in the page's source is shown joined.
      expect(shown).toContain('区长宋明哲主持会议');
      expect(page0.result.officials.map((o) => o.name)).toEqual(['韩立峰', '宋明哲', '顾远']);
      expect(await expectHighlightsAtItems(web, 1, page0)).toBeGreaterThanOrEqual(4);
      expect(await markText(web, 'd1-meeting-date')).toBe(page0.result.meeting?.dateText);
      expect(await inlineLabel(web, 'd1-official-1')).toBe('"official"');
      expect(await overflow(web)).toEqual([]);
      await web.screenshot({ path: path.join(OUT, `report-page-${width}.png`), fullPage: width === 390 });
      await web.close();
    }
  });

  test('the page made no network request', async () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !/^(file|data):/.test(url))).toEqual([]);
  });
});
