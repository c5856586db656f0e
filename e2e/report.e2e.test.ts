/// <reference lib="dom" />
/**
 * Renders a report for the seed article and two test articles with the real CLI, opens it from disk in headless
 * Chromium and checks what an analyst relies on: highlights at the right text, row clicks that bring the evidence
 * into view, and a page that never touches the network.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { pathToFileURL } from 'url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from '../src/cli/main';
import { analyze as analyzeText } from '../src/analyzer';
import { renderReport } from '../src/report/html';
import type { AnalysisResult } from '../src/types';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'test-output');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INPUTS = [path.join(ROOT, 'fixtures', 'zibo-2022.txt'), path.join(ROOT, 'tests', 'fixtures', 'report-lanhu-2023.txt'), path.join(ROOT, 'tests', 'fixtures', 'report-qingshan-2024.txt')];
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Expected {
  text: string;
  result: AnalysisResult;
}

let browser: Browser;
let reportUrl: string;
let expected: Expected[];
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
  // The same analysis the CLI ran, to know what each highlight must cover.
  expected = INPUTS.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return { text, result: analyzeText({ text, path: file }) };
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
});

async function open(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(reportUrl);
  return page;
}

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

  test('every official is highlighted at its first mention and at later mentions by name', async () => {
    let count = 0;
    for (const [d, { text, result }] of expected.entries()) {
      expect(result.officials.length).toBeGreaterThanOrEqual(2);
      for (const [i, official] of result.officials.entries()) {
        const id = `d${d + 1}-official-${i}`;
        const written = text.slice(official.span[0], official.span[1]);
        expect(await markText(page, id)).toBe(written);
        expect(written.endsWith(official.name)).toBe(true);
        expect(await page.getAttribute(`#${id}`, 'class')).toContain('k-official');
        expect(await page.getAttribute(`#${id}`, 'title')).toContain(`Official: ${official.name}`);
        for (const [j, s] of official.spans.entries()) {
          if (s[0] >= official.span[0] && s[1] <= official.span[1]) continue;
          expect(await markText(page, `d${d + 1}-mention-${i}-${j}`)).toBe(official.name);
        }
        count++;
      }
    }
    expect(count).toBe(6);
  });

  test('every formula and each of its components is highlighted at its text', async () => {
    const formulas: string[] = [];
    for (const [d, { text, result }] of expected.entries()) {
      for (const [i, f] of result.frameworks.entries()) {
        const id = `d${d + 1}-formula-${i}`;
        expect(await markText(page, id)).toBe(text.slice(f.span[0], f.span[1]));
        expect((await markText(page, id)).replace(/＋/g, '+')).toBe(f.formula);
        expect(await page.getAttribute(`#${id}`, 'class')).toContain('k-formula');
        for (const [j, c] of f.components.entries()) {
          expect(await markText(page, `d${d + 1}-component-${i}-${j}`)).toBe(text.slice(c.span[0], c.span[1]));
          for (const [k, item] of c.items.entries()) expect(await markText(page, `d${d + 1}-citem-${i}-${j}-${k}`)).toBe(item.text);
        }
        formulas.push(f.formula);
      }
    }
    expect(formulas).toEqual(['1+3+3+3', '1+2+4', '1+3+2']);
  });

  test('the article text is shown whole, highlights and all', async () => {
    const shown = await page.$$eval('.article', (els) => els.map((el) => el.textContent));
    expect(shown).toEqual(expected.map((e) => e.text));
  });

  test('clicking a table row scrolls its highlight into view and flashes it', async () => {
    for (const id of ['d1-formula-0', 'd3-official-1', 'd1-industry-2', 'd2-component-0-2']) {
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
    // The formula sits at the end of the seed article: out of view until its row is clicked.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.querySelectorAll('.text').forEach((el) => (el.scrollTop = 0));
    });
    expect(await inView(page, 'd1-formula-0')).toBe(false);
    await page.click('tr[data-target="d1-formula-0"] td:first-child');
    expect(await inView(page, 'd1-formula-0')).toBe(true);
    await page.screenshot({ path: path.join(OUT, 'report-e2e-1280.png') });
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
    const tip = await page.evaluate(() => getComputedStyle(document.getElementById('d1-official-0')!, '::after').content);
    expect(tip).toContain('Official: 袁良 — 市委常委、秘书长、区工委书记');
  });

  test('a chip in a table cell leads to its own item', async () => {
    await page.click('tr[data-target="d2-component-0-2"] .chip:nth-child(2)');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('d2-citem-0-2-1');
    expect(await inView(page, 'd2-citem-0-2-1')).toBe(true);
  });

  test('overview links and charts for the three articles', async () => {
    expect(await page.$$eval('#overview .toc a', (els) => els.map((el) => el.getAttribute('href')))).toEqual(['#d1', '#d2', '#d3']);
    expect(await page.$$eval('#overview svg.chart', (els) => els.length)).toBe(4);
    await page.click('#overview .toc a[href="#d3"]');
    expect(await page.evaluate(() => Math.abs(document.getElementById('d3')!.getBoundingClientRect().top) < 50)).toBe(true);
  });

  test('usable at 390 px: no horizontal scrolling, row clicks still reach the evidence', async () => {
    const narrow = await open(390, 844);
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await narrow.click('tr[data-target="d1-official-1"] td:first-child');
    expect(await inView(narrow, 'd1-official-1')).toBe(true);
    // The focus tooltip of the clicked highlight must not push the page sideways either.
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await narrow.screenshot({ path: path.join(OUT, 'report-e2e-390.png') });
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
    expect(await hostile.$eval('.article', (el) => el.textContent)).toBe(text);
    expect(await hostile.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await hostile.$$eval('.article img, .article script', (els) => els.length)).toBe(0);
    expect(dialogs).toBe(0);
    await hostile.close();
  });

  test('the page made no network request', async () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !/^(file|data):/.test(url))).toEqual([]);
  });
});
