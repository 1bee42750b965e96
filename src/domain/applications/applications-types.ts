export type ApplicationStatus = 'active' | 'disabled';

/** A tenant: it owns users and, through them, everything else (api.md §2.1). */
export interface Application {
  id: string;
  name: string;
  status: ApplicationStatus;
  isDefault: boolean;
  createdAt: Date;
}

/** An API key as stored: never the key itself, only its hash and hint. */
export interface ApiKeyRecord {
  id: string;
  applicationId: string;
  hint: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ApplicationsRepository {
  insertApplication(application: Application): Promise<void>;
  findApplication(id: string): Promise<Application | null>;
  findDefaultApplication(): Promise<Application | null>;
  listApplications(): Promise<(Application & { keys: number })[]>;
  updateApplication(
    id: string,
    changes: { name?: string; status?: ApplicationStatus },
  ): Promise<Application | null>;
  insertKey(key: ApiKeyRecord & { keyHash: string }): Promise<void>;
  findKeyByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  findKey(id: string): Promise<ApiKeyRecord | null>;
  listKeys(applicationId: string): Promise<ApiKeyRecord[]>;
  revokeKey(id: string, at: Date): Promise<void>;
  touchKey(id: string, at: Date): Promise<void>;
  /** Ids of revoked keys and of disabled applications, for token checks without a query each. */
  revocations(): Promise<{ revokedKeyIds: string[]; disabledApplicationIds: string[] }>;
}
