import { pathOf, type RequestOptions, type Transport } from '../http.ts';
import type { Connector, ConnectorList, ConnectorListParams, ConnectorMethod } from '../models.ts';

/** Connectors: an institution through one method (api.md §8.2). */
export class Connectors {
  constructor(private readonly transport: Transport) {}

  /** `GET /connectors`: every connector matching `filter`, in one page. */
  list(params: ConnectorListParams = {}, options?: RequestOptions): Promise<ConnectorList> {
    return this.transport.request({
      method: 'GET',
      path: '/connectors',
      query: { ...params },
      options,
    });
  }

  /** `GET /connectors/{institutionId}/{method}`. */
  get(
    institutionId: string,
    method: ConnectorMethod,
    options?: RequestOptions,
  ): Promise<Connector> {
    return this.transport.request({
      method: 'GET',
      path: pathOf`/connectors/${institutionId}/${method}`,
      options,
    });
  }
}
