import { pathOf, type RequestOptions, type Transport } from '../http.ts';
import type { ApiKey, ApiKeyList } from '../models.ts';

/** API keys of the admin API (api.md §12). */
export class Keys {
  constructor(private readonly transport: Transport) {}

  /** `POST /admin/applications/{id}/keys`: a new key; its `value` is shown only here. */
  async create(
    applicationId: string,
    options?: RequestOptions,
  ): Promise<ApiKey & { value: string }> {
    const key = await this.transport.request<ApiKey>({
      method: 'POST',
      path: pathOf`/admin/applications/${applicationId}/keys`,
      options,
    });
    if (key.value === undefined)
      throw new TypeError('the API answered a new key without its value');
    return { ...key, value: key.value };
  }

  /** `GET /admin/applications/{id}/keys`: without values; `hint` is the last 4 characters. */
  list(applicationId: string, options?: RequestOptions): Promise<ApiKeyList> {
    return this.transport.request({
      method: 'GET',
      path: pathOf`/admin/applications/${applicationId}/keys`,
      options,
    });
  }

  /** `DELETE /admin/keys/{id}`: the key and every token minted with it stop working. */
  async revoke(keyId: string, options?: RequestOptions): Promise<void> {
    await this.transport.request({ method: 'DELETE', path: pathOf`/admin/keys/${keyId}`, options });
  }
}
