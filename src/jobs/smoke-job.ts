import type { JobHandler, QueueDefinition } from '../domain/jobs/job-queue.ts';

/** A diagnostic job: proves the queue end to end (claimed once, run once, by some worker). */
export interface SmokeJobData {
  /** Caller's key for this job, recorded with the run. */
  key: string;
  /** Milliseconds to hold the job before recording it (to observe shutdown and release). */
  holdMs?: number;
}

export const smokeQueue: QueueDefinition = {
  name: 'queue-smoke',
  retryLimit: 2,
  retryDelayS: 1,
  leaseS: 60,
};

export function createSmokeJobHandler(deps: {
  recordRun(key: string, worker: string): Promise<void>;
  workerName: string;
}): JobHandler<SmokeJobData> {
  return async ({ data, signal }) => {
    if (data.holdMs && data.holdMs > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, data.holdMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted by shutdown'));
        });
      });
    }
    await deps.recordRun(data.key, deps.workerName);
  };
}
