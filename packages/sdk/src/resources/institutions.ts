import { pathOf, type RequestOptions, type Transport } from '../http.ts';
import type { Institution, InstitutionList, InstitutionListParams } from '../models.ts';

/** The institution catalogue (api.md §8.1). */
export class Institutions {
  constructor(private readonly transport: Transport) {}

  /** `GET /institutions`: every institution matching `filter`, in one page. */
  list(params: InstitutionListParams = {}, options?: RequestOptions): Promise<InstitutionList> {
    return this.transport.request({
      method: 'GET',
      path: '/institutions',
      query: { ...params },
      options,
    });
  }

  /** `GET /institutions/{id}` (`AU00000`). */
  get(institutionId: string, options?: RequestOptions): Promise<Institution> {
    return this.transport.request({
      method: 'GET',
      path: pathOf`/institutions/${institutionId}`,
      options,
    });
  }
}
