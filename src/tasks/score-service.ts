/** @module The RL trainer's scoring service: JSON lines on stdin (problems or rollouts to score), one JSON reply line each on stdout. */
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { WAIT_CUE } from './format.js';
import { evaluationKeys, MAX_TRAINING_SEED, problemKey } from './held-out.js';
import { getTask } from './registry.js';
import { scoreRolloutLines } from './score-rollout-lines.js';

/** One problem for a rollout group: the prompt the model sees is `question + "\n"`. */
export interface RlProblem {
  question: string;
  task: string;
  level: number;
}

/** `problems`: training problems of these task levels (`arithmetic=4/5,countdown=4`), never an evaluation problem. */
export function rlProblems(spec: string, countPerLevel: number, seed: number): RlProblem[] {
  if (seed >= MAX_TRAINING_SEED) throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `RL seed ${seed} is in the evaluation range`);
  const problems: RlProblem[] = [];
  for (const part of spec.split(',')) {
    const [name, levels] = part.split('=');
    if (!name || !levels)
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Bad task spec '${part}'`, { hint: 'Write arithmetic=4/5,countdown=4' });
    const task = getTask(name.trim());
    const reserved = evaluationKeys([task]); // keys carry the task name, so one task's set is all it can collide with
    for (const level of levels.split('/').map(Number)) {
      if (!task.levels.includes(level))
        throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `${task.name} has no level ${level}`, {
          hint: `Levels: ${task.levels.join('/')}`,
        });
      for (const problem of task.generate({ seed, count: countPerLevel, level })) {
        if (!reserved.has(problemKey(task.name, problem.question))) problems.push({ question: problem.question, task: task.name, level });
      }
    }
  }
  return problems;
}

/** The share of completion characters that are digits: a trivially learnable reward for the trainer's smoke test only. */
function digitShare(completion: string): number {
  return completion.length === 0
    ? 0
    : [...completion].filter((character) => character >= '0' && character <= '9').length / completion.length;
}

/** Answers one request: `{"op":"problems","tasks","count","seed"}` or `{"op":"score","rows":[{prompt,completion,task?}],"reward"?:"task"|"digits"}`. */
export function handleScoreRequest(request: Record<string, unknown>): Record<string, unknown> {
  if (request['op'] === 'problems')
    return {
      problems: rlProblems(
        String(request['tasks'] ?? 'arithmetic=2/3/4/5,countdown=1/2/3'),
        Number(request['count'] ?? 200),
        Number(request['seed'] ?? 1),
      ),
    };
  if (request['op'] === 'score') {
    const rows = Array.isArray(request['rows']) ? (request['rows'] as Array<Record<string, unknown>>) : [];
    if (request['reward'] === 'digits')
      return {
        rows: rows.map((row) => ({
          reward: digitShare(String(row['completion'] ?? '')),
          // "Correct" for the smoke test's expert iteration and monitor: at least a quarter digits.
          correct: digitShare(String(row['completion'] ?? '')) >= 0.25,
          formatOk: false,
          selfCheck: false,
        })),
      };
    const scored = scoreRolloutLines(rows.map((row) => JSON.stringify(row)));
    return {
      rows: scored.map((row, index) => ({
        reward: row['reward'],
        correct: row['correct'],
        formatOk: row['formatOk'],
        wrongSteps: row['wrongSteps'],
        // Did the chain check itself (the trained `Wait, let me check.` line)? RL logs how often, step by step.
        selfCheck: String(rows[index]?.['completion'] ?? '').includes(WAIT_CUE),
      })),
    };
  }
  throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Unknown scoring op '${String(request['op'])}'`, {
    hint: 'Use op "problems" or "score".',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.on('error', () => process.exit(0)); // the trainer went away (e.g. kill -9): nothing left to answer
  // Errors go back as {"error"} lines so the trainer can fail with the message instead of hanging on a dead pipe.
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === '') continue;
    let reply: Record<string, unknown>;
    try {
      reply = handleScoreRequest(JSON.parse(line) as Record<string, unknown>);
    } catch (error) {
      reply = { error: error instanceof Error ? error.message : String(error) };
    }
    process.stdout.write(`${JSON.stringify(reply)}\n`);
  }
}
