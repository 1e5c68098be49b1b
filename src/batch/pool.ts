/** Builds many sources on a pool of worker threads sized to the cores; results as they finish. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BuildJob, BuildOutcome } from './job.js';

export async function runPool(jobs: readonly BuildJob[], onOutcome: (outcome: BuildOutcome) => void, size = availableParallelism()): Promise<void> {
  const queue = [...jobs];
  const workers = Array.from({ length: Math.max(1, Math.min(size, jobs.length)) }, () => new Worker(new URL('./worker.js', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const job = queue.shift();
              if (!job) return resolve();
              worker.postMessage(job);
            };
            worker.on('message', (outcome: BuildOutcome) => {
              onOutcome(outcome);
              next();
            });
            worker.on('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
