import type { DatabaseTarget } from '../db/database.ts';
import type { EventsTransportConfig } from '../config/events-transport.ts';
import { NatsEventLog } from './nats-log.ts';
import { PostgresEventLog } from './postgres-log.ts';

/** The event transports the platform runs on, with what operators' commands ask of both (size, where a replay can start). */
export type EventLog = PostgresEventLog | NatsEventLog;

/**
 * Opens the configured transport: NATS JetStream (EVENTS_TRANSPORT=nats; the stream is created or
 * updated), or the PostgreSQL log at `url`, or else in `embedded()` (the database beside the data).
 */
export async function openEventLog(
  settings: { transport: EventsTransportConfig; url: string | undefined },
  embedded: () => Promise<DatabaseTarget>,
): Promise<EventLog> {
  if (settings.transport.kind === 'nats') return NatsEventLog.open(settings.transport.nats);
  return PostgresEventLog.open(settings.url ? { kind: 'postgres', url: settings.url } : await embedded());
}
