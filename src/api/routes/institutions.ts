import type { FastifyInstance } from 'fastify';

/** Institutions and connectors (api.md §8). */
export function registerInstitutionRoutes(_app: FastifyInstance, _deps: { base: string }): void {}
