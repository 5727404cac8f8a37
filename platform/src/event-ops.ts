import {
  loadEnvFile,
  loadOrExit,
  type EventConsumer,
  type ParkedEvent,
  type EventLog,
  type RetryResult,
  type Service,
} from '@supergraph/service-kit';
import type { PlatformConfig } from './config.ts';
import { createSubgraphs, eventsPersist, openDatabases } from './platform.ts';
import { readPlatformConfig } from './config.ts';
import { resolveSecrets } from './secrets.ts';

/** Said by every operator command that reads the event consumers' own tables. */
export const PERSISTENT_DATABASE = `The database must persist: set DATABASE_URL, or pass --data-dir <dir> as given to npm start.
On PostgreSQL the platform may keep running meanwhile; an embedded database in --data-dir opens
in one process only, so stop npm start first.`;

/**
 * Builds the platform's subgraphs (not listening, consumers not started) over the configured
 * database, runs `use` with their event consumers, and closes everything. Exits with a plain
 * message when there is no persistent database to look at.
 */
export function withConsumers<T>(dataDir: string | undefined, use: (consumers: EventConsumer[]) => Promise<T>): Promise<T> {
  return withServices(dataDir, ({ services }) => use(Object.values(services).flatMap((s) => s.events?.consumers ?? [])));
}

/** Like `withConsumers`, with the services themselves, the event log and the config. */
export async function withServices<T>(
  dataDir: string | undefined,
  use: (opened: { services: Record<string, Service>; log: EventLog; config: PlatformConfig }) => Promise<T>,
): Promise<T> {
  loadEnvFile();
  const env = { ...process.env, DEMO_DATA: 'false', ...(dataDir ? { DATA_DIR: dataDir } : {}) };
  const config = loadOrExit(() => readPlatformConfig(env));
  if (!eventsPersist(config) && !config.dataDir) {
    console.error(
      'An in-memory database is gone with the process that ran it, so there is nothing to look at. Set DATABASE_URL, or pass --data-dir <dir>.',
    );
    process.exit(1);
  }
  // The command's answer says what happened; the services' log lines (unless LOG_LEVEL asks for them) would only bury it.
  const quiet = { ...config, gateway: { ...config.gateway, logLevel: process.env.LOG_LEVEL ?? 'silent' } };
  const databases = await openDatabases(quiet);
  const services = await createSubgraphs(quiet, databases, await resolveSecrets(quiet));
  try {
    return await use({ services, log: databases.events, config: quiet });
  } finally {
    for (const service of Object.values(services)) await service.stop();
    await databases.events.close();
    await databases.closeEmbedded();
  }
}

/** The consumers named, or all of them; throws a plain error for an unknown name. */
export function pick(consumers: EventConsumer[], name: string | undefined): EventConsumer[] {
  if (!name) return consumers;
  const found = consumers.filter((c) => c.name === name);
  if (found.length === 0) throw new Error(`There is no consumer named "${name}". Consumers: ${consumers.map((c) => c.name).join(', ')}.`);
  return found;
}

/** Every event that failed and is retrying or parked, across the consumers, oldest failure first. */
export async function listParked(consumers: EventConsumer[]): Promise<ParkedEvent[]> {
  const all = (await Promise.all(consumers.map((c) => c.parkedEvents()))).flat();
  return all.sort((a, b) => a.firstFailedAt.getTime() - b.firstFailedAt.getTime());
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The listing `npm run events:parked` prints. */
export function formatParked(list: ParkedEvent[]): string {
  if (list.length === 0) return 'No event is parked or retrying: every consumer has applied everything it could read.';
  const parked = list.filter((p) => p.state === 'parked').length;
  const lines = [
    `${plural(list.length, 'event')} failed and ${list.length === 1 ? 'waits' : 'wait'} (${parked} parked, ${list.length - parked} retrying):`,
  ];
  for (const p of list) {
    lines.push(
      '',
      `${p.consumer}: ${p.event.type} ${p.event.id}, ${p.state}`,
      `  aggregate  ${p.event.aggregateType} ${p.event.aggregateId} (sequence ${p.event.sequence})`,
      `  attempts   ${p.attempts}; first failed ${p.firstFailedAt.toISOString()}, last ${p.lastFailedAt.toISOString()}`,
      `  error      ${p.lastError}`,
      `  held       ${p.held === 0 ? 'no later event of this aggregate waits behind it' : `${plural(p.held, 'later event')} of this aggregate ${p.held === 1 ? 'waits' : 'wait'} behind it`}`,
      p.state === 'retrying' && p.nextAttemptAt
        ? `  next       tried again on its own at ${p.nextAttemptAt.toISOString()} (or now: npm run events:retry -- --id ${p.event.id})`
        : `  retry      after a fix: npm run events:retry -- --id ${p.event.id}`,
    );
  }
  return lines.join('\n');
}

export interface RetryReport {
  /** True when the event (and everything held behind it) was applied by every consumer that had set it aside. */
  ok: boolean;
  results: { consumer: string; result: RetryResult }[];
  /** What to print, one sentence per consumer. */
  message: string;
}

/** Retries one event in every consumer (of those given) that set it aside: `npm run events:retry`. */
export async function retryParked(consumers: EventConsumer[], eventId: string): Promise<RetryReport> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(eventId)) {
    return { ok: false, results: [], message: `"${eventId}" is not an event id: give the id (a UUID) that npm run events:parked shows.` };
  }
  const results: RetryReport['results'] = [];
  for (const consumer of consumers) results.push({ consumer: consumer.name, result: await consumer.retry(eventId) });
  const found = results.filter((r) => r.result.outcome !== 'not-found');
  if (found.length === 0) {
    return {
      ok: false,
      results,
      message: `No consumer has an event ${eventId} parked or retrying. npm run events:parked lists those that have.`,
    };
  }
  return {
    ok: found.every((r) => r.result.outcome === 'applied'),
    results,
    message: found.map((r) => sentence(r.consumer, eventId, r.result)).join('\n'),
  };
}

function sentence(consumer: string, eventId: string, result: RetryResult): string {
  switch (result.outcome) {
    case 'applied': {
      const [event, ...held] = result.applied;
      const behind = held.length === 0 ? '' : `, then the ${plural(held.length, 'event')} held behind it, in sequence`;
      return `${consumer}: applied ${event?.type ?? 'event'} ${eventId}${behind}. Nothing of its aggregate waits any more.`;
    }
    case 'failed': {
      const waiting = result.held === 0 ? '' : `; the ${plural(result.held, 'event')} behind it ${result.held === 1 ? 'waits' : 'wait'}`;
      if (result.failed.id === eventId) {
        return `${consumer}: ${result.failed.type} ${eventId} failed again: ${result.error}. It stays parked${waiting}. Fix the cause, then run this again.`;
      }
      return `${consumer}: applied ${eventId} and ${plural(result.applied.length - 1, 'event')} after it; then ${result.failed.type} ${result.failed.id} failed: ${result.error}. That one is parked now${waiting}. Fix the cause, then run npm run events:retry -- --id ${result.failed.id}.`;
    }
    case 'held':
      return `${consumer}: ${eventId} waits behind ${result.behind.type} ${result.behind.id}, an earlier event of the same aggregate. Retry that one: npm run events:retry -- --id ${result.behind.id}.`;
    case 'not-found':
      return `${consumer}: has no event ${eventId} set aside.`;
  }
}
