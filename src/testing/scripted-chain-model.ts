/** @module A scripted model that thinks line by line and continues a prefix, for control-flow tests of search strategies only. */
import type { GenerateRequest, ModelCapabilities } from '../spec/index.js';
import { createScriptedModel, type ScriptedModel, type ScriptedSample } from './scripted-model.js';

/** How the scripted thinker behaves. */
export interface ScriptedChainOptions {
  /** The next line after `lines` for sample `index` of a call (`''` ends the thinking). */
  next: (lines: readonly string[], index: number, request: GenerateRequest) => string;
  /** The answer written after the thinking `lines`. */
  answer: (lines: readonly string[]) => string;
  /** Return thinking as native reasoning and `A: …` as text, like the embedded model (default true). */
  native?: boolean;
  /** Longest chain a full sample writes before it answers anyway (default 12). */
  maxLines?: number;
  /** Whether the model can continue a prefix (default true). */
  continuation?: boolean;
  /** Capabilities over the defaults (continuation, native reasoning, 4 parallel). */
  capabilities?: Partial<ModelCapabilities>;
  /** Answers an instruction turn (critique, debate) instead of thinking; undefined lets it think as usual. */
  reply?: (request: GenerateRequest, index: number) => string | undefined;
}

/** The lines of a prefix (each ended by a newline). */
export function prefixLines(prefix: string | undefined): string[] {
  if (!prefix) return [];
  return prefix.split('\n').slice(0, -1);
}

/** Creates the scripted thinker: step calls (`stop: ['\n']`) get one line, other calls think to the end and answer. */
export function createScriptedChainModel(options: ScriptedChainOptions): ScriptedModel {
  const native = options.native ?? true;
  const maxLines = options.maxLines ?? 12;
  const answerSample = (thinking: string[], text: string): ScriptedSample =>
    native ? { reasoning: thinking.join('\n'), text: `A: ${text}` } : [...thinking, `Answer: ${text}`].join('\n');
  return createScriptedModel({
    capabilities: { continuation: options.continuation ?? true, nativeReasoning: native, maxParallel: 4, ...options.capabilities },
    respond(request) {
      const n = request.n ?? 1;
      const start = prefixLines(request.prefix);
      return Array.from({ length: n }, (_, index): ScriptedSample => {
        const reply = options.reply?.(request, index);
        if (reply !== undefined) return reply;
        if (request.stop?.includes('\n')) {
          const line = options.next(start, index, request);
          return native ? { reasoning: line, text: '' } : line;
        }
        const lines = [...start];
        const written: string[] = [];
        while (lines.length < maxLines) {
          const line = options.next(lines, index, request);
          if (line === '') break;
          lines.push(line);
          written.push(line);
        }
        return answerSample(written, options.answer(lines));
      });
    },
  });
}

/** 6*7+1 in two lines: sample 0 of each call slips (6*7=43 → 44), sample 1 is right (6*7=42 → 43); each chain answers its last line. */
export function createSlipChainModel(): ScriptedModel {
  return createScriptedChainModel({
    next(lines, index) {
      if (lines.length === 0) return index === 0 ? '6*7=43' : '6*7=42';
      if (lines.length === 1) return lines[0] === '6*7=42' ? '42+1=43' : '43+1=44';
      return '';
    },
    answer: (lines) => lines.at(-1)?.split('=')[1] ?? '0',
  });
}
