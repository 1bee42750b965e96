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
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
}
