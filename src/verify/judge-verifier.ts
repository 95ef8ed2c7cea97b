/** @module The `judge` verifier: any Model grades a candidate 0–10 against a rubric; several samples are averaged. */
import type { GenerateRequest, GenerateResult, Message, Model } from '../spec/model.js';
import type { Problem, Score, Verifier } from '../spec/verifier.js';

/** Options for {@link createJudgeVerifier}. */
export interface JudgeVerifierOptions {
  /** The judging model (any provider). */
  model: Model;
  /** Calls the model; pass the engine's `generate` so judge tokens land on the ledger. Default: `model.doGenerate`. */
  generate?: (request: GenerateRequest) => Promise<GenerateResult>;
  /** Grades averaged per candidate. Default 3. */
  samples?: number;
  /** Default 0.7 (several samples must differ to be worth averaging). */
  temperature?: number;
  /** Default 400. */
  maxTokens?: number;
  /** Replaces the default rubric (system message). */
  rubric?: string;
}

/** The judge's default system prompt: grade 0–10, end with `Score: N`. */
export const DEFAULT_JUDGE_RUBRIC = [
  'You are a strict grader. Judge whether the RESPONSE correctly and completely answers the QUESTION.',
  'Check the final answer first, then the reasoning. Penalize wrong final answers heavily, unsupported claims and',
  'irrelevant text. 10 = fully correct and well supported, 7 = correct with minor flaws, 4 = partially correct,',
  '0 = wrong or no answer. Think briefly, then end with a last line of the form "Score: N" where N is 0 to 10.',
].join(' ');

/** The messages sent to the judge. */
export function judgeMessages(problem: Problem, candidate: { text: string; answer?: string | undefined }, rubric: string): Message[] {
  const answerLine = candidate.answer ? `\n\nEXTRACTED FINAL ANSWER: ${candidate.answer}` : '';
  return [
    { role: 'system', content: rubric },
    { role: 'user', content: `QUESTION:\n${problem.question}\n\nRESPONSE:\n${candidate.text}${answerLine}\n\nGrade the RESPONSE.` },
  ];
}

/**
 * Reads a 0–10 grade from judge text: the last `Score: N` (also `N/10`, `**Score**: 8.5`, `Rating - 7`), else a lone number
 * on the last line. Returns undefined when there is no grade in range.
 */
export function parseJudgeScore(text: string): number | undefined {
  const labelled = [
    ...text.matchAll(/(?:score|grade|rating)\**\s*(?:[:=-]|is)?\s*\**\s*(\d+(?:\.\d+)?)(?:\s*(?:\/|out of)\s*(100|10)\b)?/gi),
  ];
  const fraction = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(?:\/|out of)\s*(100|10)\b/gi)];
  const match = labelled.at(-1) ?? fraction.at(-1);
  let value: number | undefined;
  let scale = 10;
  if (match) {
    value = Number(match[1]);
    if (match[2] === '100') scale = 100;
  } else {
    const lastLine = text.trim().split(/\r?\n/).at(-1) ?? '';
    const lone = /^\W*(\d+(?:\.\d+)?)\W*$/.exec(lastLine);
    if (lone) value = Number(lone[1]);
  }
  if (value === undefined || !Number.isFinite(value) || value < 0 || value > scale) return undefined;
  return (value / scale) * 10;
}

/** A model-as-judge outcome verifier for general questions; score = mean grade / 10, evidence = the judge's text. */
export function createJudgeVerifier(options: JudgeVerifierOptions): Verifier {
  const samples = Math.max(1, Math.floor(options.samples ?? 3));
  const rubric = options.rubric ?? DEFAULT_JUDGE_RUBRIC;
  const ownGenerate = options.generate ?? ((request: GenerateRequest) => options.model.doGenerate(request));
  return {
    name: 'judge',
    kind: 'outcome',
    exact: false,
    async score(problem, candidate, scoreOptions = {}): Promise<Score> {
      // The engine's charging call when scored inside a request: judge calls are charged and limited like any call.
      const charged = scoreOptions.generate;
      const generate = charged ? (request: GenerateRequest) => charged({ ...request, model: options.model }) : ownGenerate;
      const texts: string[] = [];
      const messages = judgeMessages(problem, candidate, rubric);
      const perCall = Math.max(1, options.model.capabilities.maxParallel);
      while (texts.length < samples) {
        const result = await generate({
          messages,
          n: Math.min(perCall, samples - texts.length),
          temperature: options.temperature ?? 0.7,
          maxTokens: options.maxTokens ?? 400,
          ...(scoreOptions.signal ? { signal: scoreOptions.signal } : {}),
        });
        // No samples: the budget allows no more judge calls; grade with what came back.
        if (result.samples.length === 0) break;
        texts.push(...result.samples.map((sample) => sample.text));
      }
      const grades = texts.map(parseJudgeScore).filter((grade): grade is number => grade !== undefined);
      const evidence = texts
        .map((text, index) => `[judge ${index + 1}] ${text.trim()}`)
        .join('\n\n')
        .slice(0, 4000);
      if (texts.length === 0) return { value: 0.5, issues: [{ code: 'judge-unscored', message: 'The budget allowed no judge call.' }] };
      if (grades.length === 0) {
        return { value: 0.5, evidence, issues: [{ code: 'judge-unparsable', message: 'No judge sample ended with a 0–10 score.' }] };
      }
      const mean = grades.reduce((sum, grade) => sum + grade, 0) / grades.length;
      const issues =
        grades.length < texts.length
          ? [{ code: 'judge-unparsable', message: `${texts.length - grades.length} judge samples had no score.` }]
          : [];
      return { value: mean / 10, evidence, ...(issues.length > 0 ? { issues } : {}) };
    },
  };
}
