import type { FastifyInstance } from 'fastify';

/**
 * Remembers every route's template so the not-found handler can tell an unknown path (404) from a
 * known path asked with another method (405 with `Allow`, api.md §5.2).
 */
export function trackRoutes(app: FastifyInstance): (url: string) => string[] {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    const source = route.url
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
      (m) => m !== 'HEAD' && m !== 'OPTIONS',
    );
    routes.push({ pattern: new RegExp(`^${source}/?$`), methods: new Set(methods) });
  });
  return (url) => {
    const path = url.split('?')[0] ?? url;
    const allowed = new Set<string>();
    for (const route of routes)
      if (route.pattern.test(path)) for (const m of route.methods) allowed.add(m);
    const order = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
    return [...allowed].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  };
}
