/** @module The bounded in-memory store of recent responses behind `previous_response_id`: LRU by count and by bytes. */
import type { Message } from '../spec/model.js';

/** What a later turn needs of a response: the conversation up to and including its answer. */
export interface StoredResponse {
  messages: readonly Message[];
}

/** Default limits: 1000 responses, 32 MiB of message text; the oldest entries go first when either is passed. */
export const DEFAULT_STORE_LIMITS = { maxEntries: 1000, maxBytes: 32 * 1024 * 1024 } as const;

function sizeOf(response: StoredResponse): number {
  // Two bytes per UTF-16 unit plus a small per-message overhead: what the strings cost in V8, roughly.
  return response.messages.reduce((total, message) => total + 2 * message.content.length + 64, 0);
}

/** Recent responses by id; a read refreshes an entry, an entry larger than the whole budget is not kept. */
export class ResponseStore {
  private readonly entries = new Map<string, { response: StoredResponse; bytes: number }>();
  private totalBytes = 0;

  constructor(
    readonly maxEntries: number = DEFAULT_STORE_LIMITS.maxEntries,
    /** Two bytes per UTF-16 unit of message text plus 64 per message, all entries together. */
    readonly maxBytes: number = DEFAULT_STORE_LIMITS.maxBytes,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  /** Keeps `response` under `id`, evicting the least recently used entries until both limits hold. */
  set(id: string, response: StoredResponse): void {
    this.delete(id);
    const bytes = sizeOf(response);
    if (bytes > this.maxBytes || this.maxEntries <= 0) return;
    this.entries.set(id, { response, bytes });
    this.totalBytes += bytes;
    for (const [oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.totalBytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  /** The response under `id`, now the most recently used; undefined when unknown or evicted. */
  get(id: string): StoredResponse | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.response;
  }

  private delete(id: string): void {
    const entry = this.entries.get(id);
    if (entry === undefined) return;
    this.entries.delete(id);
    this.totalBytes -= entry.bytes;
  }
}
