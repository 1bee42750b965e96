import type { FastifyInstance } from 'fastify';
import { AppError } from '../../kernel/errors.ts';

/** Basiq products Tributary does not provide (api.md §11.3): a clear 404, never a 5xx. */
const products = [
  'statements',
  'reports',
  'enrich',
  'income',
  'expenses',
  'affordability',
  'identities',
  'payments',
];

export function registerUnprovidedRoutes(app: FastifyInstance): void {
  const notProvided = () => {
    throw new AppError('resource-not-found', 'This route is not provided by Tributary.');
  };
  for (const product of products) {
    for (const url of [
      `/${product}`,
      `/${product}/*`,
      `/users/:userId/${product}`,
      `/users/:userId/${product}/*`,
    ]) {
      app.route({
        method: ['GET', 'POST', 'PUT', 'DELETE'],
        url,
        config: { access: 'public' },
        schema: { hide: true },
        handler: notProvided,
      });
    }
  }
}
