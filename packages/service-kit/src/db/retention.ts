import type { Logger } from '../observability/logger.ts';
import { pruneAudit, type AuditTable } from './audit.ts';
import type { Database } from './database.ts';

const DAY_MS = 24 * 3600 * 1000;

/** The moment `days` days before `now`: what is older goes. */
export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** One kind of row a retention job removes, from one table. */
export interface RetentionTask {
  /** The table, as `schema.table`, for example `customers.audit_log`. */
  table: string;
  /** What its rows are, in the plural, for people: `audit entries`. */
  what: string;
  /** Which of them go, for people: `older than 365 days`. */
  rule: string;
  /** Removes what is due at `now`; returns how many rows it removed. */
  run(now: Date): Promise<number>;
}

/** What one task removed in one run. */
export interface RetentionRemoval {
  table: string;
  what: string;
  rule: string;
  removed: number;
}

const plural = (n: number, what: string) => (n === 1 ? `1 ${what.replace(/ies$/, 'y').replace(/s$/, '')}` : `${n} ${what}`);

/** One run in one sentence per table, for the log and the CLI: `removed 3 audit entries older than 365 days from customers.audit_log`. */
export function describeRemovals(removals: readonly RetentionRemoval[]): string {
  if (removals.length === 0) return 'nothing is kept under a retention setting here';
  return removals.map((r) => `removed ${plural(r.removed, r.what)} ${r.rule} from ${r.table}`).join('; ');
}

/**
 * Applies a service's retention settings to its own tables: on demand (`run`, which
 * `npm run retention` calls) and, once started, every `intervalMinutes` (0: never by itself). Each
 * run logs what it removed, table by table, in plain English. A run that fails is logged and
 * tried again at the next interval; what it removed before failing stays removed (each batch
 * commits on its own, and none removes anything a later one would keep).
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionRemoval[]> | undefined;

  constructor(
    readonly tasks: readonly RetentionTask[],
    private readonly logger: Logger,
    private readonly intervalMinutes: number,
  ) {}

  /** Runs every task once now (a run already under way is waited for instead), logs and returns what each removed. */
  run(now = new Date()): Promise<RetentionRemoval[]> {
    this.running ??= this.runTasks(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runTasks(now: Date): Promise<RetentionRemoval[]> {
    const removals: RetentionRemoval[] = [];
    for (const task of this.tasks) removals.push({ table: task.table, what: task.what, rule: task.rule, removed: await task.run(now) });
    if (removals.length > 0) {
      const removed = Object.fromEntries(removals.map((r) => [r.table, r.removed]));
      this.logger.info({ retention: removed }, `retention ${describeRemovals(removals)}`);
    }
    return removals;
  }

  start() {
    if (this.intervalMinutes === 0 || this.tasks.length === 0 || this.timer) return;
    this.timer = setInterval(
      () => void this.run().catch((error) => this.logger.error({ err: error }, 'retention failed; it runs again at the next interval')),
      this.intervalMinutes * 60_000,
    );
    this.timer.unref();
  }

  async stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}

/** Audit entries older than `days`. */
export const auditRetention = (
  db: Database<Record<string, unknown>>,
  table: AuditTable,
  schemaName: string,
  days: number,
): RetentionTask => ({
  table: `${schemaName}.audit_log`,
  what: 'audit entries',
  rule: `older than ${days} days`,
  run: (now) => pruneAudit(db, table, daysBefore(now, days)),
});
