// Named types over the generated `types.ts`. Each is read out of the OpenAPI document, so a change
// of the API's shapes changes them; a route that disappears makes this file fail to compile.
import type { components, paths } from './types.ts';

type Method = 'get' | 'post' | 'delete';

/** The JSON body of answer `S` to `M P`. */
export type ResponseBody<
  P extends keyof paths,
  M extends Method,
  S extends number,
> = paths[P][M] extends { responses: infer R }
  ? S extends keyof R
    ? R[S] extends { content: { 'application/json': infer B } }
      ? B
      : never
    : never
  : never;

/** The JSON request body of `M P`. */
export type RequestBody<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: infer B;
}
  ? NonNullable<B> extends { content: { 'application/json': infer J } }
    ? J
    : never
  : never;

/** The query parameters of `M P`. */
export type QueryParams<P extends keyof paths, M extends Method> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/** The error envelope of api.md §5.1. */
export type ErrorList = components['schemas']['ErrorList'];
/** One problem of an error answer. */
export type ApiErrorItem = ErrorList['data'][number];
/** The closed list of error codes (api.md §5.2). */
export type ErrorCode = ApiErrorItem['code'];

/** `POST /token`'s answer. */
export type AccessToken = ResponseBody<'/token', 'post', 200>;
/** The body of `POST /token`. */
export type TokenRequest = RequestBody<'/token', 'post'>;

/** A user as `GET /users/{id}` answers it (with its connections and accounts). */
export type User = ResponseBody<'/users/{userId}', 'get', 200>;
/** A page of `GET /users`. */
export type UserList = ResponseBody<'/users', 'get', 200>;
/** A user as a list shows it. */
export type UserListItem = UserList['data'][number];
/** The body of `POST /users`. */
export type UserCreate = RequestBody<'/users', 'post'>;
/** The body of `POST /users/{id}`: only the fields given change. */
export type UserUpdate = RequestBody<'/users/{userId}', 'post'>;
/** `filter`, `limit` and `next` of `GET /users`. */
export type UserListParams = QueryParams<'/users', 'get'>;

/** An institution (api.md §8.1). */
export type Institution = components['schemas']['Institution'];
/** `GET /institutions`: every institution in one page. */
export type InstitutionList = ResponseBody<'/institutions', 'get', 200>;
/** `filter` of `GET /institutions`. */
export type InstitutionListParams = QueryParams<'/institutions', 'get'>;

/** A connector: one institution through one method (api.md §8.2). */
export type Connector = components['schemas']['Connector'];
/** `GET /connectors`: every connector in one page. */
export type ConnectorList = ResponseBody<'/connectors', 'get', 200>;
/** `filter` of `GET /connectors`. */
export type ConnectorListParams = QueryParams<'/connectors', 'get'>;
/** `web` or `open-banking` (`openbanking` is accepted too). */
export type ConnectorMethod = Connector['method'];

/** An event (events-webhooks.md §1). */
export type Event = components['schemas']['Event'];
/** A page of `GET /events`. */
export type EventList = ResponseBody<'/events', 'get', 200>;
/** `filter`, `limit`, `next` and `order` of `GET /events`. */
export type EventListParams = QueryParams<'/events', 'get'>;
/** An entry of the event type catalogue. */
export type EventType = components['schemas']['EventType'];
/** `GET /events/types`. */
export type EventTypeList = ResponseBody<'/events/types', 'get', 200>;

/** An application (tenant) of the admin API (api.md §12). */
export type Application = ResponseBody<'/admin/applications/{applicationId}', 'get', 200>;
/** `GET /admin/applications`. */
export type ApplicationList = ResponseBody<'/admin/applications', 'get', 200>;
/** An API key; `value` is present only in the answer that created it. */
export type ApiKey = ResponseBody<'/admin/applications/{applicationId}/keys', 'post', 201>;
/** `GET /admin/applications/{id}/keys`: keys without their values. */
export type ApiKeyList = ResponseBody<'/admin/applications/{applicationId}/keys', 'get', 200>;
/**
 * `POST /admin/applications`: the application and its first key, whose `value` is shown only
 * here. Spelt out because the document does not describe this answer's fields yet.
 */
export type ApplicationWithKey = Application & { key: ApiKey & { value: string } };
/** The body of `POST /admin/applications`. */
export interface ApplicationCreate {
  /** 1–100 characters. */
  name: string;
}
/** The body of `POST /admin/applications/{id}`; `status: 'disabled'` stops its keys and tokens. */
export interface ApplicationUpdate {
  name?: string;
  status?: Application['status'];
}
