/** @module Bench progress: a cli-progress bar with ETA and running accuracy on a TTY, plain periodic lines otherwise. */
import cliProgress from 'cli-progress';
import type { JobRecord } from '../../store/index.js';

/** Receives each finished job. */
export interface ProgressReporter {
  update(record: JobRecord): void;
  stop(): void;
}

const duration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '?';
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.round(seconds)}s`;
};

/** Starts progress for `total` jobs of which `alreadyDone` finished earlier (resume); writes to `stream` (stderr). */
export function createProgress(
  total: number,
  options: { alreadyDone?: number; stream?: NodeJS.WriteStream; intervalSeconds?: number } = {},
): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const started = Date.now();
  let done = options.alreadyDone ?? 0;
  let fresh = 0;
  let correct = 0;
  let graded = 0;
  const accuracy = () => (graded === 0 ? '—' : `${((correct / graded) * 100).toFixed(1)}%`);
  const count = (record: JobRecord) => {
    done++;
    fresh++;
    if (record.error === null) {
      graded++;
      if (record.correct) correct++;
    }
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'bench |{bar}| {value}/{total} jobs | accuracy {accuracy} | ETA {eta_formatted} | {config}',
        stream,
        hideCursor: true,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, done, { accuracy: accuracy(), config: '' });
    return {
      update(record) {
        count(record);
        bar.update(done, { accuracy: accuracy(), config: record.config });
      },
      stop: () => bar.stop(),
    };
  }
  let lastPrinted = 0;
  const print = () => {
    const elapsed = (Date.now() - started) / 1000;
    const eta = fresh === 0 ? Number.POSITIVE_INFINITY : (elapsed / fresh) * (total - done);
    stream.write(
      `[bench] ${done}/${total} jobs (${Math.round((done / Math.max(1, total)) * 100)}%), accuracy ${accuracy()}, elapsed ${duration(elapsed)}, ETA ${duration(eta)}\n`,
    );
    lastPrinted = Date.now();
  };
  return {
    update(record) {
      count(record);
      if (Date.now() - lastPrinted >= (options.intervalSeconds ?? 10) * 1000 || done === total) print();
    },
    stop: () => {
      if (fresh > 0 && Date.now() - lastPrinted > 0 && done !== total) print();
    },
  };
}
