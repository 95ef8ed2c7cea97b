/** @module Replays a stored job's trace step by step: a scrubber over its events rebuilds the tree at that point. */
import { useEffect, useMemo, useState } from 'react';
import type { TraceEvent } from '../../src/spec/index.js';
import { getJson } from './api.js';
import { AnswerPanel, BudgetMeter, ThoughtDetail, VotePanel } from './panels.js';
import { traceAt } from './trace-state.js';
import { TreeView } from './tree-view.js';

/** GET /v1/slowthink/runs/:id/trace. */
export interface StoredTrace {
  problem?: { id: string; question: string; answer?: string; level?: number };
  config: string;
  result?: { answer?: string; correct: boolean; completionTokens: number; seconds: number; error: string | null };
  events: Array<TraceEvent & { at?: number }>;
}

/** Loads a job's trace; undefined while loading. */
export function useStoredTrace(runId: string, problemId: string, config: string): StoredTrace | string | undefined {
  const [trace, setTrace] = useState<StoredTrace | string | undefined>();
  useEffect(() => {
    const abort = new AbortController();
    setTrace(undefined);
    const query = new URLSearchParams({ problem: problemId, config });
    getJson<StoredTrace>(`/v1/slowthink/runs/${encodeURIComponent(runId)}/trace?${query}`, abort.signal)
      .then(setTrace)
      .catch((error: Error) => {
        if (!abort.signal.aborted) setTrace(error.message);
      });
    return () => abort.abort();
  }, [runId, problemId, config]);
  return trace;
}

/** The scrubber and the tree at its position; `compact` leaves out the side panels (compare view). */
export function Replay({ trace, compact = false, title }: { trace: StoredTrace; compact?: boolean; title: string }) {
  const total = trace.events.length;
  const [position, setPosition] = useState(total);
  const [playing, setPlaying] = useState(false);
  const [selected, setSelected] = useState<string | undefined>();
  useEffect(() => setPosition(total), [total]);
  useEffect(() => {
    if (!playing) return;
    if (position >= total) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setPosition((current) => Math.min(total, current + 1)), 60);
    return () => clearTimeout(timer);
  }, [playing, position, total]);
  const state = useMemo(() => traceAt(trace.events, position), [trace, position]);
  const at = trace.events[position - 1]?.at;
  const question = trace.problem?.question ?? '';
  return (
    <section className={`replay${compact ? ' replay-compact' : ''}`} aria-label={title}>
      <div className="replay-head">
        <strong>{title}</strong>
        <span className="muted">
          {trace.config} · reference {trace.problem?.answer ?? '—'} · {trace.result?.correct ? 'correct' : 'not correct'}
        </span>
      </div>
      <div className="scrubber">
        <button type="button" onClick={() => setPosition(0)} aria-label="Go to start">
          Start
        </button>
        <button
          type="button"
          onClick={() => {
            if (position >= total) setPosition(0);
            setPlaying(!playing);
          }}
          aria-label={playing ? 'Pause' : 'Play'}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <input
          type="range"
          min={0}
          max={total}
          value={position}
          onChange={(event) => {
            setPlaying(false);
            setPosition(Number(event.target.value));
          }}
          aria-label={`${title}: event`}
          aria-valuetext={`event ${position} of ${total}`}
          data-testid="scrubber"
        />
        <span className="muted" data-testid="scrubber-position">
          {position} / {total} events{at !== undefined ? ` · ${(at / 1000).toFixed(2)} s` : ''}
        </span>
      </div>
      <div className={compact ? 'workspace workspace-compact' : 'workspace'}>
        <TreeView
          state={state}
          question={question}
          selectedId={selected}
          onSelect={setSelected}
          label={`${title}: tree at event ${position}`}
        />
        {!compact && (
          <aside className="side">
            <BudgetMeter state={state} />
            <VotePanel state={state} />
            <AnswerPanel state={state} />
            <ThoughtDetail thought={selected ? state.thoughts.get(selected) : undefined} />
          </aside>
        )}
      </div>
      {compact && (
        <p className="muted">
          answer {state.answer ?? '—'} · {state.thoughts.size} thoughts · {state.used?.completionTokens ?? 0} tokens
        </p>
      )}
    </section>
  );
}

/** Loads and replays one job. */
export function StoredReplay({
  runId,
  problemId,
  config,
  compact,
  title,
}: {
  runId: string;
  problemId: string;
  config: string;
  compact?: boolean;
  title: string;
}) {
  const trace = useStoredTrace(runId, problemId, config);
  if (trace === undefined) return <p className="muted">Loading the trace…</p>;
  if (typeof trace === 'string') return <p role="alert">{trace}</p>;
  return <Replay trace={trace} compact={compact ?? false} title={title} />;
}
