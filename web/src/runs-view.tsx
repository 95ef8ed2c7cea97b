/** @module The run browser: stored bench runs and ask/API traces; a run's plots, its problems filtered, replay and compare. */
import { type KeyboardEvent, useEffect, useState } from 'react';
import { getJson } from './api.js';
import { type ConfigSummary, RunPlots } from './plots.js';
import { StoredReplay } from './replay.js';

interface RunRow {
  id: string;
  kind: 'bench' | 'trace';
  source: string;
  created_at: string;
  status: string;
  task: string;
  model: string;
  job_count: number;
  finished?: number;
  correct?: number;
}

interface Job {
  problemId: string;
  config: string;
  answer?: string;
  correct: boolean;
  completionTokens: number;
  seconds: number;
  error: string | null;
  stoppedBy: string | null;
  problem?: { question: string; answer?: string; level?: number };
}

/** Rows that ArrowUp/ArrowDown move between and Enter opens (a grid-less list: one tab stop per row). */
function rowKeys(event: KeyboardEvent<HTMLTableRowElement>, open: () => void) {
  const row = event.currentTarget;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    open();
  } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
    if (next instanceof HTMLElement) next.focus();
  }
}

function RunList({ onOpen }: { onOpen: (id: string) => void }) {
  const [runs, setRuns] = useState<RunRow[] | string | undefined>();
  const [kind, setKind] = useState('all');
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    if (loads < 0) return; // read so that Refresh (which bumps it) reloads
    getJson<{ data: RunRow[] }>('/v1/slowthink/runs')
      .then((list) => setRuns(list.data))
      .catch((error: Error) => setRuns(error.message));
  }, [loads]);
  if (runs === undefined) return <p className="muted">Loading runs…</p>;
  if (typeof runs === 'string') return <p role="alert">{runs}</p>;
  const shown = runs.filter((run) => kind === 'all' || run.kind === kind);
  return (
    <section aria-label="Stored runs">
      <div className="toolbar">
        <label>
          Show
          <select aria-label="Show" value={kind} onChange={(event) => setKind(event.target.value)}>
            <option value="all">all runs</option>
            <option value="bench">bench runs</option>
            <option value="trace">ask / API traces</option>
          </select>
        </label>
        <button type="button" onClick={() => setLoads(loads + 1)}>
          Refresh
        </button>
        <span className="muted">{shown.length} runs · ↑↓ to move, Enter to open</span>
      </div>
      <table className="runs" aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">run</th>
            <th scope="col">kind</th>
            <th scope="col">task</th>
            <th scope="col">model</th>
            <th scope="col">jobs</th>
            <th scope="col">correct</th>
            <th scope="col">status</th>
            <th scope="col">created</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((run) => (
            <tr
              key={run.id}
              tabIndex={0}
              data-testid="run-row"
              data-kind={run.kind}
              aria-label={`Open run ${run.id}`}
              onClick={() => onOpen(run.id)}
              onKeyDown={(event) => rowKeys(event, () => onOpen(run.id))}
            >
              <td>{run.id}</td>
              <td>{run.kind === 'trace' ? run.source : 'bench'}</td>
              <td>{run.task}</td>
              <td>{run.model}</td>
              <td>
                {run.finished ?? 0}/{run.job_count}
              </td>
              <td>{run.kind === 'bench' ? run.correct : '—'}</td>
              <td>{run.status}</td>
              <td>{new Date(run.created_at).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RunDetail({ runId, onBack }: { runId: string; onBack: () => void }) {
  const [detail, setDetail] = useState<{ run: RunRow; configs: string[] } | string | undefined>();
  const [plots, setPlots] = useState<ConfigSummary[]>([]);
  const [jobs, setJobs] = useState<{ total: number; data: Job[] }>({ total: 0, data: [] });
  const [filter, setFilter] = useState({ q: '', config: '', correct: '', level: '' });
  const [replay, setReplay] = useState<{ problemId: string; config: string } | undefined>();
  const [compare, setCompare] = useState<{ a: string; b: string }>({ a: '', b: '' });
  const base = `/v1/slowthink/runs/${encodeURIComponent(runId)}`;
  useEffect(() => {
    getJson<{ run: RunRow; configs: string[] }>(base)
      .then((value) => {
        setDetail(value);
        setCompare({ a: value.configs[0] ?? '', b: value.configs[1] ?? value.configs[0] ?? '' });
      })
      .catch((error: Error) => setDetail(error.message));
    getJson<{ configs: ConfigSummary[] }>(`${base}/plots`)
      .then((value) => setPlots(value.configs))
      .catch(() => setPlots([]));
  }, [base]);
  useEffect(() => {
    const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== ''));
    getJson<{ total: number; data: Job[] }>(`${base}/jobs?${query}`)
      .then(setJobs)
      .catch(() => setJobs({ total: 0, data: [] }));
  }, [base, filter]);
  if (detail === undefined) return <p className="muted">Loading the run…</p>;
  if (typeof detail === 'string') return <p role="alert">{detail}</p>;
  const { run, configs } = detail;
  const levels = [...new Set(jobs.data.map((job) => job.problem?.level).filter((level) => level !== undefined))];
  return (
    <section aria-label={`Run ${run.id}`}>
      <div className="toolbar">
        <button type="button" onClick={onBack}>
          ← All runs
        </button>
        <h2 data-testid="run-title">{run.id}</h2>
        <span className="muted">
          {run.kind === 'trace' ? `${run.source} trace` : 'bench run'} · {run.task} · {run.model} · {run.status}
        </span>
      </div>
      {run.kind === 'bench' && <RunPlots configs={plots} />}
      {replay && (
        <StoredReplay
          runId={run.id}
          problemId={replay.problemId}
          config={replay.config}
          title={`Replay of ${replay.problemId} under ${replay.config}`}
        />
      )}
      {replay && configs.length > 1 && (
        <section className="compare" aria-label="Compare two configurations">
          <div className="toolbar">
            <strong>Compare on {replay.problemId}:</strong>
            {(['a', 'b'] as const).map((side) => (
              <label key={side}>
                {side === 'a' ? 'left' : 'right'}
                <select
                  aria-label={side === 'a' ? 'Left configuration' : 'Right configuration'}
                  value={compare[side]}
                  onChange={(event) => setCompare({ ...compare, [side]: event.target.value })}
                >
                  {configs.map((config) => (
                    <option key={config}>{config}</option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <div className="side-by-side">
            <StoredReplay runId={run.id} problemId={replay.problemId} config={compare.a} compact title={`Left: ${compare.a}`} />
            <StoredReplay runId={run.id} problemId={replay.problemId} config={compare.b} compact title={`Right: ${compare.b}`} />
          </div>
        </section>
      )}
      <section className="toolbar" aria-label="Filter problems">
        <label>
          Search
          <input
            aria-label="Search"
            value={filter.q}
            onChange={(event) => setFilter({ ...filter, q: event.target.value })}
            placeholder="problem or question"
          />
        </label>
        <label>
          Config
          <select aria-label="Config" value={filter.config} onChange={(event) => setFilter({ ...filter, config: event.target.value })}>
            <option value="">all</option>
            {configs.map((config) => (
              <option key={config}>{config}</option>
            ))}
          </select>
        </label>
        <label>
          Graded
          <select aria-label="Graded" value={filter.correct} onChange={(event) => setFilter({ ...filter, correct: event.target.value })}>
            <option value="">all</option>
            <option value="true">correct</option>
            <option value="false">wrong</option>
          </select>
        </label>
        {levels.length > 0 && (
          <label>
            Level
            <select aria-label="Level" value={filter.level} onChange={(event) => setFilter({ ...filter, level: event.target.value })}>
              <option value="">all</option>
              {levels.map((level) => (
                <option key={level}>{level}</option>
              ))}
            </select>
          </label>
        )}
        <span className="muted" data-testid="job-count">
          {jobs.total} jobs
        </span>
      </section>
      <table className="runs" aria-label="Jobs">
        <thead>
          <tr>
            <th scope="col">problem</th>
            <th scope="col">question</th>
            <th scope="col">config</th>
            <th scope="col">answer</th>
            <th scope="col">reference</th>
            <th scope="col">tokens</th>
            <th scope="col">seconds</th>
          </tr>
        </thead>
        <tbody>
          {jobs.data.map((job) => {
            const open = () => setReplay({ problemId: job.problemId, config: job.config });
            return (
              <tr
                key={`${job.problemId}\u0000${job.config}`}
                tabIndex={0}
                data-testid="job-row"
                aria-label={`Replay ${job.problemId} under ${job.config}`}
                className={run.kind === 'bench' ? (job.correct ? 'row-correct' : 'row-wrong') : ''}
                onClick={open}
                onKeyDown={(event) => rowKeys(event, open)}
              >
                <td>{job.problemId}</td>
                <td className="question-cell">{job.problem?.question}</td>
                <td>{job.config}</td>
                <td>{job.error ? `error: ${job.error}` : (job.answer ?? '—')}</td>
                <td>{job.problem?.answer ?? '—'}</td>
                <td>{job.completionTokens}</td>
                <td>{job.seconds.toFixed(2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The Runs tab. */
export function RunsView() {
  const [open, setOpen] = useState<string | undefined>();
  return open ? <RunDetail runId={open} onBack={() => setOpen(undefined)} /> : <RunList onOpen={setOpen} />;
}
