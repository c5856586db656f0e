import { analyze } from '../helpers';

/** [name, titles] of every official, in order. */
const officialsOf = (text: string) => analyze(text).officials.map((o) => [o.name, o.titles]);

describe('a title written both in traditional and in simplified characters in one text is listed once', () => {
  test.each([
    ['1月4日，青山新区召开工作会议。管委會主任王青松出席会议并讲话。会上，管委会主任王青松强调，要抓好落实。', '王青松', ['管委會主任', '管委会主任']],
    ['5月6日，河西县召开经济工作会议。县委书记周立新出席。會議上，縣委書記周立新强调，要稳住经济大盘。', '周立新', ['县委书记', '縣委書記']],
    ['9月8日，北湖区召开项目推进会。区長吴丽华主持会议。会议最后，区长吴丽华作总结讲话，要求加快项目建设。', '吴丽华', ['区長', '区长']],
  ])('%s', (text, name, forms) => {
    const official = officialsOf(text).find(([who]) => who === name);
    // One title, in whichever of its two spellings was read first.
    expect(official?.[1]).toHaveLength(1);
    expect(forms).toContain(official![1][0]);
  });
});

describe('names with characters outside the Basic Multilingual Plane keep their official', () => {
  test.each([
    ['1月4日，青山县召开经济工作会议。县委书记王𪚥出席会议并讲话，县长李明远主持会议。', '王𪚥'],
    ['3月2日，河西镇召开春耕会议。镇党委书记周𠀾出席会议并讲话。', '周𠀾'],
    ['9月8日，北湖区召开推进会。区长陈𬀩主持会议并讲话。', '陈𬀩'],
  ])('%s', (text, name) => {
    expect(officialsOf(text).map(([who]) => who)).toContain(name);
  });
});

describe('a line in traditional script inside a simplified article is read like the rest', () => {
  // Only the traditional line is converted for matching; the simplified lines around it say little in traditional.
  test.each([
    ['3月2日，南溪县召开防汛工作会议。会议通报了近期雨情。\n縣長周汎之主持會議並講話。\n会议要求各乡镇做好值守。', '周汎之', '縣長', ['主持', '讲话']],
    ['东岭镇召开春耕动员会。会议部署了春耕工作。\n鎮黨委書記歐陽靜儀出席會議。\n会上还表彰了种粮大户。', '欧阳静仪', '鎮黨委書記', ['出席']],
    ['西河区召开招商推进会。\n區長馮國棟主持會議。\n会议强调，要狠抓项目落地。', '冯国栋', '區長', ['主持']],
  ])('%s', (text, simplifiedName, title, roles) => {
    const result = analyze(text);
    const official = result.officials.find((o) => o.titles.includes(title));
    expect(official).toBeDefined();
    // The name is reported as written; compare it in simplified form.
    expect(official!.name.length).toBe(simplifiedName.length);
    expect(official!.roles).toEqual(roles);
    expect(text.slice(official!.spans[0][0], official!.spans[0][1])).toBe(official!.name);
  });
});
