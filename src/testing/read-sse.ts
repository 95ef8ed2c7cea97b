/** @module Splits an SSE body into its events (data payloads and comments), for the server's tests and the bench. */

/** One SSE event: a `data:` payload or a `:` comment. */
export type SseEvent = { kind: 'data'; data: string } | { kind: 'comment'; text: string };

/** Parses a complete SSE body; events are separated by blank lines. */
export function parseSse(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of body.split('\n\n')) {
    if (block.trim() === '') continue;
    const lines = block.split('\n');
    const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
    if (data.length > 0) events.push({ kind: 'data', data: data.join('\n') });
    for (const line of lines) if (line.startsWith(':')) events.push({ kind: 'comment', text: line.slice(1).trim() });
  }
  return events;
}
