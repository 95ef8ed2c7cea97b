/** @module Verifiers and answer handling: extraction, equivalence, AnswerKeys, and the verifier factory. */
export { type AnswerKeyOptions, createAnswerKey, createDefaultAnswerKey, defaultAnswerKey } from './answer-key.js';
export { answersEquivalent, type EquivalenceOptions, normalizeAnswer, type PercentMode } from './answers-equivalent.js';
export { type CleanedAnswer, cleanAnswer } from './clean-answer.js';
export {
  type CodeVerifierOptions,
  createCodeVerifier,
  type JudgedRun,
  type JudgeEvent,
  readReferenceTests,
  runJudged,
} from './code-verifier.js';
export {
  checkScratchpadLine,
  createVerifier,
  hasStepCheck,
  resolveBuiltInTask,
  type StepCheckingModel,
  VERIFIER_NAMES,
  type VerifierDependencies,
  type VerifierName,
} from './create-verifier.js';
export { checkEquationLine, evaluateExact } from './equation-check.js';
export { type ExactNumber, formatExactNumber, parseExactNumber } from './exact-number.js';
export { extractAnswer, extractCode, findAnswerLine, findLastBoxed, findLastNumber } from './extract-answer.js';
export { createJudgeVerifier, DEFAULT_JUDGE_RUBRIC, type JudgeVerifierOptions, judgeMessages, parseJudgeScore } from './judge-verifier.js';
export { asciiToLatex, canonicalLatex, casEquivalent, preloadMathEngine } from './math-engine.js';
export {
  createReferenceVerifier,
  createTaskVerifier,
  invalidAnswerWarning,
  type ReferenceVerifierOptions,
  type TaskResolver,
  type TaskVerifierOptions,
} from './outcome-verifiers.js';
export { CANDIDATE_PROGRAM, JUDGE_PROGRAM } from './python-harness.js';
export { assertSandboxAvailable, runSandboxed, type SandboxOptions, type SandboxResult, sandboxAvailability } from './sandbox.js';
export {
  aggregateStepScores,
  createStepVerifier,
  STEP_AGGREGATES,
  type StepAggregate,
  type StepChecker,
  type StepVerifierOptions,
  scratchpadLines,
} from './step-verifier.js';
