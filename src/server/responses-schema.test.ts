import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { inputMessages, parseResponsesRequest, toChatRequest } from './responses-schema.js';

function failure(run: () => unknown): ApiError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  return undefined;
}

const none = () => undefined;

describe('Responses request errors name Responses params, not the chat route’s', () => {
  it('an unsupported role is input[i].role', () => {
    const error = failure(() =>
      inputMessages(
        [
          { role: 'user', content: 'a' },
          { role: 'tool', content: 'b' },
        ],
        none,
      ),
    );
    expect(error?.status).toBe(400);
    expect(error?.param).toBe('input[1].role');
  });

  it('a non-text output format is text.format.type', () => {
    const parsed = parseResponsesRequest({ model: 'm', input: 'x', text: { format: { type: 'json_schema' } } });
    if (parsed instanceof ApiError) throw parsed;
    const error = failure(() => toChatRequest(parsed.request, [{ role: 'user', content: 'x' }]));
    expect(error?.param).toBe('text.format.type');
    const plain = parseResponsesRequest({ model: 'm', input: 'x', text: { format: { type: 'text' } } });
    if (plain instanceof ApiError) throw plain;
    expect(toChatRequest(plain.request, [{ role: 'user', content: 'x' }]).messages).toHaveLength(1);
  });

  it('every accepted role passes through in order', () => {
    const roles = ['system', 'developer', 'user', 'assistant'] as const;
    const messages = inputMessages(
      roles.map((role) => ({ role, content: role })),
      none,
    );
    expect(messages.map((message) => message.role)).toEqual([...roles]);
  });
});
