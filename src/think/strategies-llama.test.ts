/** The shared strategy contract against a real GGUF through llama.cpp: the shipped embedded model when present, else a random one. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createLlamaCppModel } from '../models/llama-cpp.js';
import type { Model } from '../spec/index.js';
import { runStrategyContract } from '../testing/contracts/strategy-contract.js';
import { writeRandomLlamaGguf } from '../testing/random-gguf.js';
import { strategies } from './index.js';

const shipped = join(import.meta.dirname, '..', '..', 'models', 'slowthink-mini.gguf');
let pending: Promise<Model> | undefined;
let temporary: string | undefined;

/** One model instance for all cases (loading costs more than generating here). */
function sharedModel(): Promise<Model> {
  pending ??= (async () => {
    if (existsSync(shipped)) {
      const specifier = '../models/embedded.js';
      const embedded = (await import(specifier)) as {
        createEmbeddedModel(options: { tier: 'mini'; threads: number; sequences: number }): Promise<Model>;
      };
      return embedded.createEmbeddedModel({ tier: 'mini', threads: 1, sequences: 2 });
    }
    temporary = mkdtempSync(join(tmpdir(), 'slowthink-contract-'));
    const path = join(temporary, 'random.gguf');
    writeRandomLlamaGguf(path);
    return createLlamaCppModel({ path, threads: 1, sequences: 2, contextSize: 1024 });
  })();
  return pending;
}

afterAll(async () => {
  await (await pending)?.close?.();
  if (temporary) rmSync(temporary, { recursive: true, force: true });
});

for (const strategy of Object.values(strategies)) {
  runStrategyContract({
    strategy,
    model: sharedModel,
    question: 'What is 12 + 30?',
    options: { n: 2, maxSamples: 2, batch: 2, rounds: 1, maxTokens: 24 },
    timeout: 60_000,
  });
}
