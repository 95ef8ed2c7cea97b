/** @module The model contract: anything that turns messages into sampled text. Types, and the one reading of a chat every layer shares. */

export type Role = 'system' | 'developer' | 'user' | 'assistant';

/** One chat message. `developer` is treated as `system`. */
export interface Message {
  role: Role;
  content: string;
}

/** The question a conversation asks: its last user message's text ('' when it has none). */
export function lastUserText(messages: readonly Message[] | undefined): string {
  return messages?.findLast((message) => message.role === 'user')?.content ?? '';
}

/** What a model can do; shared code reads these instead of switching on a concrete type. */
export interface ModelCapabilities {
  /** Returns per-token logprobs of sampled tokens. */
  readonly logprobs: boolean;
  /** Can continue a partially written assistant turn (`GenerateRequest.prefix`): budget forcing. */
  readonly continuation: boolean;
  /** Returns its own thinking in `Sample.reasoning` (DeepSeek-R1, o-series via compatible servers, embedded model). */
  readonly nativeReasoning: boolean;
  /** Samples that may run at once in one call (`n`). */
  readonly maxParallel: number;
  /** Context window in tokens, when known. */
  readonly contextLength?: number;
  /**
   * Reads the earlier turns of a conversation (default true). False for a model that answers only the last question (the
   * embedded model): strategies must not expect it to read other answers.
   */
  readonly readsConversation?: boolean;
  /** Text that makes this model keep thinking when appended to its thinking (budget forcing); "Wait" by default. */
  readonly continueThinkingCue?: string;
}

export interface GenerateRequest {
  messages: Message[];
  /** Number of independent samples. Default 1. */
  n?: number;
  /** Cap on generated tokens per sample (thinking + answer). */
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  /** Base seed; sample i uses seed + i when the backend honours seeds. */
  seed?: number;
  stop?: string[];
  /** Ask for per-token logprobs (ignored with a warning where unsupported). */
  logprobs?: boolean;
  /**
   * Whether the model should think before answering. `false` asks a model that supports it for a direct answer
   * (the embedded model's no-thinking mode); undefined leaves the model's default.
   */
  thinking?: boolean;
  /** Assistant text already written; the model continues it (requires `capabilities.continuation`). */
  prefix?: string;
  signal?: AbortSignal;
  /** When the request's time limit ends (epoch ms): a backend waits for no retry past it. Set by the engine. */
  deadline?: number;
  /** Called with text as it is generated, per sample index. `channel` says whether it is thinking or answer text. */
  onDelta?: (index: number, delta: string, channel: 'reasoning' | 'text') => void;
}

export type SampleFinishReason = 'stop' | 'length' | 'abort' | 'error';

/** Token counts of one model call or sample. `undefined` means unknown, not zero. */
export interface TokenUsage {
  promptTokens: number | undefined;
  completionTokens: number | undefined;
  /** Of completionTokens, those spent on native thinking (when the backend reports them). */
  reasoningTokens?: number | undefined;
  cachedTokens?: number | undefined;
}

/** One generation. */
export interface Sample {
  /** Visible text (for the embedded model: the final answer part). */
  text: string;
  /** Native thinking returned separately by the backend, if any. */
  reasoning?: string;
  finishReason: SampleFinishReason;
  usage: TokenUsage;
  /** Log-probabilities of the generated tokens, when requested and supported. */
  tokenLogprobs?: number[];
  /** Mean probability of the tokens of the final answer (a confidence signal), when available. */
  answerConfidence?: number;
}

export interface Warning {
  type: 'unsupported' | 'other';
  feature?: string;
  message: string;
}

export interface GenerateResult {
  samples: Sample[];
  /** Usage of the whole call (prompt counted once, completions summed). */
  usage: TokenUsage;
  latencyMs: number;
  /** Dollars, from the price table; 0 for local models. */
  costUsd: number;
  warnings: Warning[];
}

/** A model: an OpenAI-compatible endpoint, a local GGUF through llama.cpp, the embedded model. */
export interface Model {
  readonly specificationVersion: 'v1';
  /** `provider:model`, e.g. `embedded:slowthink-mini`, `openai:gpt-4o-mini`. */
  readonly id: string;
  readonly provider: string;
  readonly capabilities: ModelCapabilities;
  /**
   * What the model costs, when known: local models declare a zero price, a hosted model the one given in its options or
   * the price table. The engine charges every call at this price and refuses a dollar limit on a model without one.
   */
  readonly price?: Price;
  doGenerate(request: GenerateRequest): Promise<GenerateResult>;
  /** Optional: count tokens of a text the way this model does. */
  countTokens?(text: string): number;
  /** Release resources (contexts, sockets). */
  close?(): Promise<void>;
}

/** Dollars per million tokens. */
export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
  cachedInputPerMTok?: number;
}
