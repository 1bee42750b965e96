import type { IssuedKey } from '../../domain/applications/applications-service.ts';
import type { ApiKeyRecord, Application } from '../../domain/applications/applications-types.ts';
import { toWireTime } from './time.ts';

/** An application of the admin API (api.md §12). */
export function presentApplication(application: Application) {
  return {
    type: 'application',
    id: application.id,
    name: application.name,
    status: application.status,
    createdDate: toWireTime(application.createdAt),
  };
}

/** A key of the admin API; `value` only in the answer that created it. */
export function presentKey(key: ApiKeyRecord, value?: string) {
  return {
    type: 'api-key',
    id: key.id,
    applicationId: key.applicationId,
    ...(value !== undefined ? { value } : {}),
    hint: key.hint,
    status: key.revokedAt ? 'revoked' : 'active',
    createdDate: toWireTime(key.createdAt),
    lastUsedAt: key.lastUsedAt ? toWireTime(key.lastUsedAt) : null,
    revokedAt: key.revokedAt ? toWireTime(key.revokedAt) : null,
  };
}

export function presentIssuedKey(issued: IssuedKey) {
  return presentKey(issued.record, issued.value);
}
