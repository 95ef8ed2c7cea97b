/** @module Candidates: samples turned into comparable answers with a confidence, and split into thinking and answer. */
import { ANSWER_LABEL, type AnswerKey, type Sample } from '../spec/index.js';

/** One sample as strategies compare it. */
export interface Candidate {
  thoughtId: string;
  /** Position among all samples of the request (0-based). */
  index: number;
  /** Visible answer part. */
  text: string;
  /** Thinking part (native reasoning, or the text before the final answer line). */
  reasoning: string;
  answer: string | undefined;
  /** Vote key: the normalized answer. */
  key: string | undefined;
  tokens: number;
  finishReason: Sample['finishReason'];
  /** Model confidence in (0, 1]: the sample's answerConfidence, else the geometric-mean token probability. */
  confidence: number | undefined;
  /** Verifier score, once scored. */
  score?: number;
}

const THINK_BLOCK = /^\s*<think>([\s\S]*?)<\/think>\s*/;

/** Splits a sample into thinking and visible answer: native reasoning, a `<think>` block, or the lines before the last answer line. */
export function splitThinking(sample: Pick<Sample, 'text' | 'reasoning'>): { reasoning: string; text: string } {
  if (sample.reasoning) return { reasoning: sample.reasoning, text: sample.text };
  const think = THINK_BLOCK.exec(sample.text);
  if (think) return { reasoning: (think[1] ?? '').trim(), text: sample.text.slice(think[0].length) };
  const lines = sample.text.split('\n');
  for (let line = lines.length - 1; line > 0; line -= 1) {
    if (ANSWER_LABEL.test(lines[line] ?? '')) {
      return { reasoning: lines.slice(0, line).join('\n').trim(), text: lines.slice(line).join('\n').trim() };
    }
  }
  return { reasoning: '', text: sample.text };
}

/** Confidence signal of a sample (CISC/DeepConf style), or undefined when the model gave none. */
export function sampleConfidence(sample: Sample): number | undefined {
  if (sample.answerConfidence !== undefined && Number.isFinite(sample.answerConfidence)) return sample.answerConfidence;
  const logprobs = sample.tokenLogprobs?.filter((value) => Number.isFinite(value));
  if (!logprobs || logprobs.length === 0) return undefined;
  return Math.exp(logprobs.reduce((sum, value) => sum + value, 0) / logprobs.length);
}

/**
 * A sample a limit or a failure cut mid-generation: its last line may be a number cut short (`A: 12` of `A: 125`), so
 * it is charged and shown but never answers or votes.
 */
export function wasCut(finishReason: Sample['finishReason']): boolean {
  return finishReason === 'abort' || finishReason === 'error';
}

/** Extracts the answer from the visible text only: numbers in unfinished thinking are not answers. */
export function extractAnswer(answers: AnswerKey, text: string): string | undefined {
  return text.trim() === '' ? undefined : answers.extract(text);
}

/** Vote key of an answer, or undefined. */
export function voteKey(answers: AnswerKey, answer: string | undefined): string | undefined {
  if (answer === undefined) return undefined;
  const key = answers.normalize(answer);
  return key === '' ? undefined : key;
}
