/** @module Wraps a model so every call first takes its share of the backend's fleet-wide rate limits. */
import type { GenerateRequest, GenerateResult, Model } from '../spec/index.js';
import type { RateLimiter } from './rate-limiter.js';

/** Tokens a call may use, known before it runs: the prompt (an upper bound, ~3 chars a token) and every sample's cap. */
export function estimateCallTokens(request: GenerateRequest, countTokens?: (text: string) => number): number {
  const promptText = request.messages.map((message) => message.content).join('\n') + (request.prefix ?? '');
  const prompt = Math.max(countTokens?.(promptText) ?? 0, Math.ceil(promptText.length / 3)) + 4 * request.messages.length;
  return prompt + (request.maxTokens ?? 0) * (request.n ?? 1);
}

/** The model with a limiter in front; `backend` names the bucket (the model id: limits belong to a model behind a key). */
export function withRateLimit(model: Model, limiter: RateLimiter, backend: string = model.id): Model {
  const limited: Model = {
    specificationVersion: model.specificationVersion,
    id: model.id,
    provider: model.provider,
    capabilities: model.capabilities,
    async doGenerate(request: GenerateRequest): Promise<GenerateResult> {
      const estimate = estimateCallTokens(request, model.countTokens?.bind(model));
      // An abort while waiting falls through to the model, which answers an aborted call by its own contract.
      await limiter.acquire(backend, { requests: 1, tokens: estimate }, request.signal);
      const result = await model.doGenerate(request);
      const { promptTokens, completionTokens } = result.usage;
      if (promptTokens !== undefined && completionTokens !== undefined)
        await limiter.settle(backend, promptTokens + completionTokens - estimate);
      return result;
    },
  };
  if (model.price !== undefined) Object.assign(limited, { price: model.price });
  if (model.countTokens !== undefined) limited.countTokens = model.countTokens.bind(model);
  if (model.close !== undefined) limited.close = model.close.bind(model);
  return limited;
}
