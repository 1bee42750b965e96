import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PageRenderer } from '../../src/sandbox/web-bank/page-renderer.ts';
import {
  renderTransactionsPage,
  type TransactionsPageRequest,
} from '../../src/sandbox/web-bank/transactions-page.ts';

const first: TransactionsPageRequest = {
  loginId: 'scenario-huge',
  accountIndex: 1,
  today: '2026-11-30',
  query: { from: undefined, to: undefined, page: 1, size: 500 },
  bank: { name: 'Sandbox Bank', basePath: '/sandbox/web/sandbox-bank' },
  csrf: 'csrf-one',
};

function pageOf(request: TransactionsPageRequest, page: number): TransactionsPageRequest {
  return { ...request, query: { ...request.query, page } };
}

function text(body: Buffer | string): string {
  return typeof body === 'string' ? body : body.toString('utf8');
}

describe('the web bank page thread (sandbox.md §4.4)', () => {
  const renderer = new PageRenderer();
  before(() => renderer.start());
  after(() => renderer.close());

  test('pages from the thread, rendered ahead or not, are the pages rendered here', async () => {
    for (let page = 1; page <= 4; page += 1) {
      const body = await renderer.transactions(pageOf(first, page));
      assert.ok(Buffer.isBuffer(body), 'the page thread answered');
      assert.equal(text(body), renderTransactionsPage(pageOf(first, page)).html, `page ${page}`);
    }
    // Out of order, and again: still the same pages.
    for (const page of [3, 1, 3]) {
      const body = await renderer.transactions(pageOf(first, page));
      assert.equal(text(body), renderTransactionsPage(pageOf(first, page)).html, `page ${page}`);
    }
  });

  test('a page rendered ahead is never served for another day, session or range', async () => {
    await renderer.transactions(first); // page 2 is now rendered ahead for this request
    for (const other of [
      { ...pageOf(first, 2), today: '2026-12-01' },
      { ...pageOf(first, 2), csrf: 'csrf-two' },
      { ...pageOf(first, 2), query: { ...first.query, page: 2, to: '2026-11-01' } },
    ]) {
      const body = text(await renderer.transactions(other));
      assert.equal(body, renderTransactionsPage(other).html);
      assert.notEqual(body, renderTransactionsPage(pageOf(first, 2)).html);
    }
  });

  test('a request the bank cannot render is refused with its error', async () => {
    await assert.rejects(renderer.transactions({ ...first, loginId: 'nobody-at-all' }), {
      name: 'RangeError',
      message: /nobody-at-all/,
    });
  });

  test('until its thread is up, and once closed, the renderer renders here, the same pages', async () => {
    const alone = new PageRenderer();
    const body = await alone.transactions(pageOf(first, 2));
    assert.equal(typeof body, 'string');
    assert.equal(body, renderTransactionsPage(pageOf(first, 2)).html);
    assert.equal(await alone.start(), true);
    await alone.close();
    assert.equal(await alone.start(), false, 'a closed renderer starts no thread');
    assert.equal(
      text(await alone.transactions(pageOf(first, 3))),
      renderTransactionsPage(pageOf(first, 3)).html,
    );
  });
});
