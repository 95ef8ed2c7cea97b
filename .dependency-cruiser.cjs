/** @module dependency-cruiser config: the folder rules of DESIGN.md, checked by `npm run check` (issue #17). */
// Folder cycles are checked on library code alone by .dependency-cruiser-library.cjs. A known exception names its path and issue; no rule is loosened silently.
const TEST = '(\\.test\\.ts$|^src/testing/)';

module.exports = {
  forbidden: [
    {
      name: 'spec-imports-nothing',
      comment: 'src/spec holds types only; everything depends on it, it depends on nothing (DESIGN.md). Its own tests may import the test framework.',
      severity: 'error',
      from: { path: '^src/spec/', pathNot: TEST },
      to: { pathNot: '^src/spec/' },
    },
    {
      name: 'think-imports-spec-errors-only',
      comment: 'Strategies receive models and verifiers through the StrategyContext; they never build them (DESIGN.md). src/random is a pure leaf.',
      severity: 'error',
      from: { path: '^src/think/', pathNot: TEST },
      to: { path: '^src/', pathNot: '^src/(think|spec|errors|random)/' },
    },
    {
      name: 'random-imports-nothing',
      comment: 'src/random is the one seeded generator (mulberry32) that tasks, strategies and bench share; a pure leaf (issue #17).',
      severity: 'error',
      from: { path: '^src/random/' },
      to: { pathNot: '^src/random/' },
    },
    {
      name: 'src-never-imports-scripts',
      comment: 'scripts/ imports src/, never the other way round.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'no-test-code-in-library',
      comment: 'Library code never imports tests, test helpers (testing homes) or test frameworks.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { path: `${TEST}|^node_modules/(vitest|fast-check)/` },
    },
    {
      name: 'one-testing-home',
      comment:
        'Test helpers live in src/testing alone: it may import any folder (a fake engine needs the server types), and is outside the graph the folder-cycle rule checks, while library code may never import it (no-test-code-in-library).',
      severity: 'error',
      from: {},
      to: { path: '(^|/)testing/', pathNot: '^src/testing/' },
    },
    {
      name: 'tests-import-no-tests',
      comment: 'Shared test code lives in a testing home, never in another test file.',
      severity: 'error',
      from: {},
      to: { path: '\\.test\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },

};
