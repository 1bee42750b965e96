/** One event: something that happened to a resource, kept for `/events` and sent to webhooks. */
export interface DomainEvent {
  id: string;
  applicationId: string;
  /** `user.created`, `connection.status-changed`, … (events-webhooks.md). */
  type: string;
  entity: string;
  entityId: string;
  userId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface EventsRepository {
  /** Appends the event and its outbox row; call inside the transaction of the change. */
  append(event: DomainEvent): Promise<void>;
}
