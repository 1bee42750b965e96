import type { Store } from '../domain/store/store.ts';
import type {
  AccountsRepository,
  ConnectionsRepository,
} from '../domain/connections/connection-types.ts';
import type { User, UsersRepository, UserWithReferences } from '../domain/users/users-types.ts';
import type { Database, Queryable } from './database.ts';
import { isUuid } from '../kernel/ids.ts';
import { ReadBatch } from './read-batch.ts';
import { ReadCache } from './read-cache.ts';
import { createAccountsRepository } from './repositories/accounts-repository.ts';
import { createApplicationsRepository } from './repositories/applications-repository.ts';
import { createBreakersRepository } from './repositories/breakers-repository.ts';
import { createConnectionsRepository } from './repositories/connections-repository.ts';
import { createEventsRepository } from './repositories/events-repository.ts';
import { createJobsRepository } from './repositories/jobs-repository.ts';
import { createTransactionsRepository } from './repositories/transactions-repository.ts';
import {
  createUsersRepository,
  findUsers,
  findUsersWithReferences,
} from './repositories/users-repository.ts';

const userKey = (applicationId: string, id: string) => `${applicationId}:${id}`;

/**
 * Users read through a cache (single-process databases only). Reads inside a transaction bypass
 * it; writes invalidate at once and again when their transaction ends (`afterTransaction`), so
 * neither an uncommitted nor a rolled-back row is ever served.
 */
/** The caches of a single-process database: users, and a user with its references by user id. */
interface Caches {
  users: ReadCache<User | null>;
  references: ReadCache<UserWithReferences | null>;
}

/** Invalidation now and again when the transaction ends. */
type Invalidate = (fn: () => void) => void;

function cachedUsers(
  inner: UsersRepository,
  caches: Caches,
  inTransaction: boolean,
  twice: Invalidate,
): UsersRepository {
  const cache = caches.users;
  const invalidate = (applicationId: string, id: string) => {
    const key = userKey(applicationId, id);
    twice(() => {
      cache.invalidate(key);
      caches.references.invalidate(id);
    });
  };
  return {
    ...inner,
    async findWithReferences(applicationId, id) {
      if (inTransaction) return inner.findWithReferences(applicationId, id);
      const hit = caches.references.get(id);
      if (hit !== undefined) return hit?.user.applicationId === applicationId ? hit : null;
      const version = caches.references.version(id);
      const found = await inner.findWithReferences(applicationId, id);
      // Only a found user is cached: its entry says which application it belongs to.
      if (found) caches.references.fill(id, found, version);
      return found;
    },
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
 * User reads outside a transaction, coalesced per turn of the event loop into one query (databases
 * shared by several processes, where a cache could serve stale rows; ADR 0006). Each answer comes
 * from a statement sent after its read was asked for, so it is as fresh as an unbatched read.
 */
function batchedUsers(inner: UsersRepository, db: Queryable): UsersRepository {
  type Key = { applicationId: string; id: string };
  const users = new ReadBatch<Key, User | null>({
    one: (key) => inner.find(key.applicationId, key.id),
    many: (keys) => findUsers(db, keys),
  });
  const detailed = new ReadBatch<Key, UserWithReferences | null>({
    one: (key) => inner.findWithReferences(key.applicationId, key.id),
    many: (keys) => findUsersWithReferences(db, keys),
  });
  // Anything but canonical ids keeps its own statement: it cannot fail the others' query.
  const canonical = (applicationId: string, id: string) => isUuid(applicationId) && isUuid(id);
  return {
    ...inner,
    find(applicationId, id) {
      if (!canonical(applicationId, id)) return inner.find(applicationId, id);
      return users.load({ applicationId, id });
    },
    findWithReferences(applicationId, id) {
      if (!canonical(applicationId, id)) return inner.findWithReferences(applicationId, id);
      return detailed.load({ applicationId, id });
    },
  };
}

/** Connection writes change what a user lists (`GET /users/{id}`). */
function invalidatingConnections(
  inner: ConnectionsRepository,
  caches: Caches,
  twice: Invalidate,
): ConnectionsRepository {
  const drop = (userId: string) => twice(() => caches.references.invalidate(userId));
  return {
    ...inner,
    async insert(connection) {
      drop(connection.userId);
      await inner.insert(connection);
    },
    async update(connection, options) {
      drop(connection.userId);
      await inner.update(connection, options);
    },
  };
}

/** Account writes change what a user lists; a purge names no user, so it forgets everything. */
function invalidatingAccounts(
  inner: AccountsRepository,
  caches: Caches,
  twice: Invalidate,
): AccountsRepository {
  return {
    ...inner,
    async insert(account) {
      twice(() => caches.references.invalidate(account.userId));
      await inner.insert(account);
    },
    async deleteForConnection(connectionId) {
      twice(() => caches.references.invalidateAll());
      return inner.deleteForConnection(connectionId);
    },
  };
}

/**
 * The domain's `Store` over the storage port. A nested `transaction` joins the open one. On a
 * database only this process uses, user reads are cached (the hot path of the embedded mode).
 */
export function createStore(database: Database): Store {
  const caches: Caches | null = database.capabilities.multiProcess
    ? null
    : {
        users: new ReadCache<User | null>(),
        references: new ReadCache<UserWithReferences | null>(),
      };

  function bind(
    db: Queryable,
    transaction: Store['transaction'],
    tx: { pending: (() => void)[] } | null,
  ): Store {
    const users = createUsersRepository(db);
    const connections = createConnectionsRepository(db);
    const accounts = createAccountsRepository(db);
    // Now, and again once the transaction ends (or on the next microtask outside one).
    const twice: Invalidate = (fn) => {
      fn();
      if (tx) tx.pending.push(fn);
      else queueMicrotask(fn);
    };
    return {
      applications: createApplicationsRepository(db),
      users: caches
        ? cachedUsers(users, caches, tx !== null, twice)
        : tx
          ? users
          : batchedUsers(users, db),
      events: createEventsRepository(db, { serialised: !database.capabilities.multiProcess }),
      connections: caches ? invalidatingConnections(connections, caches, twice) : connections,
      jobs: createJobsRepository(db, { serialised: !database.capabilities.multiProcess }),
      accounts: caches ? invalidatingAccounts(accounts, caches, twice) : accounts,
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
