import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock.ts';
import { apiKeyHint, generateApiKey, hashApiKey } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Store } from '../store/store.ts';
import type { ApiKeyRecord, Application, ApplicationStatus } from './applications-types.ts';

/** A key just created: the only moment its value exists outside the caller's hands. */
export interface IssuedKey {
  record: ApiKeyRecord;
  value: string;
}

export interface DefaultApplicationOutcome {
  application: Application;
  /** This start created the default application. */
  created: boolean;
  /** A generated key to show once in the banner (operations.md §4.2). */
  generatedKey: string | null;
  /** `TRIBUTARY_API_KEY` was added as a new key of the default application (§4.3). */
  addedConfiguredKeyId: string | null;
  /** `TRIBUTARY_API_KEY` names a key that was revoked: not re-added. */
  configuredKeyRevoked: boolean;
}

// eslint-disable-next-line no-control-regex -- names must not contain control characters (operations.md §5.1)
const controlCharacters = /[\u0000-\u001f\u007f]/;

function checkName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length < 1 ||
    name.length > 100 ||
    controlCharacters.test(name)
  ) {
    throw new AppError(
      'parameter-not-valid',
      'Name must be 1 to 100 characters without control characters.',
      {
        source: { pointer: '/name' },
      },
    );
  }
  return name;
}

/**
 * Applications (tenants) and their API keys: keys are stored only as peppered hashes, shown once
 * when created (api.md §2.1, §12; operations.md §4).
 */
export class ApplicationsService {
  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      /** Per-installation pepper of the key hashes. */
      pepper: Buffer;
    },
  ) {}

  #hash(value: string): string {
    return hashApiKey(value, this.deps.pepper);
  }

  async #issueKey(store: Store, applicationId: string, value?: string): Promise<IssuedKey> {
    const id = newId();
    const keyValue = value ?? generateApiKey(id, randomUUID());
    const record: ApiKeyRecord = {
      id,
      applicationId,
      hint: apiKeyHint(keyValue),
      createdAt: this.deps.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await store.applications.insertKey({ ...record, keyHash: this.#hash(keyValue) });
    return { record, value: keyValue };
  }

  async createApplication(name: unknown, options: { isDefault?: boolean; withKey?: boolean } = {}) {
    const checked = checkName(name);
    return this.deps.store.transaction(async (store) => {
      const application: Application = {
        id: newId(),
        name: checked,
        status: 'active',
        isDefault: options.isDefault ?? false,
        createdAt: this.deps.clock.now(),
      };
      await store.applications.insertApplication(application);
      const key = options.withKey === false ? null : await this.#issueKey(store, application.id);
      return { application, key };
    });
  }

  async getApplication(id: string): Promise<Application> {
    const application = await this.deps.store.applications.findApplication(id);
    if (!application) throw new AppError('resource-not-found', `Application ${id} not found.`);
    return application;
  }

  listApplications() {
    return this.deps.store.applications.listApplications();
  }

  async updateApplication(
    id: string,
    changes: { name?: unknown; status?: unknown },
  ): Promise<Application> {
    const update: { name?: string; status?: ApplicationStatus } = {};
    if (changes.name !== undefined) update.name = checkName(changes.name);
    if (changes.status !== undefined) {
      if (changes.status !== 'active' && changes.status !== 'disabled') {
        throw new AppError('parameter-not-valid', 'Status must be active or disabled.', {
          source: { pointer: '/status' },
        });
      }
      update.status = changes.status;
    }
    const application = await this.deps.store.applications.updateApplication(id, update);
    if (!application) throw new AppError('resource-not-found', `Application ${id} not found.`);
    return application;
  }

  async createKey(applicationId: string): Promise<IssuedKey> {
    await this.getApplication(applicationId);
    return this.#issueKey(this.deps.store, applicationId);
  }

  async listKeys(applicationId: string): Promise<ApiKeyRecord[]> {
    await this.getApplication(applicationId);
    return this.deps.store.applications.listKeys(applicationId);
  }

  /** Revokes a key; revoking a revoked key succeeds again. */
  async revokeKey(keyId: string): Promise<ApiKeyRecord> {
    const key = await this.deps.store.applications.findKey(keyId);
    if (!key) throw new AppError('resource-not-found', `Key ${keyId} not found.`);
    await this.deps.store.applications.revokeKey(keyId, this.deps.clock.now());
    return { ...key, revokedAt: key.revokedAt ?? this.deps.clock.now() };
  }

  /** The live key and application a raw API key belongs to, or null. */
  async authenticate(
    value: string,
  ): Promise<{ application: Application; key: ApiKeyRecord } | null> {
    const key = await this.deps.store.applications.findKeyByHash(this.#hash(value));
    if (!key || key.revokedAt) return null;
    const application = await this.deps.store.applications.findApplication(key.applicationId);
    if (!application || application.status !== 'active') return null;
    await this.deps.store.applications.touchKey(key.id, this.deps.clock.now());
    return { application, key };
  }

  /**
   * The first start's default application and the `TRIBUTARY_API_KEY` rules of operations.md
   * §4.2–§4.3. Call under the start-up advisory lock so processes starting together agree.
   */
  async ensureDefaultApplication(options: {
    configuredKey: string | null;
    production: boolean;
  }): Promise<DefaultApplicationOutcome> {
    return this.deps.store.transaction(async (store) => {
      const outcome = (
        application: Application,
        created: boolean,
        changes: Partial<DefaultApplicationOutcome> = {},
      ): DefaultApplicationOutcome => ({
        application,
        created,
        generatedKey: null,
        addedConfiguredKeyId: null,
        configuredKeyRevoked: false,
        ...changes,
      });
      const existing = await store.applications.findDefaultApplication();
      const application = existing ?? {
        id: newId(),
        name: 'default',
        status: 'active' as const,
        isDefault: true,
        createdAt: this.deps.clock.now(),
      };
      const created = existing === null;
      if (created) await store.applications.insertApplication(application);
      if (options.configuredKey) {
        const known = await store.applications.findKeyByHash(this.#hash(options.configuredKey));
        if (known)
          return outcome(application, created, { configuredKeyRevoked: known.revokedAt !== null });
        const issued = await this.#issueKey(store, application.id, options.configuredKey);
        return outcome(application, created, { addedConfiguredKeyId: issued.record.id });
      }
      // A key is generated only with the application, and never in production (§4.2).
      if (!created || options.production) return outcome(application, created);
      const issued = await this.#issueKey(store, application.id);
      return outcome(application, created, { generatedKey: issued.value });
    });
  }
}
