/**
 * Four projects; `npm test` runs them all, `npm run test:unit` only the part that needs no dictionary (seconds).
 * - unit: extractors, grammar and pipeline on the dictionary segmenter (tests/unit)
 * - analysis: whole analyses with nodejieba (one ~1 s load per test file)
 * - cli: the command line and batch runs, in memory and as child processes
 * - slow: fuzzing (fixed seed) and the linear-time suite
 * @type {import('jest').Config}
 */
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { types: ['node', 'jest'], isolatedModules: true } }] },
};
const cli = ['<rootDir>/tests/cli*.test.ts', '<rootDir>/tests/batch*.test.ts', '<rootDir>/tests/bad-inputs.test.ts'];
const slow = ['<rootDir>/tests/fuzz.test.ts', '<rootDir>/tests/adversarial.test.ts'];

module.exports = {
  testTimeout: 30000,
  // Each worker loads nodejieba (~300 MB); recycle a worker that grows past this instead of letting it climb.
  workerIdleMemoryLimit: '800MB',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'analysis',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/unit/', '<rootDir>/tests/(cli|batch)[^/]*\\.test\\.ts$', '<rootDir>/tests/bad-inputs\\.test\\.ts$', '<rootDir>/tests/(fuzz|adversarial)\\.test\\.ts$'],
    },
    { ...base, displayName: 'cli', testMatch: cli },
    { ...base, displayName: 'slow', testMatch: slow },
  ],
};
