/// <reference lib="dom" />
/**
 * Corrections in the report, driven like a reviewer does it in headless Chromium: click a highlight and mark it,
 * drag over text to fix a boundary or add a missed item, reload (corrections kept in localStorage), export, and
 * score the exported gold with the exported lexicon (`eval` gives 1). Screenshots at 1280 and 390 px go to
 * test-output/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { pathToFileURL } from 'url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { runCli } from '../src/cli/main';

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'test-output');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTICLE = path.join(ROOT, 'e2e', 'fixtures', 'review-qingsong-2024.txt');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
let reportUrl: string;
const requests: string[] = [];

function quietIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  stderr.resume();
  return { stdout, stderr, text: () => Buffer.concat(chunks).toString('utf8') };
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run installs it.`);
  fs.mkdirSync(OUT, { recursive: true });
  const report = path.join(OUT, 'review-e2e.html');
  const io = quietIo();
  expect(await runCli({ argv: ['report', ARTICLE, '-o', report, '-q'], stdout: io.stdout, stderr: io.stderr, env: {} })).toBe(0);
  reportUrl = pathToFileURL(report).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
});

async function open(width: number, height: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(reportUrl);
  return { context, page };
}

/** Select `needle` (its `occurrence`-th appearance in the article text) by dragging the mouse over it. */
async function dragSelect(page: Page, needle: string, occurrence = 0): Promise<void> {
  const box = await page.evaluate(
    ([needle, occurrence]) => {
      const article = document.querySelector('.article')!;
      const text = article.textContent!;
      let at = -1;
      for (let n = 0; n <= (occurrence as number); n++) at = text.indexOf(needle as string, at + 1);
      if (at < 0) throw new Error(`not in the article: ${needle}`);
      // The DOM position of a text offset.
      const position = (offset: number): [Node, number] => {
        const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
        let count = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = (node as Text).data.length;
          if (offset < count + length) return [node, offset - count];
          count += length;
        }
        throw new Error('offset past the text');
      };
      const rectOf = (offset: number) => {
        const range = document.createRange();
        const [node, inside] = position(offset);
        range.setStart(node, inside);
        range.setEnd(node, inside + 1);
        return range.getBoundingClientRect();
      };
      // The mouse only reaches what the viewport shows: bring the words to the middle of it first.
      (position(at)[0] as Text).parentElement!.scrollIntoView({ block: 'center' });
      const first = rectOf(at);
      first.y; // layout
      const last = rectOf(at + (needle as string).length - 1);
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    },
    [needle, occurrence] as const,
  );
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 3 });
  await page.mouse.move(box.x2, box.y2, { steps: 3 });
  await page.mouse.up();
  expect(await page.evaluate(() => document.getSelection()!.toString())).toBe(needle);
}

/** The highlight whose tooltip starts with `label` (e.g. `Official: 李明亮`). */
const mark = (page: Page, label: string) => page.locator(`mark.hl[id][title^="${label}"]`).first();

async function add(page: Page, needle: string, kind: string, occurrence = 0): Promise<void> {
  await dragSelect(page, needle, occurrence);
  await page.selectOption('.review select[data-role="kind"]', kind);
  await page.click('.review button[data-act="add"]');
}

const listed = (page: Page) => page.locator('.review .rv-list li').allTextContents();

describe('report corrections in the browser', () => {
  test('mark, fix a boundary, add, reload, export; eval on the export gives 1 with the exported lexicon (1280 px)', async () => {
    const { context, page } = await open(1280, 900);
    // Hovering a highlight shows the rule that found it and its evidence.
    const official = mark(page, 'Official: 李明亮');
    await official.hover();
    expect(await official.getAttribute('title')).toMatch(/rule official\.title-before-name · evidence “县长”/);

    // Boundary: 李明亮 → 李明 (the tool read the first character of the verb into the name).
    await official.click();
    await expect(page.locator('.review .rv-sel').textContent()).resolves.toContain('Selected: Official: 李明亮');
    await dragSelect(page, '李明');
    await page.click('.review button[data-act="fix"]');
    // Missed official with an unknown title, and the role the text gives him.
    await add(page, '张伟', 'official');
    await add(page, '总农艺师', 'title');
    await add(page, '出席', 'role');
    // Missed counted set (an unknown measure word) and its members.
    await add(page, '三本账', 'enumeration');
    for (const item of ['经济账', '民生账', '生态账']) await add(page, item, 'item');
    // A wrong official and a right industry.
    await mark(page, 'Official: 金秋').click();
    await page.click('.review button[data-act="wrong"]');
    await mark(page, 'Industry: 竹木家具').click();
    await page.click('.review button[data-act="right"]');

    // The verdict classes (which highlight is selected is not kept across a reload).
    const classOf = async (label: string) => ((await mark(page, label).getAttribute('class')) ?? '').replace(' rv-selected', '');
    const classes = async () => ({ fixed: await classOf('Official: 李明亮'), wrong: await classOf('Official: 金秋'), right: await classOf('Industry: 竹木家具') });
    const painted = await classes();
    expect(painted.fixed).toContain('rv-fixed');
    expect(painted.wrong).toContain('rv-wrong');
    expect(painted.right).toContain('rv-right');
    const corrections = await listed(page);
    expect(corrections).toHaveLength(10);
    expect(corrections).toEqual(expect.arrayContaining(['+ official: 张伟', '+ title: 总农艺师', '+ role: 出席', '+ enumeration: 三本账', '+ item: 生态账']));
    expect(corrections.some((line) => line.includes('李明亮') && line.endsWith('→ 李明'))).toBe(true);
    await page.locator('.review').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'review-1280.png'), fullPage: true });

    // A reload keeps every correction.
    await page.reload();
    expect(await classes()).toEqual(painted);
    expect(await listed(page)).toEqual(corrections);
    // Added items and the fixed boundary are drawn over the text (CSS custom highlights), after the reload too.
    const drawn = await page.evaluate(() => {
      const texts = (name: string) => [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(name) ?? [])].map((r) => r.toString());
      return { added: texts('rv-added'), fixed: texts('rv-fix') };
    });
    expect(drawn.added).toEqual(['张伟', '总农艺师', '出席', '三本账', '经济账', '民生账', '生态账']);
    expect(drawn.fixed).toEqual(['李明']);

    // Export: one gold file and one file per lexicon list with entries, downloaded as a reviewer would.
    await page.click('.review button[data-act="export"]');
    const links = page.locator('.review .rv-out a[download]');
    const names = await links.evaluateAll((as) => as.map((a) => a.getAttribute('download')));
    expect(names.sort()).toEqual(['measure-words.txt', 'names.txt', 'not-names.txt', 'review-qingsong-2024.json', 'titles.txt']);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-review-e2e-'));
    const gold = path.join(root, 'gold');
    const lexicon = path.join(root, 'lexicon');
    fs.mkdirSync(gold);
    fs.mkdirSync(lexicon);
    for (let i = 0; i < names.length; i++) {
      const [download] = await Promise.all([page.waitForEvent('download'), links.nth(i).click()]);
      const name = download.suggestedFilename();
      await download.saveAs(path.join(name.endsWith('.json') ? gold : lexicon, name));
    }
    await page.screenshot({ path: path.join(OUT, 'review-export-1280.png'), fullPage: true });
    expect(fs.readFileSync(path.join(lexicon, 'names.txt'), 'utf8')).toBe('李明\n张伟\n');
    expect(fs.readFileSync(path.join(lexicon, 'measure-words.txt'), 'utf8')).toBe('本\n');
    await context.close();

    const io = quietIo();
    const code = await runCli({ argv: ['eval', '--gold', gold, '--lexicon', lexicon, '--json', '--min', '1', ARTICLE], stdout: io.stdout, stderr: io.stderr, env: {} });
    const report = JSON.parse(io.text());
    expect(report.files).toBe(1);
    expect(report.meanF1).toBe(1);
    expect(code).toBe(0);
    for (const field of ['officials', 'titles', 'roles', 'enumerations', 'enumeration items', 'industries']) {
      expect(report.fields.find((row: { field: string }) => row.field === field)).toMatchObject({ fp: 0, fn: 0 });
    }
  });

  test('the review bar fits a 390 px phone screen and works with taps', async () => {
    const { context, page } = await open(390, 844);
    await mark(page, 'Industry: 竹木家具').click();
    await page.click('.review button[data-act="wrong"]');
    expect(await mark(page, 'Industry: 竹木家具').getAttribute('class')).toContain('rv-wrong');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const bar = await page.locator('.review').boundingBox();
    expect(bar!.x).toBeGreaterThanOrEqual(0);
    expect(bar!.x + bar!.width).toBeLessThanOrEqual(390);
    await page.locator('.review').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, 'review-390.png') });
    await context.close();
  });

  test('the page made no request other than the file itself and downloads', () => {
    expect(requests.filter((url) => !/^(?:file|data|blob):/.test(url))).toEqual([]);
  });
});
