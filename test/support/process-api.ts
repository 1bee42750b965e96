// A minimal client of a Tributary process started by a test (spawnTributary): mints a token with
// the process's API key and calls the API with it, as an application would.
import { setTimeout as sleep } from 'node:timers/promises';

export interface JobView {
  status: string;
  steps: { status: string; result: Record<string, unknown> | null }[];
  links: { source: string };
}

export class ProcessApi {
  token = '';

  constructor(
    readonly port: number,
    readonly apiKey: string,
  ) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> =
      path === '/token'
        ? { authorization: `Basic ${this.apiKey}`, 'basiq-version': '3.0' }
        : { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }

  /** Mints a token with the API key; returns the answer's status. */
  async login(): Promise<number> {
    const minted = await this.call<{ access_token?: string }>('POST', '/token');
    this.token = minted.body?.access_token ?? '';
    return minted.status;
  }

  /** Polls a job until it is no longer in progress. */
  async finishedJob(jobId: string, timeoutMs = 300_000): Promise<JobView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.call<JobView>('GET', `/jobs/${jobId}`);
      if (job.body.status !== 'in-progress') return job.body;
      if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish`);
      await sleep(100);
    }
  }

  /** A new user with a connection of `login` at `institution`, once its first job finished. */
  async connect(
    login: { loginId: string; password: string; institution: string },
    email = `${login.loginId}@example.test`,
  ): Promise<{ userId: string; connectionId: string; job: JobView }> {
    const user = await this.call<{ id: string }>('POST', '/users', { email });
    const created = await this.call<{ id: string }>('POST', `/users/${user.body.id}/connections`, {
      loginId: login.loginId,
      password: login.password,
      institution: { id: login.institution },
    });
    const job = await this.finishedJob(created.body.id);
    return {
      userId: user.body.id,
      connectionId: job.links.source.split('/').at(-1) ?? '',
      job,
    };
  }
}
