import type { Clock } from '../../kernel/clock.ts';
import { AppError, type ErrorItem } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordConnectionEvent } from '../connections/connection-events.ts';
import { recordEvent } from '../events/events-service.ts';
import type { Filter } from '../filters/filter.ts';
import type { Store } from '../store/store.ts';
import type {
  BusinessAddress,
  CreatedPosition,
  User,
  UserFields,
  UserWithReferences,
} from './users-types.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const mobilePattern = /^\+[1-9][0-9]{7,14}$/;
const nameFields = ['firstName', 'middleName', 'lastName'] as const;
const addressFields = [
  'addressLine1',
  'addressLine2',
  'suburb',
  'state',
  'postcode',
  'countryCode',
] as const;

type Body = Record<string, unknown>;

function problem(
  pointer: string,
  detail: string,
  code: ErrorItem['code'] = 'parameter-not-valid',
): ErrorItem {
  return { code, detail, source: { pointer } };
}

function throwAll(problems: ErrorItem[]): void {
  const [first, ...rest] = problems;
  if (first)
    throw new AppError(first.code, first.detail, { source: first.source ?? null, extra: rest });
}

/** Reads and checks the user fields present in `body`; absent fields stay absent. */
function readFields(body: Body, problems: ErrorItem[]): Partial<UserFields> {
  const out: Partial<UserFields> = {};
  const text = (field: string, max: number, detail?: string): string | null | undefined => {
    if (!(field in body)) return undefined;
    const value = body[field];
    if (value === null) return null;
    if (typeof value !== 'string' || value.length > max) {
      problems.push(problem(`/${field}`, detail ?? `Provided ${field} is not valid.`));
      return undefined;
    }
    return value;
  };

  const email = text('email', 254, 'Provided email is in bad format.');
  if (typeof email === 'string') {
    const trimmed = email.trim();
    if (!emailPattern.test(trimmed))
      problems.push(problem('/email', 'Provided email is in bad format.'));
    else out.email = trimmed;
  } else if (email === null) out.email = null;

  const mobile = text('mobile', 16, 'Provided mobile is in bad format.');
  if (typeof mobile === 'string') {
    if (!mobilePattern.test(mobile))
      problems.push(problem('/mobile', 'Provided mobile is in bad format.'));
    else out.mobile = mobile;
  } else if (mobile === null) out.mobile = null;

  for (const field of nameFields) {
    const value = text(field, 100, `Provided ${field} must be a string of at most 100 characters.`);
    if (value !== undefined) out[field] = value;
  }
  const businessName = text('businessName', 200);
  if (businessName !== undefined) out.businessName = businessName;
  const businessIdNo = text('businessIdNo', 20);
  if (businessIdNo !== undefined) out.businessIdNo = businessIdNo;
  if ('businessIdNoType' in body) {
    const type = body.businessIdNoType;
    if (type === null || type === 'ABN' || type === 'ACN') out.businessIdNoType = type;
    else
      problems.push(problem('/businessIdNoType', 'Provided businessIdNoType must be ABN or ACN.'));
  }
  if ('businessAddress' in body) {
    const address = body.businessAddress;
    if (address === null) out.businessAddress = null;
    else if (typeof address !== 'object' || Array.isArray(address)) {
      problems.push(problem('/businessAddress', 'Provided businessAddress must be an object.'));
    } else {
      const given = address as Body;
      const result = {} as BusinessAddress;
      for (const field of addressFields) {
        const value = given[field] ?? null;
        if (value !== null && (typeof value !== 'string' || value.length > 200)) {
          problems.push(problem(`/businessAddress/${field}`, `Provided ${field} is not valid.`));
        }
        result[field] = typeof value === 'string' ? value : null;
      }
      out.businessAddress = result;
    }
  }
  if ('verificationStatus' in body) {
    const value = body.verificationStatus;
    if (value === null || typeof value === 'boolean') out.verificationStatus = value;
    else
      problems.push(
        problem('/verificationStatus', 'Provided verificationStatus must be a boolean.'),
      );
  }
  if ('verificationDate' in body) {
    const value = body.verificationDate;
    const date = typeof value === 'string' ? new Date(value) : null;
    if (value === null) out.verificationDate = null;
    else if (
      !date ||
      Number.isNaN(date.getTime()) ||
      typeof value !== 'string' ||
      !/^\d{4}-\d\d-\d\d/.test(value)
    ) {
      problems.push(problem('/verificationDate', 'Provided verificationDate must be a date.'));
    } else out.verificationDate = date;
  }
  const externalId = text('externalId', 255, 'Provided externalId must be 1 to 255 characters.');
  if (externalId === '')
    problems.push(problem('/externalId', 'Provided externalId must be 1 to 255 characters.'));
  else if (externalId !== undefined) out.externalId = externalId;
  return out;
}

/** Rules that span fields, checked on the user as it would be stored. */
function checkWhole(user: UserFields, problems: ErrorItem[]): void {
  if (user.email === null && user.mobile === null && problems.length === 0) {
    problems.push(
      problem('/email', "One of 'email' or 'mobile' is required.", 'parameter-not-supplied'),
    );
  }
  if (user.businessIdNo !== null) {
    if (!user.businessName) {
      problems.push(
        problem(
          '/businessName',
          'Business name is required when business number is provided.',
          'parameter-not-supplied',
        ),
      );
    }
    const digits = user.businessIdNoType === 'ACN' ? 9 : 11;
    if (!new RegExp(`^[0-9]{${digits}}$`).test(user.businessIdNo)) {
      problems.push(problem('/businessIdNo', `Provided businessIdNo must be ${digits} digits.`));
    }
  }
}

const emptyFields: UserFields = {
  email: null,
  mobile: null,
  firstName: null,
  middleName: null,
  lastName: null,
  businessName: null,
  businessIdNo: null,
  businessIdNoType: null,
  businessAddress: null,
  verificationStatus: null,
  verificationDate: null,
  externalId: null,
};

function asBody(body: unknown): Body {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('invalid-content', 'Posted user is not in valid format.');
  }
  return body as Body;
}

/** The user's snapshot at commit time; the events presenter renders it as the wire object. */
const userEventData = (user: User) => ({ user: { ...user } });

/** Users of an application (api.md §7): create, read, update, delete, list. */
export class UsersService {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  async create(applicationId: string, rawBody: unknown): Promise<User> {
    const body = asBody(rawBody);
    const problems: ErrorItem[] = [];
    const fields = { ...emptyFields, ...readFields(body, problems) };
    checkWhole(fields, problems);
    throwAll(problems);
    return this.deps.store.transaction(async (store) => {
      if (
        fields.externalId &&
        (await store.users.externalIdTaken(applicationId, fields.externalId, null))
      ) {
        throw new AppError(
          'resource-already-exists',
          'A user with this externalId already exists.',
          {
            source: { pointer: '/externalId' },
          },
        );
      }
      const user: User = {
        ...fields,
        id: newId(),
        applicationId,
        createdAt: this.deps.clock.now(),
      };
      await store.users.insert(user);
      await recordEvent(store, this.deps.clock, {
        applicationId,
        type: 'user.created',
        entity: 'user',
        entityId: user.id,
        userId: user.id,
        data: userEventData(user),
      });
      return user;
    });
  }

  async exists(applicationId: string, userId: string): Promise<boolean> {
    return (await this.deps.store.users.find(applicationId, userId)) !== null;
  }

  async get(applicationId: string, userId: string): Promise<User> {
    const user = await this.deps.store.users.find(applicationId, userId);
    if (!user) throw new AppError('resource-not-found', 'Requested user is not found.');
    return user;
  }

  /** The user with its connection and account references (`GET /users/{id}`). */
  async getWithReferences(applicationId: string, userId: string): Promise<UserWithReferences> {
    const found = await this.deps.store.users.findWithReferences(applicationId, userId);
    if (!found) throw new AppError('resource-not-found', 'Requested user is not found.');
    return found;
  }

  async update(applicationId: string, userId: string, rawBody: unknown): Promise<User> {
    const body = asBody(rawBody);
    const problems: ErrorItem[] = [];
    const changes = readFields(body, problems);
    throwAll(problems);
    return this.deps.store.transaction(async (store) => {
      const current = await store.users.find(applicationId, userId);
      if (!current) throw new AppError('resource-not-found', 'Requested user is not found.');
      const next: User = { ...current, ...changes };
      if (next.email === null && next.mobile === null) {
        throw new AppError('parameter-not-supplied', "One of 'email' or 'mobile' is required.", {
          source: { pointer: '/email' },
        });
      }
      const whole: ErrorItem[] = [];
      checkWhole(next, whole);
      throwAll(whole);
      if (
        changes.externalId &&
        changes.externalId !== current.externalId &&
        (await store.users.externalIdTaken(applicationId, changes.externalId, userId))
      ) {
        throw new AppError(
          'resource-already-exists',
          'A user with this externalId already exists.',
          {
            source: { pointer: '/externalId' },
          },
        );
      }
      const changed = (Object.keys(changes) as (keyof UserFields)[]).filter(
        (key) => JSON.stringify(current[key]) !== JSON.stringify(next[key]),
      );
      if (changed.length > 0) {
        await store.users.update(next);
        await recordEvent(store, this.deps.clock, {
          applicationId,
          type: 'user.updated',
          entity: 'user',
          entityId: userId,
          userId,
          data: { ...userEventData(next), changed },
        });
      }
      return next;
    });
  }

  /** Deletes the user and everything under it; a repeat for a deleted user succeeds again. */
  async delete(applicationId: string, userId: string): Promise<void> {
    await this.deps.store.transaction(async (store) => {
      // Its connections end with it (connections.md T13): their events, then the cascade.
      if (await store.users.find(applicationId, userId)) {
        for (const connection of await store.connections.listForUser(userId, [])) {
          connection.status = 'deleted';
          await recordConnectionEvent(store, this.deps.clock, 'connection.deleted', connection);
        }
      }
      const deleted = await store.users.delete(applicationId, userId, this.deps.clock.now());
      if (!deleted) {
        if (await store.users.wasDeleted(applicationId, userId)) return;
        throw new AppError('resource-not-found', 'Requested user is not found.');
      }
      await recordEvent(store, this.deps.clock, {
        applicationId,
        type: 'user.deleted',
        entity: 'user',
        entityId: userId,
        userId,
        data: { type: 'user', id: userId },
      });
    });
  }

  list(applicationId: string, filter: Filter, after: CreatedPosition | null, limit: number) {
    return this.deps.store.users.list(applicationId, filter, after, limit);
  }
}
