// A cookie-keeping client of the sandbox web bank (sandbox.md §4), as a person's browser would be.
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  $: cheerio.CheerioAPI;
  location: string | null;
}

/** A browser for one bank: keeps its cookies, follows nothing by itself. */
export class BankBrowser {
  readonly cookies = new Map<string, string>();
  readonly setCookies: string[] = [];

  constructor(
    readonly server: () => string,
    readonly slug: string,
  ) {}

  get base(): string {
    return `/sandbox/web/${this.slug}`;
  }

  async request(
    method: string,
    path: string,
    form?: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Page> {
    const baseUrl = this.server();
    const url = path.startsWith('/') ? `${baseUrl}${path}` : `${baseUrl}${this.base}/${path}`;
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    let body: string | undefined;
    if (form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual', signal });
    for (const line of response.headers.getSetCookie()) {
      this.setCookies.push(line);
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      $: cheerio.load(text),
      location: response.headers.get('location'),
    };
  }

  get(path: string): Promise<Page> {
    return this.request('GET', path);
  }

  post(path: string, form: Record<string, string>): Promise<Page> {
    return this.request('POST', path, form);
  }

  /** GET the login page and submit its form. */
  async login(loginId: string, password: string): Promise<Page> {
    const form = await this.get('login');
    assert.equal(form.status, 200);
    const csrf = form.$('form#login-form input[name="_csrf"]').val();
    assert.equal(typeof csrf, 'string');
    return this.post('login', { loginId, password, _csrf: String(csrf) });
  }

  /** Log in and expect to land on `expected` (a page under the bank's base path). */
  async loginTo(loginId: string, password: string, expected: string): Promise<void> {
    const page = await this.login(loginId, password);
    assert.equal(page.status, 303, page.text);
    assert.equal(page.location, `${this.base}/${expected}`);
  }

  async csrfOf(path: string, formSelector: string): Promise<string> {
    const page = await this.get(path);
    assert.equal(page.status, 200, page.text);
    return String(page.$(`${formSelector} input[name="_csrf"]`).val());
  }
}
