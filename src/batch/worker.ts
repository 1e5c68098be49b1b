/** A build worker: fonts and compiled templates stay loaded across the jobs it is given. */
import { parentPort } from 'node:worker_threads';
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
      problem: `内部错误：${error instanceof Error ? error.message : String(error)}`,
    });
  }
});
