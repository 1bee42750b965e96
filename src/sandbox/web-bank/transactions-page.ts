// The web bank's transactions page (sandbox.md §4.4) as a function of its request: which
// persona, account, day, range and page, for which bank and session. Pure, so it can be rendered
// anywhere — in the request, or ahead of it on the page thread (page-thread.ts).
import { describeAccount, listPending, listPosted, type SandboxTransaction } from '../generator.ts';
import { findPersona } from '../personas.ts';
import { transactionsPage, type BankInfo } from './pages.ts';

/** The query of §4.4's transactions page, already checked. */
export interface TransactionQuery {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly page: number;
  readonly size: number;
}

/** Everything the page depends on (structured-clonable: it crosses to the page thread). */
export interface TransactionsPageRequest {
  readonly loginId: string;
  readonly accountIndex: number;
  /** D, the bank's today. */
  readonly today: string;
  readonly query: TransactionQuery;
  readonly bank: BankInfo;
  /** The session's `_csrf`, which the page's logout form carries. */
  readonly csrf: string;
}

export function pageHref(
  bank: BankInfo,
  accountId: string,
  query: TransactionQuery,
  pageNumber: number,
): string {
  const params = new URLSearchParams();
  if (query.from !== undefined) params.set('from', query.from);
  if (query.to !== undefined) params.set('to', query.to);
  params.set('page', String(pageNumber));
  params.set('size', String(query.size));
  return `${bank.basePath}/accounts/${accountId}/transactions?${params.toString()}`;
}

/** The page's HTML, and the request of the page after it (null on the last page). */
export function renderTransactionsPage(request: TransactionsPageRequest): {
  html: string;
  next: TransactionsPageRequest | null;
} {
  const { accountIndex, today: d, query, bank } = request;
  const persona = findPersona(request.loginId);
  if (persona === undefined) throw new RangeError(`no persona ${request.loginId}`);
  const account = describeAccount(persona, accountIndex, d);
  // §4.4: pending rows only on page 1 and only when the range reaches today.
  const showPending =
    query.page === 1 &&
    (query.to === undefined || query.to >= d) &&
    (query.from === undefined || query.from <= d);
  const pending: SandboxTransaction[] = showPending ? listPending(persona, accountIndex, d) : [];
  const offset = (query.page - 1) * query.size;
  const posted = listPosted(persona, accountIndex, d, {
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
    listDuplicates: true,
    offset,
    limit: query.size,
  });
  const hasNext = offset + posted.items.length < posted.total;
  const html = transactionsPage(
    bank,
    {
      account,
      pending,
      posted: posted.items,
      page: query.page,
      previousHref: query.page > 1 ? pageHref(bank, account.id, query, query.page - 1) : null,
      nextHref: hasNext ? pageHref(bank, account.id, query, query.page + 1) : null,
    },
    request.csrf,
  );
  return {
    html,
    next: hasNext ? { ...request, query: { ...query, page: query.page + 1 } } : null,
  };
}
