import type { Filter } from '../filters/filter.ts';

export interface BusinessAddress {
  addressLine1: string | null;
  addressLine2: string | null;
  suburb: string | null;
  state: string | null;
  postcode: string | null;
  countryCode: string | null;
}

/** A user as stored (api.md §7.1); presenters add `name`, links and the nested lists. */
export interface User {
  id: string;
  applicationId: string;
  email: string | null;
  mobile: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  businessName: string | null;
  businessIdNo: string | null;
  businessIdNoType: 'ABN' | 'ACN' | null;
  businessAddress: BusinessAddress | null;
  verificationStatus: boolean | null;
  verificationDate: Date | null;
  externalId: string | null;
  createdAt: Date;
}

/** A user and what `GET /users/{id}` lists under it (api.md §7.1), in creation order. */
export interface UserWithReferences {
  user: User;
  connectionIds: string[];
  accountIds: string[];
}

/** The fields a client may set. */
export type UserFields = Omit<User, 'id' | 'applicationId' | 'createdAt'>;

/** A keyset position in a list ordered by creation time, then id. */
export interface CreatedPosition {
  createdAt: string;
  id: string;
}

export interface UsersRepository {
  insert(user: User): Promise<void>;
  find(applicationId: string, id: string): Promise<User | null>;
  /** The user with the ids of its live connections and of its accounts, in one read. */
  findWithReferences(applicationId: string, id: string): Promise<UserWithReferences | null>;
  update(user: User): Promise<void>;
  delete(applicationId: string, id: string, at: Date): Promise<boolean>;
  wasDeleted(applicationId: string, id: string): Promise<boolean>;
  externalIdTaken(
    applicationId: string,
    externalId: string,
    exceptId: string | null,
  ): Promise<boolean>;
  list(
    applicationId: string,
    filter: Filter,
    after: CreatedPosition | null,
    limit: number,
  ): Promise<{ rows: User[]; size: number }>;
}
