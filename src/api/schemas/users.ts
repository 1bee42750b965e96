import { Type } from '@sinclair/typebox';
import {
  authenticatedErrors,
  errorResponses,
  listOf,
  Nullable,
  serverSecurity,
  Uuid,
} from './common.ts';

const Address = Type.Object({
  addressLine1: Nullable(Type.String()),
  addressLine2: Nullable(Type.String()),
  suburb: Nullable(Type.String()),
  state: Nullable(Type.String()),
  postcode: Nullable(Type.String()),
  countryCode: Nullable(Type.String()),
});

const writable = {
  email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  mobile: Type.Optional(Nullable(Type.String({ pattern: '^\\+[1-9][0-9]{7,14}$' }))),
  firstName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  middleName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  lastName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  businessName: Type.Optional(Nullable(Type.String())),
  businessIdNo: Type.Optional(Nullable(Type.String())),
  businessIdNoType: Type.Optional(Nullable(Type.Union([Type.Literal('ABN'), Type.Literal('ACN')]))),
  businessAddress: Type.Optional(Nullable(Address)),
  verificationStatus: Type.Optional(Nullable(Type.Boolean())),
  verificationDate: Type.Optional(Nullable(Type.String())),
  externalId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 255 }))),
};

const Reference = Type.Object({
  type: Type.String(),
  id: Uuid,
  links: Type.Object({ self: Type.String() }),
});
const userCore = {
  type: Type.Literal('user'),
  id: Uuid,
  email: Nullable(Type.String()),
  mobile: Nullable(Type.String()),
  firstName: Nullable(Type.String()),
  middleName: Nullable(Type.String()),
  lastName: Nullable(Type.String()),
  name: Nullable(Type.String()),
  businessName: Nullable(Type.String()),
  businessIdNo: Nullable(Type.String()),
  businessIdNoType: Nullable(Type.String()),
  businessAddress: Nullable(Address),
  verificationStatus: Nullable(Type.Boolean()),
  verificationDate: Nullable(Type.String()),
  externalId: Nullable(Type.String()),
  createdDate: Type.String(),
};
const UserLinks = Type.Object({
  self: Type.String(),
  accounts: Type.String(),
  connections: Type.String(),
  transactions: Type.String(),
  jobs: Type.String(),
  consents: Type.String(),
});
const nested = Type.Object({
  type: Type.Literal('list'),
  count: Type.Integer(),
  data: Type.Array(Reference),
});
export const UserSchema = Type.Object(
  { ...userCore, connections: nested, accounts: nested, links: UserLinks },
  { $id: 'User' },
);
const UserInListSchema = Type.Object({ ...userCore, links: UserLinks });
const params = Type.Object({ userId: Uuid });

const tags = ['Users'];
export const userSchemas = {
  create: {
    tags,
    summary: 'Create a user',
    security: serverSecurity,
    body: Type.Object(writable),
    response: {
      201: UserSchema,
      ...errorResponses([
        ...authenticatedErrors,
        'parameter-not-supplied',
        'parameter-not-valid',
        'invalid-content',
        'unsupported-content-type',
        'request-too-large',
        'resource-already-exists',
        'idempotency-key-in-use',
        'idempotency-key-mismatch',
      ]),
    },
  },
  list: {
    tags,
    summary: 'List users',
    security: serverSecurity,
    querystring: Type.Object({
      filter: Type.Optional(Type.String()),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
      next: Type.Optional(Type.String()),
    }),
    response: {
      200: listOf(UserInListSchema),
      ...errorResponses([...authenticatedErrors, 'parameter-not-valid']),
    },
  },
  get: {
    tags,
    summary: 'Read a user',
    security: serverSecurity,
    params,
    response: {
      200: UserSchema,
      ...errorResponses([...authenticatedErrors, 'parameter-not-valid', 'resource-not-found']),
    },
  },
  update: {
    tags,
    summary: 'Update a user',
    security: serverSecurity,
    params,
    body: Type.Object(writable),
    response: {
      200: UserSchema,
      ...errorResponses([
        ...authenticatedErrors,
        'parameter-not-supplied',
        'parameter-not-valid',
        'invalid-content',
        'unsupported-content-type',
        'request-too-large',
        'resource-not-found',
        'resource-already-exists',
        'idempotency-key-in-use',
        'idempotency-key-mismatch',
      ]),
    },
  },
  delete: {
    tags,
    summary: 'Delete a user and everything under it',
    security: serverSecurity,
    params,
    response: {
      204: Type.Null({ description: 'Deleted' }),
      ...errorResponses([
        ...authenticatedErrors,
        'parameter-not-valid',
        'resource-not-found',
        'idempotency-key-in-use',
        'idempotency-key-mismatch',
      ]),
    },
  },
};
