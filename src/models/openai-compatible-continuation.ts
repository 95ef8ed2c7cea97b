/**
 * @module How an OpenAI-compatible backend continues a partial assistant turn (`GenerateRequest.prefix`), declared per
 * provider: vLLM's chat `continue_final_message`, an assistant message flagged `prefix: true` (DeepSeek beta, Mistral),
 * a raw prompt on `/v1/completions`, or Ollama's `/api/generate` with `raw: true`. The raw forms render the chat with
 * a prompt template, since the backend applies none.
 */
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import type { Message } from '../spec/index.js';

/** The ways a backend may continue a partial answer; `none` keeps the warning and `capabilities.continuation` false. */
export const CONTINUATION_MODES = ['none', 'continue-final-message', 'assistant-prefix', 'completions', 'ollama-raw'] as const;
export type ContinuationMode = (typeof CONTINUATION_MODES)[number];

/** Chat formats for the raw prompt of `completions` and `ollama-raw` (the backend adds the BOS token itself). */
export const PROMPT_TEMPLATES = ['chatml', 'llama3'] as const;
export type PromptTemplate = (typeof PROMPT_TEMPLATES)[number];

/** The environment variable that sets a provider's continuation mode, and the mode it has without one. */
const PROVIDER_DEFAULTS: Readonly<Record<string, { variable: string; mode: ContinuationMode }>> = {
  vllm: { variable: 'SLOWTHINK_VLLM_CONTINUATION', mode: 'continue-final-message' },
  ollama: { variable: 'SLOWTHINK_OLLAMA_CONTINUATION', mode: 'none' },
  'openai-compatible': { variable: 'SLOWTHINK_OPENAI_CONTINUATION', mode: 'none' },
};

function oneOf<T extends string>(values: readonly T[], value: string, variable: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new SlowthinkError(ERROR_CODES.CONFIG, `Expected ${variable} to be one of ${values.join(', ')}, got "${value}"`, {
    hint: `Set ${variable} to one of: ${values.join(', ')}.`,
    param: variable,
  });
}

/**
 * The continuation settings of `provider` from the environment: vLLM continues by default (`continue_final_message`),
 * Ollama and other OpenAI-compatible servers only when opted in; OpenAI itself cannot.
 */
export function continuationFromEnvironment(
  provider: string,
  environment: NodeJS.ProcessEnv,
): { continuation: ContinuationMode; promptTemplate: PromptTemplate } {
  const template = environment.SLOWTHINK_PROMPT_TEMPLATE?.trim() || 'chatml';
  const promptTemplate = oneOf(PROMPT_TEMPLATES, template, 'SLOWTHINK_PROMPT_TEMPLATE');
  const defaults = PROVIDER_DEFAULTS[provider];
  if (!defaults) return { continuation: 'none', promptTemplate };
  const mode = environment[defaults.variable]?.trim() || defaults.mode;
  return { continuation: oneOf(CONTINUATION_MODES, mode, defaults.variable), promptTemplate };
}

/** The chat as one raw prompt that ends inside the assistant turn, right after `prefix`. */
export function renderPrompt(template: PromptTemplate, messages: readonly Message[], prefix: string): string {
  const role = (message: Message) => (message.role === 'developer' ? 'system' : message.role);
  if (template === 'llama3') {
    const turns = messages.map((message) => `<|start_header_id|>${role(message)}<|end_header_id|>\n\n${message.content}<|eot_id|>`);
    return `${turns.join('')}<|start_header_id|>assistant<|end_header_id|>\n\n${prefix}`;
  }
  const turns = messages.map((message) => `<|im_start|>${role(message)}\n${message.content}<|im_end|>\n`);
  return `${turns.join('')}<|im_start|>assistant\n${prefix}`;
}

/** Where a request goes and what it sends. */
export type ContinuationCall =
  | { endpoint: 'chat'; payload: Record<string, unknown> }
  | { endpoint: 'completions'; payload: Record<string, unknown> }
  | { endpoint: 'ollama'; payload: Record<string, unknown> };

/**
 * The call that continues `prefix` in `mode`, from the chat payload the request would send without a prefix (whose
 * sampling fields it reuses).
 */
export function continuationCall(
  mode: Exclude<ContinuationMode, 'none'>,
  template: PromptTemplate,
  chat: Record<string, unknown>,
  request: { messages: readonly Message[]; prefix: string; logprobs?: boolean | undefined },
): ContinuationCall {
  const { messages, ...sampling } = chat;
  const turns = Array.isArray(messages) ? messages : [];
  if (mode === 'continue-final-message') {
    const payload = { ...chat, messages: [...turns, { role: 'assistant', content: request.prefix }] };
    return { endpoint: 'chat', payload: { ...payload, continue_final_message: true, add_generation_prompt: false } };
  }
  if (mode === 'assistant-prefix') {
    return { endpoint: 'chat', payload: { ...chat, messages: [...turns, { role: 'assistant', content: request.prefix, prefix: true }] } };
  }
  const prompt = renderPrompt(template, request.messages, request.prefix);
  const { max_completion_tokens: completionCap, max_tokens: tokenCap, logprobs: _logprobs, ...rest } = sampling;
  const maxTokens = tokenCap ?? completionCap;
  if (mode === 'completions') {
    const payload: Record<string, unknown> = { ...rest, prompt };
    if (maxTokens !== undefined) payload.max_tokens = maxTokens;
    if (request.logprobs) payload.logprobs = 1; // the completions API counts top logprobs, not a flag
    return { endpoint: 'completions', payload };
  }
  const options: Record<string, unknown> = {};
  if (maxTokens !== undefined) options.num_predict = maxTokens;
  for (const [from, to] of [
    ['temperature', 'temperature'],
    ['top_p', 'top_p'],
    ['seed', 'seed'],
    ['stop', 'stop'],
  ] as const) {
    if (rest[from] !== undefined) options[to] = rest[from];
  }
  return { endpoint: 'ollama', payload: { model: rest.model, prompt, raw: true, stream: true, options } };
}
