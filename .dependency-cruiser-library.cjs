/** @module dependency-cruiser config for library code alone (tests and testing homes left out): no folder-level cycles (issue #17). */
// Tests sit at the edge of the graph (a test imports its folder and a testing home), so their edges are not folder dependencies.
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Folders depend one way: cli -> server|bench -> engine -> think -> spec (DESIGN.md).',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.test\\.ts$|/testing/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
