/** @module A small valid router table for tests of the learned `auto` (as `slowthink route fit` writes them). */
import { ROUTER_FORMAT, type Router } from '../route/index.js';

/** A small valid router for `model` (a test fixture, as `route fit` writes them). */
export function testRouter(model: string): Router {
  return {
    format: ROUTER_FORMAT,
    model,
    fittedAt: '2026-12-03T00:00:00.000Z',
    runs: ['run-1'],
    config: 'self-consistency:n=64',
    effort: 'high',
    sampleTokens: 2048,
    selection: { tokensPerAnswer: 2048, minProblems: 8, plans: ['single', 'stop', 'vote@8'] },
    features: {},
    cells: [
      { task: '*', size: '*', first: 'probe', agree: 'stop', disagree: 'vote@8', problems: 20, agreeProblems: 12, disagreeProblems: 8 },
      {
        task: 'arithmetic',
        size: '*',
        first: 'probe',
        agree: 'stop',
        disagree: 'vote@8',
        problems: 20,
        agreeProblems: 12,
        disagreeProblems: 8,
      },
      {
        task: 'arithmetic',
        size: 'ops1',
        first: 'single',
        agree: 'stop',
        disagree: 'stop',
        problems: 10,
        agreeProblems: 9,
        disagreeProblems: 1,
      },
    ],
  };
}
