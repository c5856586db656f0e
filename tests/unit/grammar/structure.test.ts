import { findCountedPhrases } from '../../../src/grammar/counted';
import { itemsFor } from '../../../src/grammar/items';
import { listEndingAt, listStartingAfter } from '../../../src/grammar/lists';
import { markerAt, membersFollowing } from '../../../src/grammar/outline';
import type { Context } from '../../../src/pipeline/context';
import { testContext } from '../../context';

const texts = (ctx: Context, spans: Array<{ start: number; end: number }> | null) => (spans ?? []).map((span) => ctx.text.slice(span.start, span.end));

describe('counted phrases', () => {
  test.each([
    ['要做强三大主导产业：新材料、装备制造、电子信息。', [['三大主导产业', 3]]],
    ['聚焦“两个确立”，推进五大工程。', [['“两个确立”', 2], ['五大工程', 5]]],
    ['完成9项改革任务。', [['9项改革任务', 9]]],
    ['第一步工作要抓实。', []],
    ['获评十大案例之一。', []],
  ])('%s', (text, expected) => {
    const ctx = testContext(text);
    expect(findCountedPhrases(ctx).map((phrase) => [ctx.text.slice(phrase.start, phrase.end), phrase.count])).toEqual(expected);
  });

  test.each([
    ['a list after a colon', '要做强三大主导产业：新材料、装备制造、电子信息。', ['新材料', '装备制造', '电子信息']],
    ['a list before the label', '发展新材料、装备制造、电子信息三大主导产业。', ['新材料', '装备制造', '电子信息']],
    ['fused one-character levels', '在县乡两级推行。', ['县', '乡']],
    ['no members listed', '聚焦“两个确立”。', []],
  ])('items: %s', (_, text, items) => {
    const ctx = testContext(text);
    const [phrase] = findCountedPhrases(ctx);
    expect(texts(ctx, itemsFor(ctx, phrase).items)).toEqual(items);
  });
});

describe('lists', () => {
  test.each([
    ['发展新材料、装备制造和电子信息等产业。', '等产业', ['新材料', '装备制造', '电子信息']],
    ['培育招商、服务两支队伍。', '两支', ['招商', '服务']],
  ])('listEndingAt in %s', (text, before, members) => {
    const ctx = testContext(text);
    expect(texts(ctx, listEndingAt(ctx, ctx.text.indexOf(before)))).toEqual(members);
  });

  test('listStartingAfter a colon', () => {
    const ctx = testContext('主要包括：招商引资、优化服务、项目建设。');
    expect(texts(ctx, listStartingAfter(ctx, ctx.text.indexOf('：') + 1))).toEqual(['招商引资', '优化服务', '项目建设']);
  });
});

describe('outline', () => {
  test.each([
    ['一是抓项目', { family: '是', index: 1 }],
    ['（二）抓招商', { family: '（）', index: 2 }],
    ['第三，抓服务', { family: '第', index: 3 }],
    ['①创新驱动', { family: '①', index: 1 }],
    ['首先，要', { family: '首先', index: 1 }],
    ['3.抓落实', { family: '.', index: 3 }],
    ['一网统管', null],
  ])('markerAt(%s)', (text, expected) => {
    const marker = markerAt(text, 0);
    expect(marker && { family: marker.family, index: marker.index }).toEqual(expected);
  });

  test('members in the paragraphs that follow a label ending its paragraph', () => {
    const ctx = testContext('会议要求抓好三个方面工作。\n一是抓项目建设。\n二是抓招商引资。\n三是抓优化服务。');
    const runs = membersFollowing(ctx, ctx.text.indexOf('工作') + 2, 3).map((members) => texts(ctx, members));
    expect(runs).toContainEqual(['抓项目建设', '抓招商引资', '抓优化服务']);
  });
});

describe('members after a label (dictionary segmenter)', () => {
  const itemsOf = (text: string, label: string) => {
    const ctx = testContext(text);
    const phrase = findCountedPhrases(ctx).find((p) => ctx.text.slice(p.start, p.end) === label);
    return phrase ? texts(ctx, itemsFor(ctx, phrase).items) : null;
  };

  test.each([
    ['an adverbial opening is passed over', '要完成三项任务。一是按照上级部署要求，项目建设提速。二是扩大投资。三是以提升效能为目标，深化改革。', '三项任务', ['项目建设提速', '扩大投资', '深化改革']],
    ['heads far apart', `要抓好两个方面。一是稳增长，${'持续推进各项工作，'.repeat(70)}落实到位。二是防风险。`, '两个方面', ['稳增长', '防风险']],
    ['quoted names pointed back at', '“文明城市”“卫生城市”“园林城市”，这是该市获得的三项称号。', '三项称号', ['文明城市', '卫生城市', '园林城市']],
    ['members ending with the label’s head', '领导责任和监管责任，两个责任一起抓。', '两个责任', ['领导责任', '监管责任']],
    ['quoted names opening the next clauses', '构建三大支撑。“一张图”统筹布局，“一条链”构建体系，“一站式”服务企业。', '三大支撑', ['一张图', '一条链', '一站式']],
  ])('%s', (_, text, label, expected) => {
    expect(itemsOf(text, label)).toEqual(expected);
  });
});
