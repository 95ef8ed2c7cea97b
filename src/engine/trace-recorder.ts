/** @module Records events (with their time) and thoughts of one request, and forwards each event to a sink. */
import type { EventSink, Thought, ThoughtRole, Trace, TraceEvent } from '../spec/index.js';

/** Builds one request's trace while forwarding events as they happen. */
export interface TraceRecorder {
  readonly trace: Trace;
  emit(event: TraceEvent): void;
  startThought(role: ThoughtRole, label: string, parentId?: string | null): string;
  endThought(id: string, fields: Omit<Thought, 'id' | 'parentId' | 'role' | 'label'>): void;
  /** Ids of thoughts started and not yet ended. */
  openThoughts(): string[];
}

/** Creates a recorder; `sink` sees every event right after it is recorded. */
export function createTraceRecorder(sink?: EventSink, now: () => number = Date.now): TraceRecorder {
  const started = now();
  const trace: Trace = { thoughts: [], events: [] };
  const open = new Map<string, Pick<Thought, 'id' | 'parentId' | 'role' | 'label'>>();
  let counter = 0;
  const emit = (event: TraceEvent) => {
    trace.events.push({ ...event, at: now() - started });
    sink?.(event);
  };
  return {
    trace,
    emit,
    startThought(role, label, parentId = null) {
      counter += 1;
      const id = `t${counter}`;
      open.set(id, { id, parentId, role, label });
      emit({ type: 'thought-start', id, parentId, role, label });
      return id;
    },
    endThought(id, fields) {
      const header = open.get(id);
      if (!header) return;
      open.delete(id);
      trace.thoughts.push({ ...header, ...fields });
      emit({
        type: 'thought-end',
        id,
        text: fields.text,
        ...(fields.answer === undefined ? {} : { answer: fields.answer }),
        ...(fields.tokens === undefined ? {} : { tokens: fields.tokens }),
      });
    },
    openThoughts: () => [...open.keys()],
  };
}
