/** @module The router file: what `slowthink route fit` writes and `auto` reads (model, features, table, source runs), and its lookup. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ERROR_CODES, SlowthinkError } from '../errors/index.js';
import { EFFORTS } from '../spec/index.js';
import { type Agreement, ANY, type RouteFeatures } from './features.js';
import { parsePlan, type RoutePlan } from './plans.js';

/** The format tag every router file carries; bumped when the shape changes. */
export const ROUTER_FORMAT = 'slowthink-router/1';

const planLabel = z.string().refine((label) => {
  try {
    parsePlan(label);
    return true;
  } catch {
    return false;
  }
}, 'not a plan label (single, stop, vote@K, adaptive@K, best@K)');

const cellSchema = z.object({
  task: z.string().min(1),
  size: z.string().min(1),
  /** `single`: one chain, no probe; `probe`: two samples, then the agreement's plan. */
  first: z.enum(['single', 'probe']),
  agree: planLabel,
  disagree: planLabel,
  /** Training problems behind the cell (all, and by agreement of their first two samples). */
  problems: z.number().int().min(0),
  agreeProblems: z.number().int().min(0),
  disagreeProblems: z.number().int().min(0),
});

const routerSchema = z.object({
  format: z.literal(ROUTER_FORMAT),
  /** The model id the table was fitted for (`embedded:slowthink-mini`); `auto` uses it for that model only. */
  model: z.string().min(1),
  fittedAt: z.string(),
  /** Stored bench runs (and their config) whose samples the table was fitted on. */
  runs: z.array(z.string()),
  config: z.string(),
  /** The effort row whose budget and per-sample cap a routed request runs under. */
  effort: z.enum(EFFORTS).exclude(['auto']),
  /** Per-sample token cap of the fitted samples, which routed requests draw with too. */
  sampleTokens: z.number().int().positive(),
  selection: z.object({
    /** Tokens one more right answer is worth: each cell maximises right answers − tokens / tokensPerAnswer. */
    tokensPerAnswer: z.number().positive(),
    /** When tokensPerAnswer was chosen by cross-validation: the most tokens allowed, as a share of SC@64's (or BoN@64's). */
    tokenShare: z.number().positive().optional(),
    /** Fewer training problems than this in a (task, size) cell: the task's row is used instead. */
    minProblems: z.number().int().min(1),
    plans: z.array(planLabel),
  }),
  features: z.record(z.string(), z.string()),
  cells: z.array(cellSchema).min(1),
});

/** A router table as stored. */
export type Router = z.infer<typeof routerSchema>;
export type RouterCell = z.infer<typeof cellSchema>;

/** Validates a parsed router file; throws ST_CONFIG naming the file and the first problem. */
export function parseRouter(value: unknown, source = 'router'): Router {
  const parsed = routerSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SlowthinkError(
      ERROR_CODES.CONFIG,
      `${source} is not a router file: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
      {
        hint: 'Write it with `slowthink route fit RUN_ID --out FILE`, or unset SLOWTHINK_ROUTER.',
        param: 'router',
      },
    );
  }
  if (!parsed.data.cells.some((cell) => cell.task === ANY && cell.size === ANY)) {
    throw new SlowthinkError(ERROR_CODES.CONFIG, `${source} has no default cell (task * and size *)`, { param: 'router' });
  }
  return parsed.data;
}

const cache = new Map<string, { modified: number; router: Router }>();

/** Reads and validates a router file (cached until the file changes); throws ST_CONFIG when it is unreadable or malformed. */
export function readRouter(path: string): Router {
  let modified: number;
  let text: string;
  try {
    modified = statSync(path).mtimeMs;
    const cached = cache.get(path);
    if (cached && cached.modified === modified) return cached.router;
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlowthinkError(ERROR_CODES.CONFIG, `Cannot read the router file ${path}: ${(error as Error).message}`, {
      hint: 'Point SLOWTHINK_ROUTER at a file `slowthink route fit` wrote, or set it to `none`.',
      param: 'router',
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SlowthinkError(ERROR_CODES.CONFIG, `The router file ${path} is not JSON: ${(error as Error).message}`, {
      param: 'router',
      cause: error,
    });
  }
  const router = parseRouter(json, `The router file ${path}`);
  cache.set(path, { modified, router });
  return router;
}

/** Writes a router file (validated first, so a bad table never reaches disk). */
export function writeRouter(path: string, router: Router): void {
  writeFileSync(path, `${JSON.stringify(parseRouter(router), null, 2)}\n`);
}

/** The cell for these features: the (task, size) row, else the task's row, else the default row. */
export function cellFor(router: Pick<Router, 'cells'>, features: RouteFeatures): RouterCell {
  const find = (task: string, size: string) => router.cells.find((cell) => cell.task === task && cell.size === size);
  return (find(features.task, features.size) ?? find(features.task, ANY) ?? find(ANY, ANY)) as RouterCell;
}

/** Whether the router has a row of its own for this task (else `auto` keeps its rule for it). */
export function coversTask(router: Pick<Router, 'cells'>, task: string | undefined): boolean {
  return task !== undefined && router.cells.some((cell) => cell.task === task);
}

/** The plan after the probe samples, by their agreement. */
export function planAfterProbe(cell: RouterCell, agreement: Agreement): RoutePlan {
  return parsePlan(agreement === 'agree' ? cell.agree : cell.disagree);
}
