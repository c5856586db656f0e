/** End-to-end browser tests (`npm run test:e2e`): need Debian's chromium at /usr/bin/chromium (or CHROMIUM_PATH). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { types: ['node', 'jest'], isolatedModules: true } }] },
  testTimeout: 120000,
};
