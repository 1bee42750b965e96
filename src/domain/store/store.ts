import type { ApplicationsRepository } from '../applications/applications-types.ts';
import type {
  AccountsRepository,
  ConnectionsRepository,
  JobsRepository,
  TransactionsRepository,
} from '../connections/connection-types.ts';
import type { BreakersRepository } from '../connections/institution-health.ts';
import type { EventsRepository } from '../events/events-types.ts';
import type { UsersRepository } from '../users/users-types.ts';

/**
 * The repositories the domain works with. `transaction` hands the function the same set bound to
 * one transaction, so a change and its event commit together.
 */
export interface Store {
  applications: ApplicationsRepository;
  users: UsersRepository;
  events: EventsRepository;
  connections: ConnectionsRepository;
  jobs: JobsRepository;
  accounts: AccountsRepository;
  transactions: TransactionsRepository;
  breakers: BreakersRepository;
  transaction<T>(fn: (store: Store) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface TransactionOptions {
  /**
   * False: the commit does not wait for the database to flush it to disk. A database crash can
   * then lose the transaction (never half of it, and nothing committed after it survives either),
   * so only for writes that a later durable commit depends on, such as a job's batches of
   * transactions before the job's success. Ignored by a nested transaction.
   */
  durable?: boolean;
}
