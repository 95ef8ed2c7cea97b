/** @module The learned verifiers `orm` (outcome) and `prm` (process): a fine-tuned mini GGUF whose P(`+`) after a chain's newline is the score. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Token } from 'node-llama-cpp';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { questionOf } from '../models/gguf/embedded-format.js';
import { loadGgufModel, SequencePool } from '../models/gguf/llama-runtime.js';
import { BOS_ID, encodeText } from '../models/gguf/vocab.js';
import type { Problem, Score, Verifier } from '../spec/verifier.js';
import { VERDICT_BAD, VERDICT_GOOD, verifierText } from './learned-verifier-text.js';

/** The verifier's context (its base, the mini, was trained on 512 tokens). */
const VERIFIER_CONTEXT = 512;
/** Sequences scored at once: best-of-n scores its candidates in parallel. */
const VERIFIER_SEQUENCES = 4;

/** Path of the shipped verifier GGUF. */
export function learnedVerifierPath(): string {
  return fileURLToPath(new URL('../../models/slowthink-mini-verifier.gguf', import.meta.url));
}

/** Reads verdicts: P(`+`) / (P(`+`) + P(`-`)) for the token after a text that ends with a newline; undefined when it does not fit. */
export interface VerdictModel {
  verdict(text: string, options?: { signal?: AbortSignal }): Promise<number | undefined>;
}

const loaded = new Map<string, Promise<VerdictModel>>();

/** The verdict model of a GGUF, loaded once per process and path (a failed load is forgotten, so a later call retries). */
export function loadVerdictModel(path: string = learnedVerifierPath()): Promise<VerdictModel> {
  let model = loaded.get(path);
  if (!model) {
    model = openVerdictModel(path);
    loaded.set(path, model);
    model.catch(() => loaded.delete(path));
  }
  return model;
}

async function openVerdictModel(path: string): Promise<VerdictModel> {
  const model = await loadGgufModel(path);
  const context = await model.createContext({
    sequences: VERIFIER_SEQUENCES,
    contextSize: VERIFIER_CONTEXT * VERIFIER_SEQUENCES,
    threads: 1,
  });
  const pool = new SequencePool(context);
  const [good, bad] = [encodeText(VERDICT_GOOD)[0], encodeText(VERDICT_BAD)[0]] as [Token, Token];
  return {
    async verdict(text, options = {}) {
      const tokens = [BOS_ID, ...encodeText(text)] as Token[];
      if (tokens.length > VERIFIER_CONTEXT) return undefined;
      options.signal?.throwIfAborted();
      const sequence = await pool.acquire();
      try {
        for await (const item of sequence.evaluateWithMetadata(tokens, { probabilities: true }, { temperature: 0 })) {
          const pGood = item.probabilities.get(good) ?? 0;
          const pBad = item.probabilities.get(bad) ?? 0;
          return pGood + pBad > 0 ? pGood / (pGood + pBad) : 0.5;
        }
        return 0.5;
      } finally {
        pool.release(sequence);
      }
    },
  };
}

/** Options of {@link createLearnedVerifier}. */
export interface LearnedVerifierOptions {
  /** `outcome` (`orm`): judges a finished chain after its answer line. `process` (`prm`): values a partial chain after its last line. */
  kind: 'outcome' | 'process';
  /** The verifier GGUF; default the shipped models/slowthink-mini-verifier.gguf. */
  path?: string;
}

/**
 * A learned verifier over the embedded models' chain format. It never computes the answer: it reads the question and
 * the chain. The process verifier values a chain by its last line (a finished chain with an answer by its answer line).
 * Throws MODEL_UNAVAILABLE at once when the GGUF is missing.
 * @example createLearnedVerifier({ kind: 'outcome' }).score(problem, { text: 'A: 5', reasoning: '2+3=5' })
 */
export function createLearnedVerifier(options: LearnedVerifierOptions): Verifier {
  const path = options.path ?? learnedVerifierPath();
  if (!existsSync(path))
    throw new SlowthinkError(ERROR_CODES.MODEL_UNAVAILABLE, `The learned verifier's model file ${path} is missing.`, {
      hint: 'Restore models/slowthink-mini-verifier.gguf from git, or train it: see models/slowthink-mini-verifier.md.',
    });
  const outcome = options.kind === 'outcome';
  return {
    name: outcome ? 'orm' : 'prm',
    kind: options.kind,
    exact: false,
    async score(problem: Problem, candidate, scoreOptions = {}): Promise<Score> {
      const question = questionOf(problem.messages.length > 0 ? problem.messages : [{ role: 'user', content: problem.question }], []);
      // A finished chain is judged at its answer line by both kinds; a partial one only by the process verifier.
      const text = verifierText(question, candidate, true) ?? (outcome ? undefined : verifierText(question, candidate, false));
      if (text === undefined) {
        const missing = outcome ? 'no answer line' : 'no thinking line and no answer';
        return { value: 0, evidence: missing, issues: [{ code: 'nothing-to-judge', message: `The candidate has ${missing}.` }] };
      }
      const model = await loadVerdictModel(path);
      const value = await model.verdict(text, scoreOptions.signal ? { signal: scoreOptions.signal } : {});
      if (value === undefined)
        return {
          value: 0.5,
          evidence: 'too long to judge',
          issues: [{ code: 'too-long', message: `The chain exceeds the verifier's ${VERIFIER_CONTEXT} tokens.` }],
        };
      return { value, evidence: `P(right) ${value.toFixed(3)} from the learned ${outcome ? 'outcome' : 'process'} verifier` };
    },
  };
}
