import { join } from 'node:path';
import { result, timeServeUntilReady, type Bench } from './support.ts';

const samples = 3;
const encryptionKey = 'LS3nO6bS2q1o3JxKfGlrH2x8wzqjPZ1c9pXc3yH9T6c=';

/**
 * `start.cold`: `serve` on an empty data directory (or empty database) until `/readyz` is 200;
 * `start.warm`: the same on one that already holds everything.
 */
export const startBench: Bench = async (context) => {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < samples; i++) {
    const dataDir = join(context.tempDir(), 'data');
    const env: Record<string, string> = {
      TRIBUTARY_DATA_DIR: dataDir,
      TRIBUTARY_ENCRYPTION_KEY: encryptionKey,
    };
    if (context.driver === 'postgres') env.DATABASE_URL = await context.createDatabase();
    cold.push(await timeServeUntilReady(env));
    warm.push(await timeServeUntilReady(env));
  }
  return [
    result('start.cold', context.driver, cold, 's'),
    result('start.warm', context.driver, warm, 's'),
  ];
};
