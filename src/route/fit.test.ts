import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random/mulberry32.js';
import { chooseTokensPerAnswer, crossValidate, crossValidateChosen } from './evaluate.js';
import { candidatePlans, fitCells, plansFor, type RoutingProblem, replayAll } from './fit.js';
import type { ReplaySample } from './plans.js';
import { planLabel } from './plans.js';

const right = (tokens = 10): ReplaySample => ({ key: '1', correct: true, tokens });
const wrong = (key: string, tokens = 10): ReplaySample => ({ key, correct: false, tokens });

/** Easy: every sample right. Hard: the first sample is wrong, the probes split, and the truth wins a vote of eight. */
function easy(id: string, task = 'arithmetic', size = 'ops1'): RoutingProblem {
  return { id, task, size, samples: Array.from({ length: 16 }, () => right()) };
}
function hard(id: string, task = 'arithmetic', size = 'ops2*'): RoutingProblem {
  const pattern = [wrong('2'), right(), wrong('3'), right(), right(), wrong('4'), right(), wrong('5')];
  return { id, task, size, samples: [...pattern, ...pattern] };
}

const plans = candidatePlans(16, false);
const options = { plans, tokensPerAnswer: 2048, minProblems: 4 };

describe('fitting the router table', () => {
  it('stops after the probes where they agree and votes where they split, per size', () => {
    const problems = [
      ...Array.from({ length: 8 }, (_, index) => easy(`e${index}`)),
      ...Array.from({ length: 8 }, (_, index) => hard(`h${index}`)),
    ];
    const cells = fitCells(replayAll(problems, plans, mulberry32(1)), options);
    const easyCell = cells.find((cell) => cell.size === 'ops1');
    const hardCell = cells.find((cell) => cell.size === 'ops2*');
    // One chain is as right as any plan on the easy size, and cheapest.
    expect(easyCell?.first).toBe('single');
    expect(hardCell).toMatchObject({ first: 'probe', disagreeProblems: 8 });
    expect(hardCell?.disagree).toMatch(/^(vote|adaptive)@/);
    expect(cells.find((cell) => cell.task === '*' && cell.size === '*')).toBeDefined();
  });

  it('offers best-of-N plans only where a verifier scored samples, and no plan past the samples stored', () => {
    const unscored = plansFor([easy('a')]).map(planLabel);
    expect(unscored).toEqual(['single', 'stop', 'vote@4', 'vote@8', 'vote@16', 'adaptive@8', 'adaptive@16']);
    const scored = easy('b');
    scored.samples[3] = { ...right(), score: 1 };
    expect(plansFor([easy('a'), scored]).map(planLabel)).toContain('best@16');
  });

  it('pays for more samples only while a right answer is worth the tokens', () => {
    const problems = Array.from({ length: 8 }, (_, index) => hard(`h${index}`));
    const cheap = fitCells(replayAll(problems, plans, mulberry32(1)), { ...options, tokensPerAnswer: 1 });
    expect(cheap.find((cell) => cell.size === 'ops2*')).toMatchObject({ disagree: 'stop' });
  });

  it('cross-validates on problems the table was not fitted on: a cell of one problem cannot memorise it', () => {
    // Each problem is alone in its task, and which plan is right is arbitrary per problem: fitted on itself, every
    // problem's own row picks its right plan; held out, it falls back to the rows fitted on the others.
    const random = mulberry32(7);
    const problems: RoutingProblem[] = Array.from({ length: 30 }, (_, index) => {
      const firstRight = random() < 0.5;
      const samples = [firstRight ? right() : wrong('9'), ...Array.from({ length: 15 }, () => (firstRight ? wrong('8') : right()))];
      return { id: `p${index}`, task: `task${index}`, size: 'ops1', samples };
    });
    const replayed = replayAll(problems, plans, mulberry32(1));
    const memorise = { ...options, minProblems: 1 };
    const inSample = fitCells(replayed, memorise);
    const inSampleRight = replayed.filter((problem) => {
      const cell = inSample.find((each) => each.task === problem.task && each.size === problem.size);
      const label = cell?.first === 'single' ? 'single' : cell?.[problem.agreement];
      return problem.outcomes.get(label ?? '')?.correct;
    }).length;
    expect(inSampleRight).toBe(30);
    const held = crossValidate(replayed, memorise, 5, mulberry32(2));
    expect(held.map((entry) => entry.id)).toEqual(problems.map((problem) => problem.id));
    expect(held.filter((entry) => entry.outcome.correct).length).toBeLessThan(30);
  });

  it('chooses the price of a right answer by cross-validation, within the token share of SC@N', () => {
    const problems = [
      ...Array.from({ length: 8 }, (_, index) => easy(`e${index}`)),
      ...Array.from({ length: 8 }, (_, index) => hard(`h${index}`)),
    ];
    const replayed = replayAll(problems, plans, mulberry32(1));
    const base = { plans, minProblems: 4 };
    const grid = [1, 64, 4096];
    // Voting on the hard half pays at 64 and 4096 tokens per answer, not at 1: the cheapest W that is as accurate wins.
    expect(chooseTokensPerAnswer(replayed, base, grid, 1, 4, mulberry32(3))).toBe(64);
    // No W keeps within a share this small: the cheapest router is taken.
    expect(chooseTokensPerAnswer(replayed, base, grid, 0.001, 4, mulberry32(3))).toBe(1);
    const nested = crossValidateChosen(replayed, base, grid, 1, 4, mulberry32(3));
    expect(nested.filter((entry) => entry.outcome.correct).length).toBe(16);
  });
});
