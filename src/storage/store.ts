import type { Store } from '../domain/store/store.ts';
import type { User, UsersRepository } from '../domain/users/users-types.ts';
import type { Database, Queryable } from './database.ts';
import { ReadCache } from './read-cache.ts';
import { createAccountsRepository } from './repositories/accounts-repository.ts';
import { createApplicationsRepository } from './repositories/applications-repository.ts';
import { createBreakersRepository } from './repositories/breakers-repository.ts';
import { createConnectionsRepository } from './repositories/connections-repository.ts';
import { createEventsRepository } from './repositories/events-repository.ts';
import { createJobsRepository } from './repositories/jobs-repository.ts';
import { createTransactionsRepository } from './repositories/transactions-repository.ts';
import { createUsersRepository } from './repositories/users-repository.ts';

const userKey = (applicationId: string, id: string) => `${applicationId}:${id}`;

/**
 * Users read through a cache (single-process databases only). Reads inside a transaction bypass
 * it; writes invalidate at once and again when their transaction ends (`afterTransaction`), so
 * neither an uncommitted nor a rolled-back row is ever served.
 */
function cachedUsers(
  inner: UsersRepository,
  cache: ReadCache<User | null>,
  inTransaction: boolean,
  afterTransaction: (fn: () => void) => void,
): UsersRepository {
  const invalidate = (applicationId: string, id: string) => {
    const key = userKey(applicationId, id);
    cache.invalidate(key);
    afterTransaction(() => cache.invalidate(key));
  };
  return {
    ...inner,
    async find(applicationId, id) {
      if (inTransaction) return inner.find(applicationId, id);
      const key = userKey(applicationId, id);
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const version = cache.version(key);
      const user = await inner.find(applicationId, id);
      cache.fill(key, user, version);
      return user;
    },
    async insert(user) {
      invalidate(user.applicationId, user.id);
      await inner.insert(user);
    },
    async update(user) {
      invalidate(user.applicationId, user.id);
      await inner.update(user);
    },
    async delete(applicationId, id, at) {
      invalidate(applicationId, id);
      return inner.delete(applicationId, id, at);
    },
  };
}

/**
 * The domain's `Store` over the storage port. A nested `transaction` joins the open one. On a
 * database only this process uses, user reads are cached (the hot path of the embedded mode).
 */
export function createStore(database: Database): Store {
  const cache = database.capabilities.multiProcess ? null : new ReadCache<User | null>();

  function bind(
    db: Queryable,
    transaction: Store['transaction'],
    tx: { pending: (() => void)[] } | null,
  ): Store {
    const users = createUsersRepository(db);
    return {
      applications: createApplicationsRepository(db),
      users: cache
        ? cachedUsers(users, cache, tx !== null, (fn) =>
            tx ? tx.pending.push(fn) : queueMicrotask(fn),
          )
        : users,
      events: createEventsRepository(db),
      connections: createConnectionsRepository(db),
      jobs: createJobsRepository(db),
      accounts: createAccountsRepository(db),
      transactions: createTransactionsRepository(db),
      breakers: createBreakersRepository(db),
      transaction,
    };
  }

  return bind(
    database,
    async (fn) => {
      const tx = { pending: [] as (() => void)[] };
      try {
        return await database.transaction((handle) => {
          const inner: Store = bind(handle, (nested) => nested(inner), tx);
          return fn(inner);
        });
      } finally {
        for (const after of tx.pending) after();
      }
    },
    null,
  );
}
