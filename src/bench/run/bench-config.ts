/** @module Benchmark configs: the (effort, strategy, options) settings a problem is run under, and their stable keys. */
import { validateBudgetLimits } from '../../budget/index.js';
import { ERROR_CODES, SlowthinkError } from '../../errors/index.js';
import { type BudgetLimits, EFFORTS, type Effort, isEffort, STRATEGY_NAMES } from '../../spec/index.js';

/** One setting of the engine under test; `key` names it in the store, tables and plots. */
export interface BenchConfig {
  key: string;
  effort?: Effort;
  strategy?: string;
  options: Record<string, unknown>;
  /** Request budget for this config (`budget.maxTokens=60000` in the spec); unset limits keep the effort's defaults. */
  budget?: BudgetLimits;
  /** Run only on the first this-many problems of each task and level (costly configs beside cheap ones on more problems). */
  firstPerLevel?: number;
}

/** Budget limits a strategy spec may set as `budget.<name>=<value>`. */
const BUDGET_KEYS = ['maxTokens', 'maxUsd', 'maxSeconds', 'maxCalls'] as const;

/** Strategies the engine knows (checked early so a typo fails before a long run starts): the registry's names. */
export const KNOWN_STRATEGIES = STRATEGY_NAMES;

function parseOptionValue(value: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}

/** Parses `self-consistency:n=40,temperature=0.8` (options after the colon, comma-separated) into a config. */
export function parseStrategySpec(spec: string, allowUnknown = false): BenchConfig {
  const [name = '', optionText] = spec.split(':', 2);
  const strategy = name.trim();
  if (!allowUnknown && !(KNOWN_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new SlowthinkError(ERROR_CODES.UNKNOWN_STRATEGY, `Unknown strategy "${strategy}" in --strategies`, {
      hint: `Use one of ${KNOWN_STRATEGIES.join(', ')}, with options like self-consistency:n=40.`,
      param: 'strategies',
    });
  }
  const options: Record<string, unknown> = {};
  const budget: BudgetLimits = {};
  for (const pair of (optionText ?? '').split(',').filter((part) => part.trim() !== '')) {
    const [optionName, value] = pair.split('=', 2);
    if (optionName === undefined || value === undefined || optionName.trim() === '') {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Expected name=value in strategy options, got "${pair}"`, {
        hint: 'Write options like self-consistency:n=40,temperature=0.8.',
        param: 'strategies',
      });
    }
    const name = optionName.trim();
    const parsed = parseOptionValue(value.trim());
    if (name.startsWith('budget.')) {
      const limit = name.slice('budget.'.length);
      if (!(BUDGET_KEYS as readonly string[]).includes(limit) || typeof parsed !== 'number')
        throw new SlowthinkError(
          ERROR_CODES.INVALID_ARGUMENT,
          `Bad budget option "${pair}" in --strategies: expected budget.<limit>=<positive number>`,
          {
            hint: `Use budget.${BUDGET_KEYS.join('|budget.')} with a positive number, e.g. self-consistency:n=64,budget.maxTokens=60000.`,
            param: 'strategies',
          },
        );
      const limits = { [limit]: parsed };
      // The engine's own rule (whole numbers for tokens and calls), applied here so a bad value fails before the run, not per job.
      try {
        validateBudgetLimits(limits);
      } catch (error) {
        throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Bad budget option "${pair}" in --strategies: ${(error as Error).message}`, {
          hint: (error as SlowthinkError).hint ?? 'Pass a positive number.',
          param: 'strategies',
        });
      }
      Object.assign(budget, limits);
    } else options[name] = parsed;
  }
  const config = { strategy, options, ...(Object.keys(budget).length > 0 ? { budget } : {}) };
  return { key: configKey(config), ...config };
}

/** The stable key of a config: `effort=high`, `cot`, `self-consistency:n=40`, `effort=low/cot`, `cot:budget.maxTokens=900`. */
export function configKey(config: Omit<BenchConfig, 'key'>): string {
  const entries: Array<[string, unknown]> = [
    ...Object.entries(config.options),
    ...Object.entries(config.budget ?? {}).map(([name, value]): [string, unknown] => [`budget.${name}`, value]),
  ];
  const optionText = entries
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(',');
  const strategyText = config.strategy === undefined ? '' : optionText === '' ? config.strategy : `${config.strategy}:${optionText}`;
  if (config.effort === undefined) return strategyText;
  return strategyText === '' ? `effort=${config.effort}` : `effort=${config.effort}/${strategyText}`;
}

/** Parses an effort list (`none,low,high`). */
export function parseEfforts(text: string): Effort[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      if (!isEffort(part)) {
        throw new SlowthinkError(ERROR_CODES.UNKNOWN_EFFORT, `Unknown effort "${part}" in --efforts`, {
          hint: `Use some of ${EFFORTS.join(', ')}.`,
          param: 'efforts',
        });
      }
      return part;
    });
}

/** Splits a strategy list on commas that start a new strategy (options also use commas: `a:n=4,t=1,b`). */
export function splitStrategyList(text: string): string[] {
  const specs: string[] = [];
  for (const part of text.split(',').map((piece) => piece.trim())) {
    if (part === '') continue;
    if (part.includes('=') && !part.includes(':') && specs.length > 0) specs[specs.length - 1] += `,${part}`;
    else specs.push(part);
  }
  return specs;
}

/** The configs of a bench: one per effort, then one per strategy (strategies with no effort use the engine default). */
export function buildConfigs(options: { efforts?: string; strategies?: string }, allowUnknownStrategies = false): BenchConfig[] {
  const configs: BenchConfig[] = [];
  for (const effort of parseEfforts(options.efforts ?? '')) configs.push({ key: `effort=${effort}`, effort, options: {} });
  for (const spec of splitStrategyList(options.strategies ?? '')) configs.push(parseStrategySpec(spec, allowUnknownStrategies));
  const seen = new Set<string>();
  for (const config of configs) {
    if (seen.has(config.key)) {
      throw new SlowthinkError(ERROR_CODES.INVALID_ARGUMENT, `Config ${config.key} is listed twice`, { param: 'strategies' });
    }
    seen.add(config.key);
  }
  return configs;
}
