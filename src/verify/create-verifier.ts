/** @module The verifier factory: one name → one verifier, with its dependencies passed in. */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { GenerateRequest, GenerateResult, Model } from '../spec/model.js';
import type { Task } from '../spec/task.js';
import type { AnswerKey, Problem, Verifier } from '../spec/verifier.js';
import { checkStep as checkTaskStep, detectTask, getTask } from '../tasks/index.js';
import { type CodeVerifierOptions, createCodeVerifier } from './code-verifier.js';
import { checkEquationLine } from './equation-check.js';
import { createJudgeVerifier, type JudgeVerifierOptions } from './judge-verifier.js';
import { createLearnedVerifier } from './learned-verifier.js';
import { createReferenceVerifier, createTaskVerifier, type TaskResolver } from './outcome-verifiers.js';
import { createStepVerifier, STEP_AGGREGATES, type StepVerifierOptions } from './step-verifier.js';

/** Names `createVerifier` accepts. */
export const VERIFIER_NAMES = ['task', 'reference', 'steps', 'learned-steps', 'orm', 'prm', 'judge', 'code'] as const;
/** One of {@link VERIFIER_NAMES}. */
export type VerifierName = (typeof VERIFIER_NAMES)[number];

/** A model with a learned step-check role (the embedded model): the probability that a scratchpad line is right. */
export interface StepCheckingModel {
  checkStep(line: string, options?: { signal?: AbortSignal }): number | Promise<number>;
}

/** True when the model exposes a learned `checkStep`. */
export function hasStepCheck(model: unknown): model is StepCheckingModel {
  return typeof model === 'object' && model !== null && typeof (model as Partial<StepCheckingModel>).checkStep === 'function';
}

/** What verifiers may need; each verifier reads only its own part. */
export interface VerifierDependencies {
  /** `task`: the task to check against (default: `problem.task`, else detected from the question). */
  task?: Task;
  resolveTask?: TaskResolver;
  /** `reference`: answer handling (default: the problem's task key, else the math key). */
  answerKey?: AnswerKey;
  /** `judge`: the judging model, and optionally the engine's ledger-charging `generate`. `learned-steps`: a model with `checkStep`. */
  model?: Model;
  generate?: (request: GenerateRequest) => Promise<GenerateResult>;
  judge?: Omit<JudgeVerifierOptions, 'model' | 'generate'>;
  steps?: StepVerifierOptions;
  /** `learned-steps`: the step-checking model when it is not `model`. */
  stepModel?: StepCheckingModel;
  code?: CodeVerifierOptions;
  /** `orm` / `prm`: the learned verifier GGUF (default models/slowthink-mini-verifier.gguf). */
  learnedVerifierPath?: string;
}

/** Finds a problem's task by name, else by detection; undefined when none applies. */
export function resolveBuiltInTask(problem: Problem): Task | undefined {
  if (problem.task) {
    try {
      return getTask(problem.task);
    } catch {
      return undefined;
    }
  }
  return detectTask(problem.question);
}

/** The exact per-line checker: the task module's `checkStep`, else the general equation checker. */
export function checkScratchpadLine(line: string): boolean | undefined {
  return checkTaskStep(line) ?? checkEquationLine(line);
}

function invalid(message: string, hint: string, param: string): SlowthinkError {
  return new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, message, { hint, param });
}

/**
 * Creates a verifier by name. Throws INVALID_ARGUMENT for an unknown name or a missing dependency, CONFIG when `code`
 * has no working sandbox, MODEL_UNAVAILABLE when `orm`/`prm` have no verifier GGUF.
 * @example createVerifier('judge', { model })
 */
export function createVerifier(name: string, dependencies: VerifierDependencies = {}): Verifier {
  const resolveTask = dependencies.resolveTask ?? resolveBuiltInTask;
  switch (name as VerifierName) {
    case 'task':
      return createTaskVerifier({ ...(dependencies.task ? { task: dependencies.task } : {}), resolveTask });
    case 'reference':
      return createReferenceVerifier({ ...(dependencies.answerKey ? { answerKey: dependencies.answerKey } : {}), resolveTask });
    case 'steps': {
      const aggregate = dependencies.steps?.aggregate;
      if (aggregate !== undefined && !STEP_AGGREGATES.includes(aggregate)) {
        throw invalid(`Unknown step aggregate '${aggregate}'`, `Use one of: ${STEP_AGGREGATES.join(', ')}`, 'aggregate');
      }
      return createStepVerifier({ checkStep: checkScratchpadLine, ...dependencies.steps });
    }
    case 'learned-steps': {
      const model = dependencies.stepModel ?? dependencies.model;
      if (!hasStepCheck(model)) {
        throw invalid(
          'The learned-steps verifier needs a model with a learned checkStep role',
          'Pass { model } with the embedded model (embedded:slowthink-mini), or use the exact `steps` verifier.',
          'model',
        );
      }
      return createStepVerifier({
        aggregate: 'mean',
        ...dependencies.steps,
        name: 'learned-steps',
        exactSteps: false,
        checkStep: (line, options) => (checkScratchpadLine(line) === undefined ? undefined : model.checkStep(line, options)),
      });
    }
    case 'orm':
    case 'prm':
      return createLearnedVerifier({
        kind: name === 'orm' ? 'outcome' : 'process',
        ...(dependencies.learnedVerifierPath ? { path: dependencies.learnedVerifierPath } : {}),
      });
    case 'judge':
      if (!dependencies.model) throw invalid('The judge verifier needs a model', 'Pass { model } to createVerifier.', 'model');
      return createJudgeVerifier({
        ...dependencies.judge,
        model: dependencies.model,
        ...(dependencies.generate ? { generate: dependencies.generate } : {}),
      });
    case 'code':
      return createCodeVerifier(dependencies.code);
    default:
      throw invalid(`Unknown verifier '${name}'`, `Use one of: ${VERIFIER_NAMES.join(', ')}`, 'verifier');
  }
}
