import type { User } from '../../domain/users/users-types.ts';
import { toWireTime } from './time.ts';

/** `firstName middleName lastName`, empty parts skipped; null when all are empty (api.md §7.1). */
export function fullName(user: Pick<User, 'firstName' | 'middleName' | 'lastName'>): string | null {
  const parts = [user.firstName, user.middleName, user.lastName].filter(
    (p): p is string => !!p && p.trim() !== '',
  );
  return parts.length > 0 ? parts.join(' ') : null;
}

function userFields(base: string, user: User) {
  const self = `${base}/users/${user.id}`;
  return {
    type: 'user',
    id: user.id,
    email: user.email,
    mobile: user.mobile,
    firstName: user.firstName,
    middleName: user.middleName,
    lastName: user.lastName,
    name: fullName(user),
    businessName: user.businessName,
    businessIdNo: user.businessIdNo,
    businessIdNoType: user.businessIdNoType,
    businessAddress: user.businessAddress,
    verificationStatus: user.verificationStatus,
    verificationDate: user.verificationDate ? toWireTime(user.verificationDate) : null,
    externalId: user.externalId,
    createdDate: toWireTime(user.createdAt),
    links: {
      self,
      accounts: `${self}/accounts`,
      connections: `${self}/connections`,
      transactions: `${self}/transactions`,
      jobs: `${self}/jobs`,
      consents: `${self}/consents`,
    },
  };
}

interface Reference {
  id: string;
}

const nestedList = (base: string, userId: string, type: string, items: readonly Reference[]) => ({
  type: 'list',
  count: items.length,
  data: items.map((item) => ({
    type,
    id: item.id,
    links: { self: `${base}/users/${userId}/${type}s/${item.id}` },
  })),
});

/** The single-read shape: with the user's connections and accounts as references. */
export function presentUser(
  base: string,
  user: User,
  related: { connections: readonly Reference[]; accounts: readonly Reference[] } = {
    connections: [],
    accounts: [],
  },
) {
  const { links, ...fields } = userFields(base, user);
  return {
    ...fields,
    connections: nestedList(base, user.id, 'connection', related.connections),
    accounts: nestedList(base, user.id, 'account', related.accounts),
    links,
  };
}

/** The list shape: without the nested lists. */
export function presentUserInList(base: string, user: User) {
  return userFields(base, user);
}
