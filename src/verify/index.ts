/** @module Verifiers and answer handling: extraction, equivalence, AnswerKeys, and the verifier factory. */
export { createAnswerKey, createDefaultAnswerKey, defaultAnswerKey, type AnswerKeyOptions } from './answer-key.js';
export { answersEquivalent, normalizeAnswer, type EquivalenceOptions, type PercentMode } from './answers-equivalent.js';
export { cleanAnswer, type CleanedAnswer } from './clean-answer.js';
export { extractAnswer, extractCode, findAnswerLine, findLastBoxed, findLastNumber } from './extract-answer.js';
export { parseExactNumber, formatExactNumber, type ExactNumber } from './exact-number.js';
export { asciiToLatex, casEquivalent, canonicalLatex, preloadMathEngine } from './math-engine.js';
export { checkEquationLine, evaluateExact } from './equation-check.js';
export {
  STEP_AGGREGATES,
  aggregateStepScores,
  createStepVerifier,
  scratchpadLines,
  type StepAggregate,
  type StepChecker,
  type StepVerifierOptions,
} from './step-verifier.js';
export {
  createReferenceVerifier,
  createTaskVerifier,
  type ReferenceVerifierOptions,
  type TaskResolver,
  type TaskVerifierOptions,
} from './outcome-verifiers.js';
export { DEFAULT_JUDGE_RUBRIC, createJudgeVerifier, judgeMessages, parseJudgeScore, type JudgeVerifierOptions } from './judge-verifier.js';
export { assertSandboxAvailable, runSandboxed, sandboxAvailability, type SandboxOptions, type SandboxResult } from './sandbox.js';
export { buildPythonHarness, parseHarnessEvents, type HarnessEvent } from './python-harness.js';
export { createCodeVerifier, type CodeVerifierOptions } from './code-verifier.js';
export {
  VERIFIER_NAMES,
  checkScratchpadLine,
  createVerifier,
  hasStepCheck,
  resolveBuiltInTask,
  type StepCheckingModel,
  type VerifierDependencies,
  type VerifierName,
} from './create-verifier.js';
