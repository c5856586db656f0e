import { jitMode } from '../../src/cli/jit';

describe('optimising compiler per batch', () => {
  test.each([
    [2, 2, 'light'],
    [4, 2, 'light'],
    [1, 1, 'light'],
    [1, 2, 'full'],
    [3, 8, 'full'],
  ])('%i jobs on %i CPUs: %s', (jobs, cpus, mode) => {
    expect(jitMode(jobs, {}, cpus)).toBe(mode);
  });

  test.each([
    ['full', 2, 2, 'full'],
    ['light', 1, 8, 'light'],
    ['something else', 1, 8, 'full'],
  ])('MEETING_ANALYZE_JIT=%s with %i jobs on %i CPUs: %s', (value, jobs, cpus, mode) => {
    expect(jitMode(jobs, { MEETING_ANALYZE_JIT: value }, cpus)).toBe(mode);
  });
});
