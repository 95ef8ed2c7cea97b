/** @module The PyTorch-vs-llama.cpp fixtures of the GGUF tests: is torch here, and each runtime's greedy tokens. */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Token } from 'node-llama-cpp';
import { loadGgufModel, runTokenLoop } from '../models/gguf/llama-runtime.js';
import { BOS_ID, decodeTokens, encodeText } from '../models/gguf/vocab.js';

/** The system Python the trainer runs on (Debian's python3-torch). */
export const PYTHON = '/usr/bin/python3';

function torchImports(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether PyTorch can run here: tests that train or sample with it skip without it. */
export const hasTorch = existsSync(PYTHON) && torchImports();

/** PyTorch's greedy tokens (`training/sample.py`) for each prompt, from safetensors weights; `directory` holds the prompt file. */
export function pytorchGreedyTokens(weights: string, prompts: readonly string[], maxNew: number, directory: string): number[][] {
  const promptsPath = join(directory, 'prompts.json');
  writeFileSync(promptsPath, JSON.stringify(prompts));
  const output = execFileSync(PYTHON, ['training/sample.py', weights, promptsPath, String(maxNew)], { encoding: 'utf8' });
  return JSON.parse(output) as number[][];
}

/** llama.cpp's greedy tokens for each prompt, from a GGUF file, one sequence cleared between prompts. */
export async function llamaGreedyTokens(ggufPath: string, prompts: readonly string[], maxNew: number): Promise<number[][]> {
  const model = await loadGgufModel(ggufPath);
  const context = await model.createContext({ contextSize: 512, threads: 1 });
  const sequence = context.getSequence();
  const tokens: number[][] = [];
  try {
    for (const prompt of prompts) {
      await sequence.clearHistory();
      const result = await runTokenLoop({
        sequence,
        model,
        promptTokens: [BOS_ID, ...encodeText(prompt)] as Token[],
        maxTokens: maxNew,
        temperature: 0,
        topP: 1,
        seed: 0,
        decode: (generated) => decodeTokens(generated),
      });
      tokens.push(result.tokens);
    }
  } finally {
    await context.dispose();
    await model.dispose();
  }
  return tokens;
}
