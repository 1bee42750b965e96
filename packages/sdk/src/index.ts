// The public surface of @tributary/sdk.
export { Tributary, TributaryAdmin } from './client.ts';
export type {
  ApiVersion,
  TributaryAdminOptions,
  TributaryKeyOptions,
  TributaryOptions,
  TributaryTokenOptions,
} from './client.ts';
export {
  BadRequestError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TributaryError,
  UnauthorizedError,
} from './errors.ts';
export type { ErrorDetails, ErrorSource } from './errors.ts';
export type { Fetch, RequestOptions } from './http.ts';
export type * from './models.ts';
export type { Page } from './resources/pages.ts';
export type { components, paths } from './types.ts';
