import { describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult, Model } from '../spec/model.js';
import type { Problem } from '../spec/verifier.js';
import { createVerifier } from './create-verifier.js';
import { parseJudgeScore } from './judge-verifier.js';

/** A local scripted judge: hands out prepared texts in order and records its requests. */
function scriptedJudge(texts: string[], maxParallel = 2): Model & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  let next = 0;
  return {
    specificationVersion: 'v1',
    id: 'scripted:judge',
    provider: 'scripted',
    capabilities: { logprobs: false, continuation: false, nativeReasoning: false, maxParallel },
    requests,
    async doGenerate(request): Promise<GenerateResult> {
      requests.push(request);
      const samples = Array.from({ length: request.n ?? 1 }, () => ({
        text: texts[next++ % texts.length] ?? '',
        finishReason: 'stop' as const,
        usage: { promptTokens: 10, completionTokens: 5 },
      }));
      return { samples, usage: { promptTokens: 10, completionTokens: 5 * samples.length }, latencyMs: 1, costUsd: 0, warnings: [] };
    },
  };
}

const problem: Problem = { question: 'Why is the sky blue?', messages: [{ role: 'user', content: 'Why is the sky blue?' }] };

describe('parseJudgeScore', () => {
  it.each([
    ['Good answer.\nScore: 8', 8],
    ['**Score:** 7.5', 7.5],
    ['Rating - 6', 6],
    ['I would give it 9/10.', 9],
    ['Score: 85/100', 8.5],
    ['It is fine.\n4', 4],
    ['Score: N where N is 0 to 10... Score: 3', 3],
  ])('%s → %s', (text, expected) => {
    expect(parseJudgeScore(text)).toBe(expected);
  });

  it.each(['no grade here', 'Score: 42', 'Score: -3 is impossible'])('%s → undefined', (text) => {
    expect(parseJudgeScore(text)).toBeUndefined();
  });
});

describe('judge verifier', () => {
  it('averages several graded samples into [0,1] and keeps the judge text as evidence', async () => {
    const model = scriptedJudge(['Correct.\nScore: 10', 'Mostly.\nScore: 7', 'Hmm.\nScore: 4']);
    const verifier = createVerifier('judge', { model, judge: { samples: 3 } });
    const score = await verifier.score(problem, { text: 'Rayleigh scattering.' });
    expect(score.value).toBeCloseTo(0.7);
    expect(score.evidence).toContain('Mostly.');
    expect(model.requests.map((request) => request.n)).toEqual([2, 1]);
    expect(model.requests[0]?.messages.at(-1)?.content).toContain('Rayleigh scattering.');
  });

  it('ignores unparsable samples and stays neutral when none parse', async () => {
    const mixed = await createVerifier('judge', { model: scriptedJudge(['Score: 6', 'no idea']), judge: { samples: 2 } }).score(problem, {
      text: 'x',
    });
    expect(mixed.value).toBeCloseTo(0.6);
    expect(mixed.issues?.[0]?.code).toBe('judge-unparsable');
    const none = await createVerifier('judge', { model: scriptedJudge(['no idea']), judge: { samples: 2 } }).score(problem, { text: 'x' });
    expect(none.value).toBe(0.5);
  });

  it('routes calls through the given generate (the engine ledger)', async () => {
    const model = scriptedJudge(['Score: 9']);
    let routed = 0;
    const verifier = createVerifier('judge', {
      model,
      generate: (request) => {
        routed += 1;
        return model.doGenerate(request);
      },
      judge: { samples: 1 },
    });
    expect((await verifier.score(problem, { text: 'x' })).value).toBeCloseTo(0.9);
    expect(routed).toBe(1);
  });
});
