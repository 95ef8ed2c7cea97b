import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProcessVerifier } from '../engine/process-verifier.js';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { splitCompletion } from '../models/gguf/embedded-format.js';
import type { Problem } from '../spec/verifier.js';
import { writeRandomLlamaGguf } from '../testing/random-gguf.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { createVerifier, VERIFIER_NAMES } from './create-verifier.js';
import { learnedVerifierPath, loadVerdictModel } from './learned-verifier.js';
import { calibrationBins, expectedCalibrationError, rocAuc } from './learned-verifier-metrics.js';
import { answerLineOf, verifierText } from './learned-verifier-text.js';

const problem: Problem = { question: 'Compute 12 + 30.', messages: [{ role: 'user', content: 'Compute 12 + 30.' }], task: 'arithmetic' };

describe('the text a learned verifier reads', () => {
  it('ends at the answer line (outcome) or the last thinking line (process), in the trainer format', () => {
    const chain = { reasoning: '\n12+30=42\n', text: 'A: 42' };
    expect(verifierText('What is 12+30?', chain, true)).toBe('What is 12+30?\n<think>\n12+30=42\n</think>\nA: 42\n');
    expect(verifierText('What is 12+30?', chain, false)).toBe('What is 12+30?\n<think>\n12+30=42\n');
    // No thinking: the empty section of a direct answer; no answer: nothing for an outcome verdict.
    expect(verifierText('Q', { text: 'A: 5' }, true)).toBe('Q\n<think>\n</think>\nA: 5\n');
    expect(verifierText('Q', { reasoning: 'a\nb', text: '' }, true)).toBeUndefined();
    expect(verifierText('Q', { text: '' }, false)).toBeUndefined();
  });

  it('takes the answer line from the text, else builds it from the extracted answer', () => {
    expect(answerLineOf({ text: 'work\n  A: 7 apples\nmore' })).toBe('A: 7 apples');
    expect(answerLineOf({ text: 'The answer is 7', answer: '7' })).toBe('A: 7');
    expect(answerLineOf({ text: 'A:' })).toBeUndefined();
  });
});

describe('orm and prm by name', () => {
  it('are verifier names; a missing GGUF fails at creation with MODEL_UNAVAILABLE naming the file', () => {
    expect(VERIFIER_NAMES).toEqual(expect.arrayContaining(['orm', 'prm']));
    for (const name of ['orm', 'prm']) {
      try {
        createVerifier(name, { learnedVerifierPath: '/nonexistent/verifier.gguf' });
        expect.unreachable('a missing verifier GGUF must throw');
      } catch (error) {
        expect(error).toBeInstanceOf(SlowthinkError);
        expect((error as SlowthinkError).code).toBe(ERROR_CODES.MODEL_UNAVAILABLE);
        expect((error as SlowthinkError).message).toContain('/nonexistent/verifier.gguf');
      }
    }
  });

  it.skipIf(!existsSync(learnedVerifierPath()))('processVerifier=prm resolves to the learned process verifier', () => {
    const model = createScriptedModel({ responses: ['A: 1'] });
    const verifier = resolveProcessVerifier(problem, { verifier: undefined, options: { processVerifier: 'prm' }, model });
    expect(verifier).toMatchObject({ name: 'prm', kind: 'process', exact: false });
    expect(createVerifier('orm')).toMatchObject({ name: 'orm', kind: 'outcome', exact: false });
  });
});

describe.skipIf(!existsSync(learnedVerifierPath()))('the shipped verifier on held-out chains', () => {
  it('ranks a right chain above a wrong one of the same problem more often than chance (24 evaluation-seed pairs)', async () => {
    // One right and one wrong sampled chain for each of 12 arithmetic L4 and 12 Countdown L2 evaluation problems, never trained on.
    const rows = readFileSync(new URL('./__fixtures__/held-out-chains.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { prompt: string; completion: string; correct: boolean });
    const orm = createVerifier('orm');
    const scores: number[] = [];
    for (const row of rows) {
      const parts = splitCompletion(row.completion.replace(/^<think>\n?/, ''), true);
      const question = { question: row.prompt, messages: [{ role: 'user' as const, content: row.prompt }] };
      scores.push((await orm.score(question, { text: parts.text, reasoning: parts.reasoning })).value);
    }
    // Shipped verifier: AUC 0.70 here (arithmetic 0.59, Countdown 0.83); a verifier that reads nothing would sit near 0.5.
    expect(
      rocAuc(
        scores,
        rows.map((row) => row.correct),
      ),
    ).toBeGreaterThan(0.62);
  }, 30_000);
});

describe('verdicts through node-llama-cpp', () => {
  const folder = mkdtempSync(join(tmpdir(), 'slowthink-verdict-'));
  const path = join(folder, 'random.gguf');
  writeRandomLlamaGguf(path, { dimension: 32, layers: 1, heads: 2, seed: 3, scale: 4 });

  it('reads P(+)/(P(+)+P(-)) once per process and path, deterministic, for partial and finished chains', async () => {
    expect(loadVerdictModel(path)).toBe(loadVerdictModel(path));
    const model = await loadVerdictModel(path);
    const orm = createVerifier('orm', { learnedVerifierPath: path });
    const prm = createVerifier('prm', { learnedVerifierPath: path });
    const finished = { reasoning: '12+30=42', text: 'A: 42' };
    const value = (await orm.score(problem, finished)).value;
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan(1);
    // The question is asked as the embedded runtime asks it (`What is 12+30?`), and both kinds judge a finished chain alike.
    expect(await model.verdict('What is 12+30?\n<think>\n12+30=42\n</think>\nA: 42\n')).toBe(value);
    expect((await prm.score(problem, finished)).value).toBe(value);
    const partial = { reasoning: '12+30=42', text: '' };
    expect((await prm.score(problem, partial)).value).toBe(await model.verdict('What is 12+30?\n<think>\n12+30=42\n'));
    expect(await orm.score(problem, partial)).toMatchObject({ value: 0, issues: [{ code: 'nothing-to-judge' }] });
    // A chain past the context is not cut (that would judge another text): a neutral score that says why.
    expect(await orm.score(problem, { reasoning: '1+1=2\n'.repeat(100), text: 'A: 2' })).toMatchObject({
      value: 0.5,
      issues: [{ code: 'too-long' }],
    });
  }, 20_000);
});

describe('ranking and calibration metrics', () => {
  it('AUC: 1 when every correct chain outscores every wrong one, 0.5 for ties, NaN without both labels', () => {
    expect(rocAuc([0.9, 0.8, 0.1, 0.2], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5], [true, false, true])).toBe(0.5);
    expect(rocAuc([0.3, 0.4], [true, true])).toBeNaN();
  });

  it('AUC counts pairs: reversing the scores gives 1 − AUC, and a monotone transform changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 1000 }).map((value) => value / 1000),
            fc.boolean(),
          ),
          { minLength: 2, maxLength: 40 },
        ),
        (rows) => {
          const scores = rows.map(([score]) => score);
          const labels = rows.map(([, label]) => label);
          const auc = rocAuc(scores, labels);
          if (Number.isNaN(auc)) return;
          let wins = 0;
          let pairs = 0;
          rows.forEach(([p, yp]) => {
            rows.forEach(([n, yn]) => {
              if (yp && !yn) {
                pairs++;
                wins += p > n ? 1 : p === n ? 0.5 : 0;
              }
            });
          });
          expect(auc).toBeCloseTo(wins / pairs, 9);
          expect(
            rocAuc(
              scores.map((score) => -score),
              labels,
            ),
          ).toBeCloseTo(1 - auc, 9);
          expect(
            rocAuc(
              scores.map((score) => score ** 3),
              labels,
            ),
          ).toBeCloseTo(auc, 9);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('ECE is the count-weighted gap between mean score and share correct per bin', () => {
    const scores = [0.95, 0.95, 0.15, 0.15];
    expect(expectedCalibrationError(scores, [true, true, false, false])).toBeCloseTo(0.1, 9);
    expect(expectedCalibrationError(scores, [false, false, true, true])).toBeCloseTo(0.9, 9);
    expect(calibrationBins([1, 0, 0.5], [true, false, true]).map((bin) => [bin.low, bin.count])).toEqual([
      [0, 1],
      [0.5, 1],
      [0.9, 1],
    ]);
  });
});
