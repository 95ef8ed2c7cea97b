/** @module Growing chains of thought line by line: sample next lines (one `step` thought each) and finish a chain with its answer. */
import type { GenerateRequest, Message, Problem, StrategyContext } from '../../spec/index.js';
import { type Candidate, sampleConfidence, voteKey } from '../candidate.js';
import { drawSamples } from '../draw-samples.js';
import { chainPrefix, isFinalLine, lineOfSample } from './step-lines.js';

/** Settings shared by every call of one search. */
export interface GrowSettings {
  /** The conversation the chains answer (with the step-by-step instruction for chat models). */
  messages: Message[];
  /** Cap on the tokens of one line. */
  stepTokens: number;
  /** Cap on the tokens of the finishing completion. */
  finishTokens: number | undefined;
  temperature: number | undefined;
  /** Counts samples drawn so far: labels and per-sample seeds. */
  drawn: { count: number };
  /** The search ranks by model confidence (no process verifier): ask for logprobs where the model gives them. */
  confidence?: boolean;
}

/** One sampled next line. */
export interface GrownLine {
  line: string;
  thoughtId: string;
  tokens: number;
  /** The line ends the thinking (empty, `</think>`, or an answer line). */
  final: boolean;
  /** Model confidence of the line (geometric-mean token probability), when the model reports logprobs. */
  confidence: number | undefined;
}

/** Samples up to `n` next lines after `lines` in one call (`prefix` + stop at newline); fewer or none when the budget is low. */
export async function sampleNextLines(
  context: StrategyContext,
  settings: GrowSettings,
  chain: { lines: readonly string[]; parentId: string | null; n: number; label: string },
): Promise<GrownLine[]> {
  const left = context.tokensLeft();
  const n = Math.max(0, Math.min(chain.n, Number.isFinite(left) ? Math.floor(left) : chain.n));
  if (n === 0 || context.stopped()) return [];
  const first = settings.drawn.count;
  const thoughtIds = Array.from({ length: n }, (_, offset) =>
    context.startThought('step', n > 1 ? `${chain.label} (${offset + 1}/${n})` : chain.label, chain.parentId),
  );
  const request: GenerateRequest & { thoughtIds: string[] } = {
    messages: settings.messages,
    n,
    prefix: chainPrefix(chain.lines),
    stop: ['\n'],
    maxTokens: settings.stepTokens,
    thinking: true,
    thoughtIds,
    signal: context.signal,
  };
  if (settings.temperature !== undefined) request.temperature = settings.temperature;
  if (context.seed !== undefined) request.seed = context.seed + first;
  if (settings.confidence && context.model.capabilities.logprobs) request.logprobs = true;
  let samples: Awaited<ReturnType<StrategyContext['generate']>>['samples'] = [];
  try {
    samples = (await context.generate(request)).samples;
  } finally {
    for (const id of thoughtIds.slice(samples.length)) context.endThought(id, { text: '', tokens: 0 });
  }
  settings.drawn.count += samples.length;
  return samples.map((sample, offset) => {
    const thoughtId = thoughtIds[offset] as string;
    const line = lineOfSample(sample);
    const tokens = sample.usage.completionTokens ?? 0;
    context.endThought(thoughtId, { text: line, tokens });
    const final = sample.finishReason === 'stop' && isFinalLine(line);
    return { line, thoughtId, tokens, final, confidence: sampleConfidence(sample) };
  });
}

/**
 * Completes a chain to its answer. A chain whose last line is already an answer line (chat models) needs no call;
 * otherwise one completion continues after the lines (the embedded model writes `</think>` and `A: …`). The returned
 * candidate's reasoning is the whole chain. Undefined when the budget allows no call.
 */
export async function finishChain(
  problem: Problem,
  context: StrategyContext,
  settings: GrowSettings,
  chain: { lines: readonly string[]; parentId: string | null; label: string },
): Promise<Candidate | undefined> {
  const last = chain.lines.at(-1) ?? '';
  const inlineAnswer = isFinalLine(last) && last !== '' ? context.answers.extract(last) : undefined;
  if (inlineAnswer !== undefined) {
    const index = settings.drawn.count;
    return {
      thoughtId: chain.parentId ?? '',
      index,
      text: last,
      reasoning: chain.lines.slice(0, -1).join('\n'),
      answer: inlineAnswer,
      key: voteKey(context.answers, inlineAnswer),
      tokens: 0,
      finishReason: 'stop',
      confidence: undefined,
    };
  }
  const thinking = chain.lines.filter((line) => !isFinalLine(line));
  const [candidate] = await drawSamples(problem, context, {
    n: 1,
    firstIndex: settings.drawn.count,
    label: chain.label,
    messages: settings.messages,
    thinking: true,
    prefix: chainPrefix(thinking),
    parentId: chain.parentId,
    ...(settings.confidence ? { confidence: true } : {}),
    ...(settings.finishTokens === undefined ? {} : { maxTokens: settings.finishTokens }),
    ...(settings.temperature === undefined ? {} : { temperature: settings.temperature }),
  });
  if (!candidate) return undefined;
  settings.drawn.count += 1;
  const reasoning = [...thinking, candidate.reasoning].filter((part) => part.trim() !== '').join('\n');
  return { ...candidate, reasoning };
}
