/** @module `slowthink ask "QUESTION"`: streams the thinking, then the answer, then a one-line ledger (or one JSON object). */
import type { Command } from 'commander';
import { DEFAULT_EFFORT } from '../../budget/effort.js';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import { parseNumberOption } from '../../errors/number-option.js';
import { type BudgetLimits, EFFORTS, type ReasonRequest } from '../../spec/index.js';
import { keepAskTrace } from '../keep-trace.js';

type AskFlags = Record<string, string | boolean | undefined>;

/** Turns the flags into a ReasonRequest (without the question); validates every number. */
export function requestFromFlags(question: string, flags: AskFlags): ReasonRequest {
  if (question.trim() === '') {
    throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, 'The question is empty', {
      hint: 'Example: slowthink ask "What is 17 * 23?"',
      param: 'question',
    });
  }
  const budget: BudgetLimits = {};
  const maxTokens = parseNumberOption('max-tokens', flags.maxTokens, { integer: true, minimum: 1, example: '4000' });
  const maxUsd = parseNumberOption('max-usd', flags.maxUsd, { minimum: 0, exclusive: true, example: '0.05' });
  const maxSeconds = parseNumberOption('max-seconds', flags.maxSeconds, { minimum: 0, exclusive: true, example: '30' });
  const maxCalls = parseNumberOption('max-calls', flags.maxCalls, { integer: true, minimum: 1, example: '8' });
  if (maxTokens !== undefined) budget.maxTokens = maxTokens;
  if (maxUsd !== undefined) budget.maxUsd = maxUsd;
  if (maxSeconds !== undefined) budget.maxSeconds = maxSeconds;
  if (maxCalls !== undefined) budget.maxCalls = maxCalls;
  const request: ReasonRequest = { question, budget };
  const temperature = parseNumberOption('temperature', flags.temperature, { minimum: 0, maximum: 2, example: '0.7' });
  const seed = parseNumberOption('seed', flags.seed, { integer: true, minimum: 0, example: '42' });
  if (temperature !== undefined) request.temperature = temperature;
  if (seed !== undefined) request.seed = seed;
  const samples = parseNumberOption('samples', flags.samples, { integer: true, minimum: 1, example: '8' });
  if (samples !== undefined) request.options = { n: samples, maxSamples: samples };
  // Society members, `slowthink-mini+slowthink`: the engine resolves and checks the names (src/engine/resolve-members.ts).
  if (typeof flags.members === 'string') request.options = { ...request.options, models: flags.members };
  if (typeof flags.model === 'string') request.model = flags.model;
  if (typeof flags.effort === 'string') request.effort = flags.effort as ReasonRequest['effort'];
  if (typeof flags.strategy === 'string') request.strategy = flags.strategy;
  if (typeof flags.task === 'string') request.task = flags.task;
  return request;
}

async function runAsk(question: string, flags: AskFlags): Promise<void> {
  const request = requestFromFlags(question, flags);
  const json = flags.json === true;
  const controller = new AbortController();
  // A listener that stays for the whole run: with `once`, signal-exit (loaded by node-llama-cpp) sees itself alone on the
  // signal and re-raises it, killing the process before the answer so far is printed.
  const interrupt = () => {
    if (!controller.signal.aborted) return controller.abort();
    // Ctrl-C again: stop without waiting for the run to wind down, still keeping the --json promise.
    const message = 'Interrupted twice: stopped without waiting for the run to end';
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: ERROR_CODES.ABORTED, message, hint: null } })}\n`);
    process.stderr.write(`error ${ERROR_CODES.ABORTED}: ${message}\n`);
    process.exit(130);
  };
  process.on('SIGINT', interrupt);
  let failed = true;
  try {
    // Load the model (node-llama-cpp, its binary check in a child process, the GGUF) while the engine's modules load:
    // the engine's own resolveModel then finds it in the registry's cache. A bad name fails there again, reported once.
    const { resolveModel } = await import('../../models/registry.js');
    if (typeof request.model !== 'object') resolveModel(request.model).catch(() => undefined);
    const { streamReason } = await import('../../engine/index.js');
    const { createEventRenderer, ledgerLine, resultJson } = await import('../render.js');
    const stream = streamReason({ ...request, signal: controller.signal });
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    const renderer = createEventRenderer({ write: (text) => process.stdout.write(text), color });
    for await (const event of stream) if (!json) renderer.handle(event);
    const result = await stream.result;
    // The run browser (serve's web app) replays it; written before printing so a closed pipe cannot lose it.
    if (flags.trace !== false) await keepAskTrace(request, result, typeof flags.store === 'string' ? flags.store : undefined);
    // Interrupted with an answer in hand: the answer is printed, and the exit code still says Ctrl-C.
    if (controller.signal.aborted) process.exitCode = 130;
    // A limit stopped thinking before any answer: the work is reported, and the exit code lets scripts tell.
    else if (result.answer === undefined && result.stoppedBy !== null) process.exitCode = NO_ANSWER_EXIT_CODE;
    failed = false;
    if (json) {
      process.stdout.write(`${JSON.stringify(resultJson(result))}\n`);
      return;
    }
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning.message}\n`);
    const line = ledgerLine(result);
    process.stdout.write(`${color ? `\u001b[2m${line}\u001b[0m` : line}\n`);
  } finally {
    process.removeListener('SIGINT', interrupt);
    // After a failure the CLI exits at once (main.ts): closing would first wait for a model still loading in the background.
    if (!failed) await closeModelsQuietly();
  }
}

/** Exit code of a run that a limit stopped before any answer (its work is still printed and charged). */
export const NO_ANSWER_EXIT_CODE = 4;

/** Closes the loaded models; a failure to close is a warning, never a second output after the answer. */
async function closeModelsQuietly(): Promise<void> {
  try {
    const { closeModels } = await import('../../models/registry.js');
    await closeModels();
  } catch (error) {
    process.stderr.write(`warning: closing the model failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

/** Registers the `ask` command. */
export function register(program: Command): void {
  program
    .command('ask')
    .description('Answer a question by thinking slowly: streams the thinking, then the answer and a one-line ledger')
    .argument('<question>', 'the question, in quotes')
    .option(
      '-m, --model <model>',
      'provider:model, e.g. slowthink-mini, gguf:./m.gguf, openai:gpt-4o-mini (default: SLOWTHINK_MODEL, config, embedded)',
    )
    .option('-e, --effort <effort>', EFFORTS.join(', '), DEFAULT_EFFORT)
    .option(
      '-s, --strategy <strategy>',
      "strategy overriding the effort's, e.g. cot, self-consistency, adaptive-consistency, best-of-n, think-longer, beam, dvts, mcts, society (a wrong name lists all)",
    )
    .option('--task <task>', 'task whose checker verifies answers (arithmetic, countdown); detected when absent')
    .option('-n, --samples <n>', 'samples for voting and best-of-n strategies (sets n / maxSamples)')
    .option('--members <models>', "society members joined by '+', e.g. slowthink-mini+slowthink (with --strategy society)")
    .option('--max-tokens <n>', 'most generated tokens over all calls')
    .option('--max-usd <x>', 'most dollars')
    .option('--max-seconds <s>', 'most seconds')
    .option('--max-calls <n>', 'most model calls')
    .option('--temperature <t>', 'sampling temperature (0-2)')
    .option('--seed <n>', 'base seed for reproducible samples')
    .option('--json', 'print exactly one JSON object instead of streaming')
    .option('--store <path>', 'run store the trace is kept in (default: SLOWTHINK_STORE, ~/.slowthink/runs.db)')
    .option('--no-trace', 'do not keep this trace in the run store')
    .action(async (question: string, flags: AskFlags) => {
      await runAsk(question, flags);
    });
}
