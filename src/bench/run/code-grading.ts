/**
 * @module Grades code benchmarks (HumanEval, MBPP) in the sandbox. The bench's grader is synchronous, so the solver runs
 * each candidate's code against the hidden tests after solving, and the task the grader looks up reads those verdicts.
 * Inference gets only the visible tests as feedback (best-of-N ranks by them, refine reads their failures).
 */
import type { ReasonRequest, ReasonResult, Task, TaskProblem, Verifier } from '../../spec/index.js';
import { codeMeta, isCodeProblem } from '../problems/code-problems.js';
import type { TaskLookup } from '../problems/problem-source.js';
import type { SolveOutcome, Solver } from './job-record.js';

/** What code grading needs from src/verify, injected (the CLI passes the real ones). */
export interface CodeGradingTools {
  /** The sandboxed code verifier over given tests (`createCodeVerifier({ tests, entryPoint })`). */
  createVerifier: (tests: string, entryPoint: string | undefined) => Verifier;
  extractCode: (text: string) => string | undefined;
}

/** Runs `reason()` for one request (the engine's, loaded lazily by the CLI). */
export type Reason = (request: ReasonRequest) => Promise<ReasonResult>;

const key = (question: string, code: string): string => `${question}\u0000${code.trim()}`;

/** A solver for code problems and the task lookup that grades them; other problems go to `fallback`. */
export function createCodeGrading(tools: CodeGradingTools): {
  solver(reason: Reason, options: { model: ReasonRequest['model']; temperature?: number | undefined }, fallback: Solver): Solver;
  lookup(fallback: TaskLookup): TaskLookup;
  /** Verdicts so far (question + code → all hidden tests passed). */
  verdicts: ReadonlyMap<string, boolean>;
} {
  const verdicts = new Map<string, boolean>();

  async function grade(problem: TaskProblem, code: string, signal: AbortSignal): Promise<void> {
    const meta = codeMeta(problem);
    if (!meta || verdicts.has(key(problem.question, code))) return;
    const verifier = tools.createVerifier(meta.tests, meta.entryPoint);
    const score = await verifier.score({ question: problem.question, messages: [] }, { text: `\`\`\`python\n${code}\n\`\`\`` }, { signal });
    verdicts.set(key(problem.question, code), score.value === 1);
  }

  /** The outcome with every answer (final and per sample) replaced by the code its text holds. */
  function withCodeAnswers(outcome: ReasonResult): SolveOutcome {
    const codeOf = (text: string) => tools.extractCode(text)?.trim() || undefined;
    const withAnswer = <T extends { answer?: string }>(item: T, answer: string | undefined): T => {
      const { answer: _old, ...rest } = item;
      return (answer === undefined ? rest : { ...rest, answer }) as T;
    };
    const thoughts = outcome.trace.thoughts.map((thought) =>
      thought.role === 'sample' ? withAnswer(thought, codeOf(thought.text)) : thought,
    );
    const answers = new Map(thoughts.map((thought) => [thought.id, thought.answer]));
    const events = outcome.trace.events.map((event) => (event.type === 'sample-end' ? withAnswer(event, answers.get(event.id)) : event));
    return { ...outcome, answer: codeOf(outcome.text), trace: { ...outcome.trace, thoughts, events } };
  }

  return {
    verdicts,
    solver(reason, options, fallback) {
      return async (problem, config, context) => {
        const meta = codeMeta(problem);
        if (!meta) return fallback(problem, config, context);
        const request: ReasonRequest = { question: problem.question, model: options.model, seed: context.seed, signal: context.signal };
        if (config.effort !== undefined) request.effort = config.effort;
        if (config.strategy !== undefined) request.strategy = config.strategy;
        if (Object.keys(config.options).length > 0) request.options = config.options;
        if (config.budget !== undefined) request.budget = config.budget;
        if (options.temperature !== undefined) request.temperature = options.temperature;
        // Feedback from the visible tests only: ranking by the hidden ones would grade with the answer key.
        if (meta.visibleTests.trim() !== '') request.verifier = tools.createVerifier(meta.visibleTests, undefined);
        const outcome = withCodeAnswers(await reason(request));
        const codes = new Set<string>();
        if (outcome.answer) codes.add(outcome.answer);
        for (const thought of outcome.trace?.thoughts ?? []) if (thought.answer) codes.add(thought.answer);
        for (const code of codes) await grade(problem, code, context.signal);
        return outcome;
      };
    },
    lookup(fallback) {
      return (name) => {
        if (!isCodeProblem({ task: name })) return fallback(name);
        const task: Task = {
          name,
          description: `${name} code problems: the code passes all hidden tests in the sandbox`,
          levels: [],
          generate: () => [],
          check: (question, code) => verdicts.get(key(question, code)) === true,
          matches: () => false,
        };
        return task;
      };
    },
  };
}
