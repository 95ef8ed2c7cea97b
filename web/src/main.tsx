/** @module Entry: the app, or the tree benchmark when the hash asks for it. */
import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { TreeBench } from './tree-bench.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const bench = /^#bench\?nodes=(\d+)$/.exec(location.hash);
createRoot(root).render(
  bench ? (
    <TreeBench nodes={Number(bench[1])} />
  ) : (
    <StrictMode>
      <App />
    </StrictMode>
  ),
);
