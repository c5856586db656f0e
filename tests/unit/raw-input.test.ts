import { analyzeWithoutJieba } from '../context';

describe('extractors never read the raw input', () => {
  test('a credit inside an HTML <script> is not a person', () => {
    const page = '<html><head><title>青山县召开经济工作会议</title><script>var s="记者 张三丰";</script></head><body><p>青山县召开经济工作会议。</p><p>记者 李四海</p></body></html>';
    const result = analyzeWithoutJieba(page, { format: 'html' });
    expect(result.people.map((person) => person.name)).toEqual(['李四海']);
    const [person] = result.people;
    expect(page.slice(person.span[0], person.span[1])).toBe('李四海');
  });

  test('a credit alone on a removed line takes the name on the next article line', () => {
    const text = '青山县召开经济工作会议\n\n会议强调，要狠抓落实。\n责任编辑：\n李莎莎\n';
    const result = analyzeWithoutJieba(text);
    expect(result.people).toEqual([{ name: '李莎莎', role: '责任编辑', span: [text.indexOf('李莎莎'), text.indexOf('李莎莎') + 3] }]);
  });
});
