import { analyze as analyzeText } from '../../src/analyzer';
import { resolveFormat } from '../../src/pipeline/format';
import { extractMarkdown, hasFrontMatter } from '../../src/pipeline/markdown';
import { decodeBytesChecked } from '../../src/input/read';

const doc = [
  '---',
  'title: "南溪县召开2024年经济工作会议"',
  'date: 2024-01-06',
  'tags: [经济, 会议]',
  '---',
  '',
  '# 南溪县召开2024年经济工作会议',
  '',
  '> 《南溪日报》（2024年01月06日第 01 版）',
  '',
  '**12月30日**，南溪县召开2024年经济工作会议。县委书记[赵明远](https://example.org/x)出席并讲话。',
  '',
  '1. 做强**三大主导产业**：先进制造、文化旅游、现代农业。',
  '- 抓好项目建设。',
].join('\n');

describe('Markdown input', () => {
  test('front matter is sniffed and read with its date as publication evidence', () => {
    expect(hasFrontMatter(doc)).toBe(true);
    expect(resolveFormat(doc, 'auto')).toBe('markdown');
    expect(resolveFormat('标题\n正文。', 'auto')).toBe('text');
    expect(resolveFormat('# 标题\n\n正文。', 'auto')).toBe('markdown');
    const result = analyzeText({ text: doc, format: 'markdown' });
    expect(result.title!.text).toBe('南溪县召开2024年经济工作会议');
    expect(result.meeting!.date).toBe('2023-12-30');
    expect(result.meeting!.yearSource).toBe('publication');
    expect(result.removed.some((r) => r.reason === 'publication-line' && r.text === 'date: 2024-01-06')).toBe(true);
  });

  test('markup stays out of headlines and items while spans index the file as read', () => {
    const result = analyzeText({ text: doc, format: 'markdown' });
    const official = result.officials.find((o) => o.name === '赵明远')!;
    expect(official).toBeDefined();
    expect(doc.slice(...official.spans[0])).toBe('赵明远');
    expect(doc.slice(...result.title!.span)).toBe('南溪县召开2024年经济工作会议');
    expect(doc.slice(...result.meeting!.dateSpan!)).toBe('12月30日');
    for (const item of [result.title!.text, result.meeting!.name!, ...result.enumerations.map((e) => e.label)]) expect(item).not.toMatch(/[#*>]/);
  });

  test('the front-matter title is the headline when the body has no heading of its own', () => {
    const text = '---\ntitle: 东岭镇推进乡村振兴\ndate: 2023-05-02\n---\n\n5月1日，东岭镇召开乡村振兴推进会。';
    const view = extractMarkdown(text).view;
    expect(view.raw.startsWith('东岭镇推进乡村振兴\n')).toBe(true);
    const result = analyzeText({ text, format: 'markdown' });
    expect(result.title!.text).toBe('东岭镇推进乡村振兴');
    expect(text.slice(...result.title!.span)).toBe('东岭镇推进乡村振兴');
    expect(result.meeting!.date).toBe('2023-05-01');
  });

  test('a .md input is read as Markdown; bad YAML is skipped, not thrown', () => {
    expect(decodeBytesChecked(Buffer.from('# 标题\n正文。'), 1e6, undefined, 'markdown').format).toBe('markdown');
    const broken = '---\ntitle: [unclosed\n---\n\n# 西山区召开会议\n\n3月2日，西山区召开安全会议。';
    const result = analyzeText({ text: broken, format: 'markdown' });
    expect(result.title!.text).toBe('西山区召开会议');
  });
});

describe('Markdown lists', () => {
  test('an ordered list keeps its numbers in the text, so its bold items are the members of a counted label', () => {
    const text = '# 东湖区召开2023年农业农村工作会议\n\n**发布日期：2023-02-16**\n\n2月15日，东湖区召开2023年农业农村工作会议。会议要求，今年抓好四项任务：\n\n1. **粮食稳产保供**\n2. **高标准农田建设**\n3. **农村人居环境整治**\n4. **农民增收**\n';
    expect(extractMarkdown(text).view.raw).toContain('\n1.粮食稳产保供\n2.高标准农田建设\n');
    const result = analyzeText({ text, format: 'markdown' });
    expect(result.title!.text).toBe('东湖区召开2023年农业农村工作会议');
    const tasks = result.enumerations.find((e) => e.label === '四项任务')!;
    expect(tasks.items.map((i) => i.text)).toEqual(['粮食稳产保供', '高标准农田建设', '农村人居环境整治', '农民增收']);
    for (const item of tasks.items) expect(text.slice(...item.span)).toBe(item.text);
  });
});
