/**
 * @module The computer-algebra layer: compute-engine for LaTeX equality, mathjs to turn ASCII math into LaTeX.
 * Both load lazily on first use (mathjs alone costs ~0.8 s to import) and results are cached.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type ComputeEngineModule = typeof import('@cortex-js/compute-engine');
type ComputeEngineInstance = InstanceType<ComputeEngineModule['ComputeEngine']>;
type Expression = NonNullable<ReturnType<ComputeEngineInstance['parse']>>;
type MathjsModule = typeof import('mathjs');

const require = createRequire(import.meta.url);
let engine: ComputeEngineInstance | undefined;
let mathjs: MathjsModule | undefined;

const cacheLimit = 5000;
const equalityCache = new Map<string, boolean>();
const canonicalCache = new Map<string, string | undefined>();
const samplePoints = [0.37, 1.71, -2.3, 3.1, 0.913];
/** Longer answers are compared as strings only: parsing deep nests costs seconds and piles up float error. */
export const MAX_CAS_LENGTH = 256;

/** compute-engine's module: 0.27's CommonJS bundle exports nothing (its UMD wrapper drops the getters), so load its ESM build. */
function loadComputeEngine(): ComputeEngineModule {
  const main = require.resolve('@cortex-js/compute-engine');
  const bundled = require(main) as Partial<ComputeEngineModule>;
  if (typeof bundled.ComputeEngine === 'function') return bundled as ComputeEngineModule;
  return require(join(dirname(main), 'compute-engine.min.esm.js')) as ComputeEngineModule;
}

function getEngine(): ComputeEngineInstance {
  engine ??= new (loadComputeEngine().ComputeEngine)();
  return engine;
}

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/** True for ASCII math that compute-engine would misread (`sqrt(8)` as s·q·r·t·8, `pi` as p·i). */
function looksLikeAsciiMath(text: string): boolean {
  return !text.includes('\\') && /[a-zA-Z]{2,}/.test(text);
}

/** Converts ASCII math (`2*sqrt(2)`, `pi/2`, `x**2`) to LaTeX through mathjs; returns the input when it is not ASCII math. */
export function asciiToLatex(text: string): string {
  if (!looksLikeAsciiMath(text)) return text;
  try {
    mathjs ??= require('mathjs') as MathjsModule;
    const ascii = text.replace(/\*\*/g, '^').replace(/\binf(?:inity)?\b/gi, 'Infinity');
    return mathjs.parse(ascii).toTex({ implicit: 'hide', parenthesis: 'auto' });
  } catch {
    return text;
  }
}

/** The largest k with k² dividing n, for n up to 10⁶ (larger radicands are left as written). */
function squareFactor(n: number): number {
  if (!Number.isSafeInteger(n) || n < 4 || n > 1_000_000) return 1;
  for (let k = Math.floor(Math.sqrt(n)); k > 1; k -= 1) if (n % (k * k) === 0) return k;
  return 1;
}

/** `\sqrt{8}` → `(2\sqrt{2})`: compute-engine 0.27 leaves some radicals unreduced (it reduces √12 but not √8), so votes split. */
function extractSquares(latex: string): string {
  return latex.replace(/\\sqrt\s*(?:\{\s*(\d+)\s*\}|(\d))/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const n = Number(braced ?? bare);
    const k = squareFactor(n);
    if (k === 1) return whole;
    const rest = n / (k * k);
    return rest === 1 ? `(${k})` : `(${k}\\sqrt{${rest}})`;
  });
}

/** Parses to a valid expression whose value is defined (`1/0` and `0/0` are not answers). */
function parse(latex: string): Expression | undefined {
  if (latex.length > MAX_CAS_LENGTH) return undefined;
  const expression = getEngine().parse(extractSquares(asciiToLatex(latex)));
  if (!expression.isValid) return undefined;
  const value = JSON.stringify(expression.N().json);
  return value === '"ComplexInfinity"' || value === '"NaN"' ? undefined : expression;
}

function numericValue(expression: Expression): number | undefined {
  const value = expression.N().re;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Decides equality of expressions with free variables by evaluating both at fixed sample points. */
function sampledEqual(left: Expression, right: Expression): boolean {
  const names = [...new Set([...left.unknowns, ...right.unknowns])];
  if (names.length === 0 || names.length > 4) return false;
  return samplePoints.every((point, index) => {
    const substitution = Object.fromEntries(names.map((name, offset) => [name, point + offset * samplePoints[(index + 1) % 5]!]));
    const a = numericValue(left.subs(substitution));
    const b = numericValue(right.subs(substitution));
    return a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  });
}

/** Symbolic/numeric equality of two LaTeX (or ASCII) answers; false when either does not parse. Never throws. */
export function casEquivalent(left: string, right: string): boolean {
  const key = left < right ? `${left}\u0000${right}` : `${right}\u0000${left}`;
  const cached = equalityCache.get(key);
  if (cached !== undefined) return cached;
  let result = false;
  try {
    const a = parse(left);
    const b = parse(right);
    if (a && b) {
      const verdict = a.isEqual(b);
      result = verdict === undefined ? sampledEqual(a, b) : verdict;
    }
  } catch {
    result = false;
  }
  return remember(equalityCache, key, result);
}

/** compute-engine's canonical LaTeX (`\sqrt{8}` → `2\sqrt{2}`), or undefined when the text does not parse. Never throws. */
export function canonicalLatex(text: string): string | undefined {
  if (canonicalCache.has(text)) return canonicalCache.get(text);
  let result: string | undefined;
  try {
    result = parse(text)?.simplify().latex;
  } catch {
    result = undefined;
  }
  return remember(canonicalCache, text, result);
}

/** Loads compute-engine and mathjs now (about a second) so the first equivalence check of a request does not pay for it. */
export function preloadMathEngine(): void {
  getEngine();
  mathjs ??= require('mathjs') as MathjsModule;
}
