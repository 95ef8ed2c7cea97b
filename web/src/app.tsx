/** @module The app shell: two tabs (Playground, Runs) in an ARIA tablist that arrow keys move through. */
import { type KeyboardEvent, useRef, useState } from 'react';
import { Playground } from './playground.js';
import { RunsView } from './runs-view.js';

const TABS = [
  { id: 'playground', label: 'Playground' },
  { id: 'runs', label: 'Runs' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function App() {
  const [tab, setTab] = useState<TabId>(location.hash === '#runs' ? 'runs' : 'playground');
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const select = (index: number) => {
    const next = TABS[(index + TABS.length) % TABS.length];
    if (!next) return;
    setTab(next.id);
    history.replaceState(null, '', `#${next.id}`);
    buttons.current[(index + TABS.length) % TABS.length]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };
  return (
    <div className="app">
      <header>
        <h1>slowthink</h1>
        <div role="tablist" aria-label="Views">
          {TABS.map((entry, index) => (
            <button
              type="button"
              key={entry.id}
              ref={(element) => {
                buttons.current[index] = element;
              }}
              role="tab"
              id={`tab-${entry.id}`}
              aria-selected={tab === entry.id}
              aria-controls={`panel-${entry.id}`}
              tabIndex={tab === entry.id ? 0 : -1}
              onClick={() => select(index)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {entry.label}
            </button>
          ))}
        </div>
      </header>
      <main role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'playground' ? <Playground /> : <RunsView />}
      </main>
    </div>
  );
}
