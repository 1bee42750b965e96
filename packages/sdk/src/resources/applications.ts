import { pathOf, type RequestOptions, type Transport } from '../http.ts';
import type {
  Application,
  ApplicationCreate,
  ApplicationList,
  ApplicationUpdate,
  ApplicationWithKey,
} from '../models.ts';

/** Applications (tenants) of the admin API (api.md §12). */
export class Applications {
  constructor(private readonly transport: Transport) {}

  /** `POST /admin/applications`: the application and its first key, shown only here. */
  create(body: ApplicationCreate, options?: RequestOptions): Promise<ApplicationWithKey> {
    return this.transport.request({ method: 'POST', path: '/admin/applications', body, options });
  }

  /** `GET /admin/applications`. */
  list(options?: RequestOptions): Promise<ApplicationList> {
    return this.transport.request({ method: 'GET', path: '/admin/applications', options });
  }

  /** `GET /admin/applications/{id}`. */
  get(applicationId: string, options?: RequestOptions): Promise<Application> {
    return this.transport.request({
      method: 'GET',
      path: pathOf`/admin/applications/${applicationId}`,
      options,
    });
  }

  /** `POST /admin/applications/{id}`: rename, or disable (its keys and tokens then fail) and enable. */
  update(
    applicationId: string,
    body: ApplicationUpdate,
    options?: RequestOptions,
  ): Promise<Application> {
    return this.transport.request({
      method: 'POST',
      path: pathOf`/admin/applications/${applicationId}`,
      body,
      options,
    });
  }
}
