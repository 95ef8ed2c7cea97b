/** @module The playground: ask a question, watch the tree grow from the streamed events, stop it, read the answer and ledger. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { EFFORTS, STRATEGY_NAMES } from '../../src/spec/engine.js';
import { getJson, type RunRequest, type RunResult, streamRun } from './api.js';
import { AnswerPanel, BudgetMeter, ThoughtDetail, VotePanel } from './panels.js';
import { applyEvent, emptyTrace, snapshot, type TraceState } from './trace-state.js';
import { TreeView } from './tree-view.js';

type Status = 'idle' | 'running' | 'done' | 'stopped' | 'failed';

const numberOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text));

export function Playground() {
  const [models, setModels] = useState<string[]>(['slowthink-mini', 'slowthink']);
  const [question, setQuestion] = useState('What is 48+77?');
  const [model, setModel] = useState('slowthink-mini');
  const [effort, setEffort] = useState('medium');
  const [strategy, setStrategy] = useState('');
  const [samples, setSamples] = useState('');
  const [options, setOptions] = useState('');
  const [limits, setLimits] = useState({ tokens: '', usd: '', seconds: '', calls: '' });
  const [status, setStatus] = useState<Status>('idle');
  const [message, setMessage] = useState('');
  const [state, setState] = useState<TraceState>(emptyTrace);
  const [result, setResult] = useState<RunResult | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const [asked, setAsked] = useState('');
  const controller = useRef<AbortController | undefined>(undefined);
  const live = useRef<TraceState>(emptyTrace());
  const frame = useRef<number | undefined>(undefined);

  useEffect(() => {
    getJson<{ data: Array<{ id: string }> }>('/v1/models')
      .then((list) => setModels(list.data.map((entry) => entry.id)))
      .catch(() => {});
  }, []);

  // Many events per frame (token deltas): the tree redraws at most once per animation frame.
  const schedule = () => {
    if (frame.current !== undefined) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      setState(snapshot(live.current));
    });
  };

  const run = async (event: FormEvent) => {
    event.preventDefault();
    const body: RunRequest = { model, question, effort, slowthink: {} };
    const extension = body.slowthink ?? {};
    if (strategy) extension.strategy = strategy;
    const n = numberOrUndefined(samples);
    let extra: Record<string, unknown> = {};
    try {
      extra = options.trim() === '' ? {} : (JSON.parse(options) as Record<string, unknown>);
    } catch {
      setStatus('failed');
      setMessage('Options must be a JSON object, e.g. {"beamWidth": 2}.');
      return;
    }
    if (n !== undefined || Object.keys(extra).length > 0)
      extension.options = { ...(n === undefined ? {} : { n, maxSamples: n }), ...extra };
    const maxTokens = numberOrUndefined(limits.tokens);
    const maxUsd = numberOrUndefined(limits.usd);
    const maxSeconds = numberOrUndefined(limits.seconds);
    const maxCalls = numberOrUndefined(limits.calls);
    if (maxTokens !== undefined) extension.max_tokens = maxTokens;
    if (maxUsd !== undefined) extension.max_usd = maxUsd;
    if (maxSeconds !== undefined) extension.max_seconds = maxSeconds;
    if (maxCalls !== undefined) extension.max_calls = maxCalls;
    live.current = emptyTrace();
    setState(emptyTrace());
    setResult(undefined);
    setSelected(undefined);
    setAsked(question);
    setMessage('');
    setStatus('running');
    const abort = new AbortController();
    controller.current = abort;
    try {
      await streamRun(
        body,
        (item) => {
          if (item.type === 'event') {
            applyEvent(live.current, item.event);
            schedule();
          } else if (item.type === 'result') {
            setResult(item.result);
            setStatus('done');
          } else {
            setMessage(item.message);
            setStatus('failed');
          }
        },
        abort.signal,
      );
      setStatus((current) => (current === 'running' ? 'done' : current));
    } catch (error) {
      if (abort.signal.aborted) {
        setStatus('stopped');
        setMessage('Stopped: the server aborted the run (a server with a run store keeps its partial trace).');
      } else {
        setStatus('failed');
        setMessage(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setState(snapshot(live.current));
    }
  };

  const stop = () => controller.current?.abort();
  const running = status === 'running';

  return (
    <div className="playground">
      <form className="ask-form" onSubmit={run} aria-label="Ask">
        <label className="wide">
          Question
          <textarea aria-label="Question" value={question} onChange={(event) => setQuestion(event.target.value)} rows={2} required />
        </label>
        <label>
          Model
          <select aria-label="Model" value={model} onChange={(event) => setModel(event.target.value)}>
            {models.map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
        <label>
          Effort
          <select aria-label="Effort" value={effort} onChange={(event) => setEffort(event.target.value)}>
            {EFFORTS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Strategy
          <select aria-label="Strategy" value={strategy} onChange={(event) => setStrategy(event.target.value)}>
            <option value="">(the effort's)</option>
            {STRATEGY_NAMES.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          Samples
          <input
            aria-label="Samples"
            inputMode="numeric"
            value={samples}
            onChange={(event) => setSamples(event.target.value)}
            placeholder="n"
            size={4}
          />
        </label>
        <label>
          Options
          <input
            aria-label="Options"
            value={options}
            onChange={(event) => setOptions(event.target.value)}
            placeholder='{"beamWidth": 2}'
            size={16}
            spellCheck={false}
          />
        </label>
        {(['tokens', 'usd', 'seconds', 'calls'] as const).map((limit) => (
          <label key={limit}>
            Max {limit}
            <input
              aria-label={`Max ${limit}`}
              inputMode="decimal"
              value={limits[limit]}
              onChange={(event) => setLimits({ ...limits, [limit]: event.target.value })}
              size={6}
              placeholder="none"
            />
          </label>
        ))}
        <div className="buttons">
          <button type="submit" disabled={running}>
            Think
          </button>
          <button type="button" onClick={stop} disabled={!running}>
            Stop
          </button>
          <span role="status" data-testid="run-status" data-status={status} className={`status status-${status}`}>
            {status === 'idle' ? '' : status}
            {message ? ` · ${message}` : ''}
          </span>
        </div>
      </form>
      <div className="workspace">
        <TreeView state={state} question={asked} selectedId={selected} onSelect={setSelected} label="Tree of thoughts" />
        <aside className="side">
          <BudgetMeter state={state} />
          <VotePanel state={state} />
          <AnswerPanel state={state} result={result} />
          <ThoughtDetail thought={selected ? state.thoughts.get(selected) : undefined} />
        </aside>
      </div>
    </div>
  );
}
