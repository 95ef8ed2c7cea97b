/** @module Verifiers and answer handling: extraction, equivalence, AnswerKeys, and the verifier factory. */
export { createAnswerKey, createDefaultAnswerKey, defaultAnswerKey, type AnswerKeyOptions } from './answer-key.js';
export { answersEquivalent, normalizeAnswer, type EquivalenceOptions, type PercentMode } from './answers-equivalent.js';
export { cleanAnswer, type CleanedAnswer } from './clean-answer.js';
export { extractAnswer, extractCode, findAnswerLine, findLastBoxed, findLastNumber } from './extract-answer.js';
export { parseExactNumber, formatExactNumber, type ExactNumber } from './exact-number.js';
export { asciiToLatex, casEquivalent, canonicalLatex } from './math-engine.js';
