/** @module The verifier trainer's JSON-lines service: training problems and scores (as RL's), plus the evaluation seed's problems for held-out chains. */
import { createInterface } from 'node:readline';
import { questionOf } from '../src/models/gguf/embedded-format.js';
import { EVAL_SEED } from '../src/tasks/held-out.js';
import { getTask } from '../src/tasks/registry.js';
import { handleScoreRequest } from '../src/tasks/score-service.js';

/** `{"op":"eval-problems","tasks":"arithmetic=4/5","count":40}`: the first `count` evaluation problems of each level (never trained on). */
function evaluationProblems(spec: string, count: number): Array<{ question: string; task: string; level: number }> {
  const problems: Array<{ question: string; task: string; level: number }> = [];
  for (const part of spec.split(',')) {
    const [name = '', levels = ''] = part.split('=');
    const task = getTask(name.trim());
    for (const level of levels.split('/').map(Number))
      for (const problem of task.generate({ seed: EVAL_SEED, count, level }))
        problems.push({ question: problem.question, task: task.name, level });
  }
  return problems;
}

process.stdout.on('error', () => process.exit(0));
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  let reply: Record<string, unknown>;
  try {
    const request = JSON.parse(line) as Record<string, unknown>;
    reply =
      request['op'] === 'eval-problems'
        ? { problems: evaluationProblems(String(request['tasks']), Number(request['count'] ?? 40)) }
        : handleScoreRequest(request);
    // Each problem also carries `prompt`: the question in the form the embedded runtime asks it (questionOf).
    if (Array.isArray(reply['problems']))
      for (const problem of reply['problems'] as Array<Record<string, unknown>>)
        problem['prompt'] = questionOf([{ role: 'user', content: String(problem['question']) }], []);
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}
