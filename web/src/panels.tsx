/** @module The panels beside the tree: budget meter per limit, votes, answer and ledger, the selected thought's text. */
import type { RunResult } from './api.js';
import type { TraceState, TreeThought } from './trace-state.js';

const LIMIT_NAMES = { tokens: 'Tokens', usd: 'Dollars', seconds: 'Seconds', calls: 'Calls' } as const;
type LimitName = keyof typeof LIMIT_NAMES;

function usedOf(state: TraceState, limit: LimitName): number {
  const used = state.used;
  if (!used) return 0;
  if (limit === 'tokens') return used.completionTokens;
  if (limit === 'usd') return used.costUsd;
  if (limit === 'seconds') return used.seconds;
  return used.calls;
}

const format = (limit: LimitName, value: number) =>
  limit === 'usd' ? `$${value.toFixed(4)}` : limit === 'seconds' ? `${value.toFixed(1)} s` : String(Math.round(value));

/** One bar per limit the run has, filled as the budget-update events report spend. */
export function BudgetMeter({ state }: { state: TraceState }) {
  const limits = (Object.keys(LIMIT_NAMES) as LimitName[]).filter((limit) => state.remaining[limit] !== undefined);
  return (
    <section className="panel" aria-label="Budget">
      <h3>Budget</h3>
      {limits.length === 0 && <p className="muted">{state.used ? 'No limits reported.' : 'Waiting for the first call.'}</p>}
      {limits.map((limit) => {
        const used = usedOf(state, limit);
        const total = used + (state.remaining[limit] ?? 0);
        const stopped = state.finish?.stoppedBy === limit;
        return (
          <div key={limit} className="meter-row" data-testid={`meter-${limit}`}>
            <span id={`meter-${limit}`}>{LIMIT_NAMES[limit]}</span>
            <meter
              aria-labelledby={`meter-${limit}`}
              min={0}
              max={total || 1}
              value={used}
              high={total * 0.9}
              className={stopped ? 'meter-stopped' : ''}
            />
            <span className="meter-text">
              {format(limit, used)} / {format(limit, total)}
              {stopped ? ' · stopped here' : ''}
            </span>
          </div>
        );
      })}
    </section>
  );
}

/** The latest vote: the tally and the posterior (or share) that the leader wins. */
export function VotePanel({ state }: { state: TraceState }) {
  const vote = state.votes.at(-1);
  return (
    <section className="panel" aria-label="Votes" data-testid="votes">
      <h3>Votes {state.votes.length > 1 ? `(${state.votes.length} rounds)` : ''}</h3>
      {!vote && <p className="muted">No vote yet.</p>}
      {vote && (
        <>
          <p>
            After {vote.samples} samples: leader <strong>{vote.leader ?? '—'}</strong>, P(leader wins) {vote.confidence.toFixed(2)}
          </p>
          <ul className="tally">
            {Object.entries(vote.tally)
              .sort(([, a], [, b]) => b - a)
              .map(([answer, votes]) => (
                <li key={answer}>
                  <span className="tally-answer">{answer}</span>{' '}
                  <span className="tally-bar" style={{ width: `${Math.min(100, votes * 12)}px` }} />{' '}
                  {Number.isInteger(votes) ? votes : votes.toFixed(2)}
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The answer and the ledger: tokens by phase, calls, cost, seconds, and which limit stopped it. */
export function AnswerPanel({ state, result }: { state: TraceState; result?: RunResult | undefined }) {
  const usage = state.finish?.usage ?? state.used;
  const shown = result?.text ?? state.answerText;
  return (
    <section className="panel" aria-label="Answer and ledger">
      <h3>Answer</h3>
      <p className="answer" data-testid="answer" aria-live="polite">
        {state.answered || result ? shown || '(no answer)' : state.answerText || <span className="muted">Thinking…</span>}
      </p>
      {state.finish && (
        <p className="muted" data-testid="finish">
          finish: {state.finish.finishReason}
          {state.finish.stoppedBy ? ` · stopped by ${state.finish.stoppedBy}` : ''}
        </p>
      )}
      {usage && (
        <table className="ledger" data-testid="ledger" aria-label="Ledger">
          <thead>
            <tr>
              <th scope="col">phase</th>
              <th scope="col">calls</th>
              <th scope="col">prompt</th>
              <th scope="col">completion</th>
              <th scope="col">$</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(usage.byPhase).map(([phase, entry]) => (
              <tr key={phase}>
                <th scope="row">{phase}</th>
                <td>{entry.calls}</td>
                <td>{entry.promptTokens}</td>
                <td>{entry.completionTokens}</td>
                <td>{entry.costUsd.toFixed(4)}</td>
              </tr>
            ))}
            <tr className="ledger-total">
              <th scope="row">total</th>
              <td>{usage.calls}</td>
              <td>{usage.promptTokens}</td>
              <td>{usage.completionTokens}</td>
              <td>{usage.costUsd.toFixed(4)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {usage && (
        <p className="muted">
          {usage.samples} samples · {usage.seconds.toFixed(2)} s
          {result ? ` · ${result.usage.reasoning_tokens} reasoning tokens · ${result.strategy} (${result.effort})` : ''}
        </p>
      )}
      {state.error && (
        <p role="alert" className="error">
          {state.error.code}: {state.error.message}
        </p>
      )}
    </section>
  );
}

/** The selected thought's full text. */
export function ThoughtDetail({ thought }: { thought: TreeThought | undefined }) {
  return (
    <section className="panel" aria-label="Selected thought">
      <h3>{thought ? thought.label : 'Thought'}</h3>
      {thought ? (
        <pre className="thought-text">{thought.text || '…'}</pre>
      ) : (
        <p className="muted">Select a node (click, or Tab then Enter).</p>
      )}
    </section>
  );
}
