/** @module Bounds what the server echoes back or logs from a request, and scrubs what a backend failure must not reveal. */

/** Longest echoed value (a model name, an effort) in an error message or a log field. */
export const MAX_ECHOED_CHARACTERS = 128;
/** Longest error message the server sends. */
export const MAX_MESSAGE_CHARACTERS = 1024;

/** `text` cut to `max` characters, saying how much was cut. */
export function bounded(text: string, max = MAX_ECHOED_CHARACTERS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/**
 * A message a client may read: no URLs, no host:port, no environment variable names (`OPENAI_API_KEY`,
 * `SLOWTHINK_OPENAI_BASE_URL`): those describe the operator's deployment, not the client's mistake.
 */
export function scrubbed(message: string): string {
  return message
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>')
    .replace(/\b(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|[\w-]+(?:\.[\w-]+)+):\d{2,5}\b/gi, '<host>')
    .replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, (name) => (name.startsWith('ST_') ? name : 'a server setting'));
}
