// Helpers for connection tests: create a connection, follow its job, walk lists.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestApi } from './api.ts';

export interface Step {
  title: string;
  status: string;
  result: Record<string, unknown> | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Job {
  type: 'job';
  id: string;
  status: 'in-progress' | 'success' | 'failed';
  steps: Step[];
  trigger: string;
  connection: string;
  resumeAt: string | null;
  waitReason: string | null;
  created: string;
  updated: string;
  window: { from: string; to: string } | null;
  links: { self: string; source: string };
}

export interface Connection {
  type: 'connection';
  id: string;
  method: string;
  status: string;
  lastUsed: string | null;
  lastSuccessAt: string | null;
  dataAsOf: string | null;
  createdDate: string;
  mfaEnabled: boolean;
  reason: { code: string; nextAction: string; detail: string; jobId: string } | null;
  resumeAt: string | null;
  refresh: { limit: number; remaining: number; resetsAt: string | null };
  smartCache: {
    eligible: boolean;
    nextScheduledAt: string | null;
    ineligibleReason: string | null;
  };
  accounts?: { count: number; data: { id: string }[] };
  profile?: Record<string, unknown> | null;
  links: Record<string, string>;
}

export interface Transaction {
  id: string;
  status: 'posted' | 'pending';
  description: string;
  amount: string;
  balance: string | null;
  postDate: string | null;
  transactionDate: string | null;
  account: string;
  connection: string;
  pendingTransactionId: string | null;
  [field: string]: unknown;
}

/** `POST /users/{u}/connections`; returns the job id (asserting 202). */
export async function createConnection(
  api: TestApi,
  token: string,
  userId: string,
  body: Record<string, unknown>,
): Promise<string> {
  const response = await api.request<{ id: string; type: string }>(
    'POST',
    `/users/${userId}/connections`,
    { token, body },
  );
  assert.equal(response.status, 202, response.text);
  assert.equal(response.body.type, 'job');
  return response.body.id;
}

export async function getJob(api: TestApi, token: string, jobId: string): Promise<Job> {
  const response = await api.request<Job>('GET', `/jobs/${jobId}`, { token });
  assert.equal(response.status, 200, response.text);
  return response.body;
}

/** Polls the job until `done` holds (default: finished); fails after `timeoutMs`. */
export async function waitForJob(
  api: TestApi,
  token: string,
  jobId: string,
  done: (job: Job) => boolean = (job) => job.status !== 'in-progress',
  timeoutMs = 30_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(api, token, jobId);
    if (done(job)) return job;
    if (Date.now() > deadline) {
      assert.fail(`job ${jobId} did not reach the expected state: ${JSON.stringify(job)}`);
    }
    await sleep(100);
  }
}

/** Polls the job until it waits for an MFA answer (connections.md §5.3). */
export function waitForMfa(api: TestApi, token: string, jobId: string): Promise<Job> {
  return waitForJob(api, token, jobId, (job) => job.waitReason === 'mfa-response');
}

/** The connection id of a job: the last path segment of `links.source`. */
export function connectionOf(job: Job): string {
  const id = job.links.source.split('/').at(-1);
  assert.ok(id);
  return id;
}

export async function getConnection(
  api: TestApi,
  token: string,
  userId: string,
  connectionId: string,
): Promise<Connection> {
  const response = await api.request<Connection>(
    'GET',
    `/users/${userId}/connections/${connectionId}`,
    { token },
  );
  assert.equal(response.status, 200, response.text);
  return response.body;
}

/** Every transaction of a list, following `links.next` as given. */
export async function allTransactions(
  api: TestApi,
  token: string,
  path: string,
): Promise<Transaction[]> {
  const out: Transaction[] = [];
  let next: string | undefined = path;
  while (next !== undefined) {
    const response: {
      status: number;
      text: string;
      body: { data: Transaction[]; links: { next?: string } };
    } = await api.request('GET', next.startsWith('http') ? next.slice(api.base.length) : next, {
      token,
    });
    assert.equal(response.status, 200, response.text);
    out.push(...response.body.data);
    next = response.body.links.next;
  }
  return out;
}

/** Creates a connection and waits for its job to finish; returns the job and connection id. */
export async function connectAndSync(
  api: TestApi,
  token: string,
  userId: string,
  body: Record<string, unknown>,
): Promise<{ job: Job; connectionId: string }> {
  const jobId = await createConnection(api, token, userId, body);
  const job = await waitForJob(api, token, jobId);
  return { job, connectionId: connectionOf(job) };
}
