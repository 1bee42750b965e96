import { Type, type TSchema } from '@sinclair/typebox';
import { errorCatalogue, type ErrorCode } from '../../kernel/errors.ts';

/** The error envelope of api.md §5.1. */
export const ErrorListSchema = Type.Object(
  {
    type: Type.Literal('list'),
    correlationId: Type.String(),
    data: Type.Array(
      Type.Object({
        type: Type.Literal('error'),
        code: Type.Union(Object.keys(errorCatalogue).map((code) => Type.Literal(code))),
        title: Type.String(),
        detail: Type.String(),
        source: Type.Union([
          Type.Object({
            pointer: Type.Optional(Type.String()),
            parameter: Type.Optional(Type.String()),
          }),
          Type.Null(),
        ]),
      }),
    ),
  },
  { $id: 'ErrorList', title: 'Error list' },
);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Uuid = Type.String({
  format: 'uuid',
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
});

/**
 * Error responses of a route, grouped by HTTP status, each listing its codes in the description,
 * so the OpenAPI document names every code a route can return (api.md §13).
 */
export function errorResponses(codes: readonly ErrorCode[]): Record<number, TSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set<ErrorCode>([...codes, 'internal-server-error'])) {
    const status = errorCatalogue[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<number, TSchema> = {};
  for (const [status, list] of byStatus) {
    out[status] = Type.Ref(ErrorListSchema, { description: `Error codes: ${list.join(', ')}.` });
  }
  return out;
}

/** Errors every authenticated route can answer. */
export const authenticatedErrors: ErrorCode[] = [
  'invalid-authorization-token',
  'access-denied',
  'forbidden-access',
  'too-many-requests',
  'service-unavailable',
];

export const serverSecurity = [{ bearerAuth: [] }];
export const listLinks = Type.Object({ self: Type.String(), next: Type.Optional(Type.String()) });

export function listOf(item: TSchema) {
  return Type.Object({
    type: Type.Literal('list'),
    count: Type.Integer(),
    size: Type.Integer(),
    data: Type.Array(item),
    links: listLinks,
  });
}
