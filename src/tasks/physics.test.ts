import { describe, expect, it } from 'vitest';
import { createAnswerKey } from '../verify/index.js';
import { formatSolve, MAX_EXAMPLE_CHARS } from './format.js';
import { EVAL_SEED, evaluationKeys, problemKey } from './held-out.js';
import { getTask as getNamedTask } from './index.js';
import { physicsTask, UNANSWERABLE_SHARE } from './physics.js';
import { PHYSICS_DECLINE } from './physics-answer.js';
import { CHAIN_KINDS, HELD_OUT_CHAIN, HELD_OUT_CONVERSION_TOPIC } from './physics-chains.js';
import { FORMULA_KINDS } from './physics-kinds.js';
import { parsePhysicsQuestion } from './physics-question.js';
import { physicsSolveTrace } from './physics-trace.js';
import { createRandom } from './random.js';
import { detectTask, listTasks } from './registry.js';
import { buildTrainingData } from './training-data.js';

const sample = (level: number, split: 'train' | 'held-out-shapes' = 'train', count = 60) =>
  physicsTask.generate({ seed: 11, count, level, split });

describe('physics task: generation', () => {
  it('is deterministic per seed and split, and its problems are checked, ASCII and fit the context with their trace', () => {
    expect(sample(2)).toEqual(sample(2));
    expect(sample(2, 'held-out-shapes')).not.toEqual(sample(2));
    for (const level of physicsTask.levels) {
      for (const problem of [...sample(level), ...sample(level, 'held-out-shapes', 20)]) {
        expect(problem.level).toBe(level);
        const answer = problem.answer ?? PHYSICS_DECLINE;
        expect(problem.unanswerable === true).toBe(problem.answer === undefined);
        expect(physicsTask.check(problem.question, answer), problem.question).toBe(true);
        const trace = physicsSolveTrace(problem.question, 'none', createRandom(0));
        expect(trace?.answer).toBe(answer);
        const { prompt, completion } = formatSolve(problem.question, trace?.lines ?? [], answer);
        expect(prompt.length + completion.length).toBeLessThanOrEqual(MAX_EXAMPLE_CHARS);
        expect(prompt + completion).toMatch(/^[\x20-\x7e\n]+$/);
      }
    }
  });

  it('levels count steps: 1 one formula or a conversion, 2 a formula then a conversion, 3 two formulas', () => {
    const formulaLines = (question: string) =>
      (physicsSolveTrace(question, 'none', createRandom(0))?.lines ?? []).filter((line) => /^\w+ = [^\d]*[*/]/.test(line));
    const answerable = (level: number) => sample(level).filter((problem) => !problem.unanswerable);
    for (const problem of answerable(1)) {
      const lines = physicsSolveTrace(problem.question, 'none', createRandom(0))?.lines ?? [];
      expect(formulaLines(problem.question).length + lines.filter((line) => line.startsWith('1 ')).length).toBe(1);
    }
    for (const problem of answerable(2)) {
      expect(formulaLines(problem.question)).toHaveLength(1);
      expect(physicsSolveTrace(problem.question, 'none', createRandom(0))?.lines.some((line) => /^1 \S+ = /.test(line))).toBe(true);
    }
    for (const problem of answerable(3)) expect(formulaLines(problem.question)).toHaveLength(2);
  });

  it('writes the formula, the substitution with units, column work and the unit carried to a conversion', () => {
    const trace = physicsSolveTrace('A car travels 90 m in 10 s. What is its average speed in km/h?', 'none', createRandom(0));
    expect(trace?.lines.slice(0, 2)).toEqual(['v = d/t', 'v = 90 m / 10 s']);
    expect(trace?.lines).toContain('v = 9 m/s');
    expect(trace?.lines).toContain('1 m/s = 18/5 km/h');
    expect(trace?.lines).toContain('9*18=162');
    expect(trace?.lines.at(-1)).toBe('v = 32.4 km/h');
    expect(trace?.answer).toBe('32.4 km/h');
    // Multi-digit products are the arithmetic task's lines: a plan, digit facts with running partials.
    const work = physicsSolveTrace(
      'A worker pushes a crate with a force of 186 N across 21 m. How much work is done, in J?',
      'none',
      createRandom(0),
    );
    expect(work?.lines).toEqual(expect.arrayContaining(['186*21=186*1+186*20', '8*2+1=17 >72', '186+3720=3906', 'W = 3906 J']));
  });

  it('checks givens in any unit, but writes reference traces only for the units its kinds use', () => {
    const question = 'A car travels 3 km in 2 min. What is its speed in m/s?';
    expect(physicsTask.check(question, '25 m/s')).toBe(true);
    expect(physicsTask.check(question, '90 km/h')).toBe(true);
    expect(physicsTask.check(question, '1.5 m/s')).toBe(false);
    expect(physicsSolveTrace(question, 'none', createRandom(0))).toBeUndefined();
  });

  it('divides only by what the arithmetic task works (at most 12, whole quotients) or by a power of ten: 18 is 9 then 2', () => {
    for (const level of physicsTask.levels) {
      for (const problem of sample(level, 'train', 150)) {
        for (const line of physicsSolveTrace(problem.question, 'none', createRandom(0))?.lines ?? []) {
          const divisor = /^[\d.]+\/(\d+)=[\d.]+$/.exec(line)?.[1];
          if (divisor === undefined || /^10+$/.test(divisor)) continue;
          // Only a digit shift makes decimals: any other quotient is a whole number.
          expect(Number(divisor), line).toBeLessThanOrEqual(12);
          expect(line).toMatch(/=\d+$/);
        }
      }
    }
    const lines = physicsSolveTrace('Convert 72 km/h to m/s.', 'none', createRandom(0))?.lines;
    expect(lines).toEqual(expect.arrayContaining(['1 km/h = 5/18 m/s', '72*5=360', '360/9=40', '40/2=20', 'v = 20 m/s']));
    const minutes = physicsSolveTrace('How long, in min, does it take a car to travel 360 m at 12 m/s?', 'none', createRandom(0));
    expect(minutes?.lines.slice(-4)).toEqual(['1 min = 60 s', '30/6=5', '5/10=0.5', 't = 0.5 min']);
  });

  it('an immediate slip is fixed at once and the answer stays right', () => {
    let slipped = 0;
    for (const [index, problem] of sample(3, 'train', 30).entries()) {
      const trace = physicsSolveTrace(problem.question, 'immediate', createRandom(index));
      expect(trace?.answer).toBe(problem.answer ?? PHYSICS_DECLINE);
      if (trace?.mode !== 'immediate') continue;
      slipped++;
      const at = trace.mistakes[0] as number;
      expect(trace.lines[at + 1]).toBe('Wait, let me check.');
      expect(trace.lines[at + 2]).toBe(`${trace.lines[at]} wrong`);
    }
    expect(slipped).toBeGreaterThan(10);
  });

  it('held-out shapes: level 1 only in the phrasing training never sees, level 2 only the held-out topic, level 3 only the held-out chain', () => {
    const phrasings = (level: number, split: 'train' | 'held-out-shapes') =>
      new Set(sample(level, split, 150).map((problem) => `${problem.meta?.['kind']}#${problem.meta?.['phrasing']}`));
    const train1 = phrasings(1, 'train');
    for (const shape of phrasings(1, 'held-out-shapes')) expect(train1.has(shape), shape).toBe(false);
    for (const problem of sample(2, 'held-out-shapes')) expect(problem.meta?.['topic']).toBe(HELD_OUT_CONVERSION_TOPIC);
    for (const problem of sample(2)) expect(problem.meta?.['topic']).not.toBe(HELD_OUT_CONVERSION_TOPIC);
    for (const problem of sample(3, 'held-out-shapes')) expect(problem.meta?.['kind']).toBe(HELD_OUT_CHAIN);
    for (const problem of sample(3)) expect(problem.meta?.['kind']).not.toBe(HELD_OUT_CHAIN);
  });

  it('every kind is read back as itself: no two kinds share givens and asked dimension', () => {
    const problems = [1, 2, 3].flatMap((level) => [
      ...physicsTask.generate({ seed: 3, count: 200, level }),
      ...physicsTask.generate({ seed: 3, count: 30, level, split: 'held-out-shapes' }),
    ]);
    for (const kind of [...FORMULA_KINDS, ...CHAIN_KINDS]) {
      const mine = problems.filter((problem) => problem.meta?.['kind'] === kind.id);
      expect(mine.length, kind.id).toBeGreaterThan(0);
      for (const problem of mine) {
        // One given short, a question may read as another kind short of another given (`Given a mass and a distance, the work?`).
        const prefix = problem.unanswerable ? '^physics:unanswerable:' : `^physics:${kind.id}:`;
        expect(problemKey('physics', problem.question)).toMatch(new RegExp(prefix));
      }
    }
  });
});

describe('physics task: unanswerable problems', () => {
  const problems = [1, 2, 3].flatMap((level) => physicsTask.generate({ seed: 8, count: 300, level }));
  const unanswerable = problems.filter((problem) => problem.unanswerable);

  it('a few problems of levels 1 and 3 lack one given; their trace names it and declines', () => {
    expect(unanswerable.length).toBeGreaterThan(problems.length * UNANSWERABLE_SHARE * 0.3);
    expect(unanswerable.every((problem) => problem.level !== 2)).toBe(true);
    for (const problem of unanswerable) {
      // The closest kind one given short names what is missing (`PE = m*g*h`, `g is not given` for a mass and a distance).
      const parsed = parsePhysicsQuestion(problem.question);
      expect(parsed?.unanswerable).toBe(true);
      expect(parsed?.givens.map((given) => given.symbol)).not.toContain(parsed?.missing);
      const trace = physicsSolveTrace(problem.question, 'none', createRandom(0));
      expect(trace?.lines.at(-1)).toBe(`${parsed?.missing} is not given`);
      expect(trace?.answer).toBe(PHYSICS_DECLINE);
    }
  });

  it('declining is right exactly on unanswerable problems, and a decline extracts as no answer', () => {
    const answerable = problems.filter((problem) => !problem.unanswerable).slice(0, 100);
    for (const problem of unanswerable) {
      expect(physicsTask.check(problem.question, 'cannot be determined')).toBe(true);
      expect(physicsTask.check(problem.question, 'Not enough information.')).toBe(true);
      expect(physicsTask.check(problem.question, `12 ${problem.meta?.['ask']}`)).toBe(false);
      expect(physicsTask.explain?.(problem.question, '12')).toMatch(/does not give/);
    }
    for (const problem of answerable) expect(physicsTask.check(problem.question, 'cannot be determined')).toBe(false);
    const key = createAnswerKey(physicsTask, { question: unanswerable[0]?.question as string });
    expect(key.extract('<think>\nF = m*a\nm is not given\n</think>\nA: cannot be determined')).toBeUndefined();
  });

  it('the generic phrasing is no cue: answerable problems use it too, and only the count of givens differs', () => {
    const generic = problems.filter((problem) => problem.meta?.['generic'] && !problem.unanswerable);
    expect(generic.length).toBeGreaterThan(unanswerable.length);
    for (const problem of generic) expect(physicsTask.check(problem.question, problem.answer as string)).toBe(true);
  });
});

describe('physics task: scope of the embedded models', () => {
  it('every generated problem is in scope; foreign units, unrelated quantities and overlong solutions are not', () => {
    for (const level of physicsTask.levels) {
      for (const problem of sample(level, 'train', 40))
        expect(physicsTask.outOfScope?.(problem.question), problem.question).toBeUndefined();
    }
    expect(physicsTask.outOfScope?.('A car travels 3 km in 2 min. What is its speed in m/s?')).toMatch(/gives 3 km, .* in m$/);
    expect(physicsTask.outOfScope?.('What is 5 kg in m?')).toMatch(/no formula .* gives m/);
    expect(physicsTask.outOfScope?.('A car travels 98765432123 m in 7 s. What is its speed in km/h?')).toMatch(/does not fit/);
  });
});

describe('physics task: held-out and routing', () => {
  it('a problem key ignores the phrasing: the same givens and asked unit share one', () => {
    const a = problemKey('physics', 'A car travels 360 m in 12 s. What is its average speed in m/s?');
    const b = problemKey('physics', 'How fast, in m/s, does a train move if it goes 360 m in 12 s?');
    expect(a).toBe(b);
    expect(a).toBe('physics:speed:d=360,t=12>m/s');
    expect(problemKey('physics', 'How fast, in km/h, does a train move if it goes 360 m in 12 s?')).not.toBe(a);
  });

  it('training data of the task never holds a reserved evaluation problem', () => {
    const reserved = evaluationKeys([physicsTask]);
    const evaluation = physicsTask.generate({ seed: EVAL_SEED, count: 50, level: 1 });
    expect(evaluation.every((problem) => reserved.has(problemKey('physics', problem.question)))).toBe(true);
    const examples = buildTrainingData({ task: 'physics', n: 300, seed: 4, directShare: 0.2, checkShare: 0 });
    expect(examples.every((example) => example.task === 'physics')).toBe(true);
    for (const example of examples) expect(reserved.has(problemKey('physics', example.prompt.trim()))).toBe(false);
  });

  it('the mix draws physics when it is weighted in, with solve, direct and check examples', () => {
    // Without the held-out exclusion: the reserved keys of every task take seconds, and the test above covers it.
    const examples = buildTrainingData({ task: 'mix', n: 200, seed: 2, taskWeights: { physics: 1 }, heldOut: false });
    const physics = examples.filter((example) => example.task === 'physics');
    expect(physics.length).toBeGreaterThan(50);
    expect(new Set(physics.map((example) => example.kind))).toEqual(new Set(['solve', 'direct', 'check']));
  });

  it('detection routes physics questions to physics, and never steals arithmetic, Countdown or program questions', () => {
    expect(listTasks().map((task) => task.name)).toContain('physics');
    expect(getNamedTask('physics')).toBe(physicsTask);
    for (const level of physicsTask.levels) {
      for (const problem of sample(level, 'train', 40)) expect(detectTask(problem.question)?.name, problem.question).toBe('physics');
    }
    for (const task of listTasks().filter((entry) => entry.name !== 'physics')) {
      for (const problem of task.generate({ seed: 5, count: 40 })) {
        expect(physicsTask.matches(problem.question), problem.question).toBe(false);
        expect(detectTask(problem.question)?.name).toBe(task.name);
      }
    }
    for (const question of [
      'What is 48+77?',
      '12 x 7',
      'Use 3, 7, 25 and 50 to make 62',
      'What is 5 + 3 * 2?',
      'What is the capital of France?',
    ]) {
      expect(physicsTask.matches(question), question).toBe(false);
    }
    expect(detectTask('Convert 72 km/h to m/s.')?.name).toBe('physics');
    expect(physicsTask.check('A Car Travels 360 Meters in 30 Seconds. What is its speed in m/s?', '12 m/s')).toBe(true);
    expect(detectTask('How many seconds are in 3 minutes?')?.name).toBe('physics');
    expect(physicsTask.check('How many seconds are in 3 minutes?', '180')).toBe(true);
  });
});
