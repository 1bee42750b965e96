import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  matchesFilter,
  parseFilter,
  type FilterField,
  type FilterFields,
  type FilterValue,
} from '../../domain/filters/filter.ts';
import type { InstitutionRegistry } from '../../domain/institutions/institution-registry.ts';
import {
  institutionAuthorizations,
  institutionCountries,
  institutionMethods,
  institutionStages,
  institutionStatuses,
  institutionTiers,
  institutionTypes,
  type Connector,
  type Institution,
  type InstitutionMethod,
} from '../../domain/institutions/institutions-types.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Access } from '../plugins/auth.ts';
import { institutionIdParam, listBody, queryParam, selfLink } from '../http.ts';
import { renderLogoSvg } from '../logos.ts';
import {
  connectorAuthorizationType,
  presentConnector,
  presentInstitution,
} from '../presenters/institutions.ts';
import {
  institutionSchemas,
  logoSchema,
  publicInstitutionSchemas,
} from '../schemas/institutions.ts';

/** A filterable field: how it may be filtered, and where a row keeps its value. */
interface FilterBinding<Row> {
  field: FilterField;
  value: (row: Row) => FilterValue | null | readonly FilterValue[];
}

const eqNeIn = ['eq', 'ne', 'in'] as const;
const oneOf = (values: readonly string[], ops: FilterField['ops'] = eqNeIn): FilterField => ({
  ops,
  kind: 'enum',
  values,
});
// `openbanking` is how some clients spell the method (api.md §4, §8.2).
const methodAliases = { openbanking: 'open-banking' };
const methodField = (ops: FilterField['ops'] = eqNeIn): FilterField => ({
  ops,
  kind: 'enum',
  values: institutionMethods,
  aliases: methodAliases,
});

/** The filter of `GET /institutions` and `/public/institutions` (api.md §4). */
export const institutionFilters: Readonly<Record<string, FilterBinding<Institution>>> = {
  'institution.id': {
    field: { ops: eqNeIn, kind: 'institution-id' },
    value: (i) => i.definition.id,
  },
  'institution.country': {
    field: oneOf(institutionCountries),
    value: (i) => i.definition.country,
  },
  'institution.tier': { field: oneOf(institutionTiers), value: (i) => i.definition.tier },
  'institution.authorization': {
    field: oneOf(institutionAuthorizations),
    value: (i) => i.definition.web?.authorization ?? null,
  },
  'institution.serviceType': {
    field: { ops: eqNeIn, kind: 'string' },
    value: (i) => i.definition.serviceType,
  },
  'institution.institutionType': {
    field: oneOf(institutionTypes),
    value: (i) => i.definition.institutionType,
  },
  'institution.stage': { field: oneOf(institutionStages), value: (i) => i.definition.stage },
  'institution.status': { field: oneOf(institutionStatuses), value: (i) => i.status },
  'institution.method': { field: methodField(), value: (i) => i.methods },
  // v2 spellings, with only the operator the spec gives them.
  'institution.openBankingSource': { field: methodField(['eq']), value: (i) => i.methods },
  'institution.connectorStatus': {
    field: oneOf(['active', 'inactive'], ['eq']),
    value: (i) => (i.isEnabled ? 'active' : 'inactive'),
  },
};

/** The filter of `GET /connectors` and `/public/connectors` (api.md §4). */
export const connectorFilters: Readonly<Record<string, FilterBinding<Connector>>> = {
  'connector.id': {
    field: { ops: eqNeIn, kind: 'institution-id' },
    value: (c) => c.institution.definition.id,
  },
  'connector.method': { field: methodField(), value: (c) => c.state.method },
  'connector.stage': {
    field: oneOf(institutionStages),
    value: (c) => c.institution.definition.stage,
  },
  'connector.status': { field: oneOf(institutionStatuses), value: (c) => c.state.status },
  'connector.authorization.type': {
    field: oneOf(institutionAuthorizations),
    value: connectorAuthorizationType,
  },
  'connector.institution.country': {
    field: oneOf(institutionCountries),
    value: (c) => c.institution.definition.country,
  },
  'connector.institution.tier': {
    field: oneOf(institutionTiers),
    value: (c) => c.institution.definition.tier,
  },
  'connector.institution.type': {
    field: oneOf(institutionTypes),
    value: (c) => c.institution.definition.institutionType,
  },
  'connector.scopes': {
    field: { ops: eqNeIn, kind: 'string' },
    value: (c) =>
      c.state.method === 'open-banking' ? (c.institution.definition.openBanking?.scopes ?? []) : [],
  },
};

function fieldsOf<Row>(bindings: Readonly<Record<string, FilterBinding<Row>>>): FilterFields {
  return Object.fromEntries(Object.entries(bindings).map(([name, b]) => [name, b.field]));
}

/** Parses the request's `filter` for these bindings and returns the predicate over rows. */
function rowFilter<Row>(
  request: FastifyRequest,
  bindings: Readonly<Record<string, FilterBinding<Row>>>,
): (row: Row) => boolean {
  const filter = parseFilter(queryParam(request, 'filter'), fieldsOf(bindings));
  return (row) =>
    matchesFilter(filter, (field) => {
      const binding = Object.hasOwn(bindings, field) ? bindings[field] : undefined;
      return binding ? binding.value(row) : null;
    });
}

/** The `method` path parameter: `web`, `open-banking` or its alias `openbanking` (api.md §8.2). */
function methodParam(request: FastifyRequest): InstitutionMethod {
  const value = (request.params as Record<string, unknown>).method;
  if (value === 'web' || value === 'open-banking') return value;
  if (value === 'openbanking') return 'open-banking';
  throw new AppError('parameter-not-valid', 'Method must be web or open-banking.', {
    source: { parameter: 'method' },
  });
}

const institutionNotFound = () =>
  new AppError('resource-not-found', 'Requested institution is not found.');

function findInstitution(registry: InstitutionRegistry, request: FastifyRequest): Institution {
  const institution = registry.get(institutionIdParam(request));
  if (!institution) throw institutionNotFound();
  return institution;
}

/**
 * Institutions, connectors and their logos (api.md §8), each list and read both behind a token
 * (`/institutions`, SERVER_ACCESS or CLIENT_ACCESS) and public (`/public/institutions`).
 */
export function registerInstitutionRoutes(
  app: FastifyInstance,
  deps: { base: string; institutions: InstitutionRegistry },
): void {
  const { base, institutions } = deps;
  const variants: { prefix: string; access: Access; schemas: typeof institutionSchemas }[] = [
    { prefix: '', access: 'client', schemas: institutionSchemas },
    { prefix: '/public', access: 'public', schemas: publicInstitutionSchemas },
  ];

  for (const { prefix, access, schemas } of variants) {
    const config = { access };

    app.get(`${prefix}/institutions`, { config, schema: schemas.listInstitutions }, (request) => {
      const keep = rowFilter(request, institutionFilters);
      const rows = institutions.list().filter(keep);
      return listBody(
        rows.map((institution) => presentInstitution(base, institution)),
        rows.length,
        { self: selfLink(base, request) },
      );
    });

    app.get(
      `${prefix}/institutions/:institutionId`,
      { config, schema: schemas.getInstitution },
      (request) => presentInstitution(base, findInstitution(institutions, request)),
    );

    app.get(`${prefix}/connectors`, { config, schema: schemas.listConnectors }, (request) => {
      const keep = rowFilter(request, connectorFilters);
      const rows = institutions.listConnectors().filter(keep);
      const { type, count, size, data, links } = listBody(
        rows.map((connector) => presentConnector(base, connector)),
        rows.length,
        { self: selfLink(base, request) },
      );
      return { type, count, size, totalCount: size, data, links };
    });

    app.get(
      `${prefix}/connectors/:institutionId/:method`,
      { config, schema: schemas.getConnector },
      (request) => {
        const id = institutionIdParam(request);
        const method = methodParam(request);
        const connector = institutions.getConnector(id, method);
        if (!connector) {
          throw institutions.get(id)
            ? new AppError('resource-not-found', `Institution ${id} does not offer ${method}.`)
            : institutionNotFound();
        }
        return presentConnector(base, connector);
      },
    );
  }

  for (const variant of ['square', 'full'] as const) {
    app.get(
      `/assets/institutions/:institutionId/${variant}.svg`,
      { config: { access: 'public' }, schema: logoSchema(variant) },
      (request, reply) => {
        const institution = findInstitution(institutions, request);
        const svg = renderLogoSvg(
          {
            id: institution.definition.id,
            shortName: institution.definition.shortName,
            primaryColor: institution.primaryColor,
          },
          variant,
        );
        return reply.type('image/svg+xml').send(svg);
      },
    );
  }
}
