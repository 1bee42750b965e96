import type { Store } from '../domain/store/store.ts';
import type { Database, Queryable } from './database.ts';
import { createApplicationsRepository } from './repositories/applications-repository.ts';
import { createEventsRepository } from './repositories/events-repository.ts';
import { createUsersRepository } from './repositories/users-repository.ts';

function bind(db: Queryable, transaction: Store['transaction']): Store {
  return {
    applications: createApplicationsRepository(db),
    users: createUsersRepository(db),
    events: createEventsRepository(db),
    transaction,
  };
}

/** The domain's `Store` over the storage port. A nested `transaction` joins the open one. */
export function createStore(database: Database): Store {
  const store: Store = bind(database, (fn) =>
    database.transaction((tx) => {
      const inner: Store = bind(tx, (nested) => nested(inner));
      return fn(inner);
    }),
  );
  return store;
}
