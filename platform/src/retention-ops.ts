import {
  eventLogRetention,
  RetentionJob,
  type Logger,
  PostgresEventLog,
  type EventLog,
  type RetentionRemoval,
  type Service,
  type SubgraphConfig,
} from '@supergraph/service-kit';
import type { PlatformConfig } from './config.ts';

/** Every event consumer of these services, with what it reads: whose offsets bound what the log may lose. */
const consumersOf = (services: Record<string, Service>) =>
  Object.values(services).flatMap((s) => s.events?.consumers.map((c) => ({ name: c.name, aggregateTypes: [...c.aggregateTypes] })) ?? []);

/** The shared settings (every subgraph reads the same ones). */
const settingsOf = (config: PlatformConfig) => Object.values<SubgraphConfig>(config.subgraphs)[0]!.retention;

/**
 * The event log's retention job. The log is shared infrastructure, owned by no subgraph, so the
 * platform applies EVENT_LOG_RETENTION_DAYS to it (off by default), bounded by the offsets of
 * every consumer of the registry.
 */
export function eventLogJob(config: PlatformConfig, log: EventLog, services: Record<string, Service>, logger: Logger): RetentionJob {
  const settings = settingsOf(config);
  // On NATS JetStream the stream's own limits (NATS_STREAM_MAX_AGE_DAYS, NATS_STREAM_MAX_BYTES) bound it.
  const tasks = log instanceof PostgresEventLog ? eventLogRetention(log, consumersOf(services), settings.eventLogDays) : [];
  return new RetentionJob(tasks, logger, settings.intervalMinutes);
}

/** Runs every subgraph's retention (each on its own tables), then the log's; returns what each removed, table by table. */
export async function runRetention(services: Record<string, Service>, logJob: RetentionJob, now = new Date()): Promise<RetentionRemoval[]> {
  const removals: RetentionRemoval[] = [];
  for (const service of Object.values(services)) if (service.retention) removals.push(...(await service.retention.run(now)));
  removals.push(...(await logJob.run(now)));
  return removals;
}

const singular = (n: number, what: string) => (n === 1 ? what.replace(/ies$/, 'y').replace(/s$/, '') : what);

/** What `npm run retention` prints: one line per table, then what the log keeps. */
export function formatRetention(removals: readonly RetentionRemoval[], config: PlatformConfig): string {
  const width = Math.max(...removals.map((r) => r.table.length));
  const lines = removals.map((r) => `  ${r.table.padEnd(width)}  removed ${r.removed} ${singular(r.removed, r.what)} ${r.rule}`);
  const total = removals.reduce((n, r) => n + r.removed, 0);
  const days = settingsOf(config).eventLogDays;
  return [
    total === 0 ? 'Retention found nothing due:' : `Retention removed ${total} row${total === 1 ? '' : 's'}:`,
    ...lines,
    '',
    days === 0
      ? 'The event log is kept whole (EVENT_LOG_RETENTION_DAYS=0), so npm run events:replay can rebuild every projection from its start.'
      : `The event log keeps what is newer than ${days} days or still to be read by a consumer (EVENT_LOG_RETENTION_DAYS=${days}); npm run events:replay can rebuild only from what it keeps.`,
  ].join('\n');
}
