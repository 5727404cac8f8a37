import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One graphql instance, as under Node: vite would otherwise pick graphql's ESM build for our code
  // while @apollo/gateway loads the CommonJS one, and graphql refuses objects from "another realm".
  resolve: { alias: { graphql: require.resolve('graphql') } },
  test: {
    include: ['{gateway,platform,packages,subgraphs,tests,bench}/**/src/**/*.test.ts'],
    // Each end-to-end file (tests/) starts its own platform (gateway + four subgraphs + a private database); files run in parallel.
    pool: 'forks',
    // Generous safety nets for a slow CI machine, not performance assertions (those live in `npm run bench`).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { APOLLO_TELEMETRY_DISABLED: '1' },
    // CI asks for a machine-readable report next to the usual output, to print its closing count line.
    reporters: process.env.VITEST_JSON_REPORT ? ['default', ['json', { outputFile: process.env.VITEST_JSON_REPORT }]] : ['default'],
  },
});
