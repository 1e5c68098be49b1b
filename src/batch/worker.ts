/** A build worker: fonts and compiled templates stay loaded across the jobs it is given. */
import { parentPort } from 'node:worker_threads';
import { unexpectedError } from '../diagnostics/internal.js';
import { type BuildJob, runJob } from './job.js';

parentPort?.on('message', async (job: BuildJob) => {
  try {
    parentPort?.postMessage(await runJob(job));
  } catch (error) {
    parentPort?.postMessage({
      file: job.file,
      diagnostics: [],
      failed: true,
      ms: 0,
      problem: ((e) => `${e.message}（${e.hint}）`)(unexpectedError(error)),
    });
  }
});
