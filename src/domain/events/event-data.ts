import type { BusinessAddress, User } from '../users/users-types.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function date(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function address(value: unknown): BusinessAddress | null {
  if (!isObject(value)) return null;
  return {
    addressLine1: text(value.addressLine1),
    addressLine2: text(value.addressLine2),
    suburb: text(value.suburb),
    state: text(value.state),
    postcode: text(value.postcode),
    countryCode: text(value.countryCode),
  };
}

/**
 * The user held by a `user.created` / `user.updated` event's data (`{user}`, written by the users
 * service with Dates serialised by JSON), or null when the data is not such a snapshot.
 */
export function readUserSnapshot(data: Json): User | null {
  const user = data.user;
  if (!isObject(user)) return null;
  const id = text(user.id);
  const applicationId = text(user.applicationId);
  const createdAt = date(user.createdAt);
  if (id === null || applicationId === null || createdAt === null) return null;
  const idType = user.businessIdNoType;
  return {
    id,
    applicationId,
    email: text(user.email),
    mobile: text(user.mobile),
    firstName: text(user.firstName),
    middleName: text(user.middleName),
    lastName: text(user.lastName),
    businessName: text(user.businessName),
    businessIdNo: text(user.businessIdNo),
    businessIdNoType: idType === 'ABN' || idType === 'ACN' ? idType : null,
    businessAddress: address(user.businessAddress),
    verificationStatus:
      typeof user.verificationStatus === 'boolean' ? user.verificationStatus : null,
    verificationDate: date(user.verificationDate),
    externalId: text(user.externalId),
    createdAt,
  };
}

/**
 * The connection an event concerns, read as the `connection.id` filter reads it: the entity
 * itself, `data.connectionId`, `data.connection` (an id, or an object with `id`). Null when none
 * (or several, as a consent's arrangements may name).
 */
export function connectionIdOf(event: {
  entity: string;
  entityId: string;
  data: Json;
}): string | null {
  if (event.entity === 'connection') return event.entityId;
  const { connectionId, connection } = event.data;
  if (typeof connectionId === 'string') return connectionId;
  if (typeof connection === 'string') return connection;
  if (isObject(connection) && typeof connection.id === 'string') return connection.id;
  return null;
}
