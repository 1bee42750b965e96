import { pathOf, type RequestOptions, type Transport } from '../http.ts';
import type {
  User,
  UserCreate,
  UserList,
  UserListItem,
  UserListParams,
  UserUpdate,
} from '../models.ts';
import { iteratePages } from './pages.ts';

/** Users of the application (api.md §7). */
export class Users {
  constructor(private readonly transport: Transport) {}

  /** `POST /users`: needs `email` or `mobile`. */
  create(body: UserCreate, options?: RequestOptions): Promise<User> {
    return this.transport.request({ method: 'POST', path: '/users', body, options });
  }

  /** `GET /users/{id}`. */
  get(userId: string, options?: RequestOptions): Promise<User> {
    return this.transport.request({ method: 'GET', path: pathOf`/users/${userId}`, options });
  }

  /** `POST /users/{id}`: changes the fields given, keeps the others. */
  update(userId: string, body: UserUpdate, options?: RequestOptions): Promise<User> {
    return this.transport.request({
      method: 'POST',
      path: pathOf`/users/${userId}`,
      body,
      options,
    });
  }

  /** `DELETE /users/{id}`: the user and everything under it. */
  async delete(userId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: 'DELETE', path: pathOf`/users/${userId}`, options });
  }

  /** `GET /users`: one page; `links.next` is there when another page exists. */
  list(params: UserListParams = {}, options?: RequestOptions): Promise<UserList> {
    return this.transport.request({ method: 'GET', path: '/users', query: { ...params }, options });
  }

  /** Every user matching `filter`, fetching pages of `limit` as the loop goes. */
  iterate(
    params: Omit<UserListParams, 'next'> = {},
    options?: RequestOptions,
  ): AsyncGenerator<UserListItem, void, undefined> {
    return iteratePages<UserListItem>(this.transport, '/users', { ...params }, options);
  }
}
