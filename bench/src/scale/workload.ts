import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Call, Step, Workload } from '../workloads.ts';

/** The dashboards' queries `--scale` measures one by one, in the order of its table. */
export const SCALE_QUERIES = [
  { name: 'profile', label: '`me` profile (a customer)', file: 'profile.graphql', as: 'customer' },
  { name: 'staff-customers', label: '`customers(first: 50)` with orderCount and metrics', file: 'staff-customers.graphql', as: 'staff' },
  {
    name: 'customer-search',
    label: '`customers(first: 20, search: "ada")` with countUpTo (up to 100)',
    file: 'customer-search.graphql',
    as: 'staff',
  },
  {
    name: 'customer-search-exact',
    label: '`customers(first: 20, search: "ada")` with the exact totalCount',
    file: 'customer-search-exact.graphql',
    as: 'staff',
  },
  { name: 'store-analytics', label: '`Store.analytics(since: 30 days ago)`', file: 'store-analytics.graphql', as: 'staff' },
  { name: 'top-customers', label: '`topCustomers(limit: 10)`', file: 'top-customers.graphql', as: 'staff' },
  { name: 'average-order-value', label: '`averageOrderValue` (all time)', file: 'average-order-value.graphql', as: 'staff' },
] as const;
export type ScaleQueryName = (typeof SCALE_QUERIES)[number]['name'];

/** Who sends the requests, and what varies between requests of the mix. */
export interface ScaleCallers {
  customerToken: string;
  staffToken: string;
  /** Where listings of the store's customers start: null (the first page) and cursors further down. */
  cursors: (string | null)[];
  /** 30 days before the phase started (ISO-8601). */
  since: string;
}

/** The request of a query, variant `i` (0 is the one measured alone: the first page, "ada", exactly 30 days). */
function callOf(name: ScaleQueryName, query: string, callers: ScaleCallers, searches: string[], i: number): Call {
  const variables: Record<string, unknown> = {};
  if (name === 'staff-customers') variables.after = callers.cursors[i % callers.cursors.length] ?? null;
  if (name === 'customer-search' || name === 'customer-search-exact') variables.search = searches[i % searches.length];
  // A second later each time: the same question, asked as another request.
  if (name === 'store-analytics') variables.since = new Date(Date.parse(callers.since) - (i % 1000) * 1000).toISOString();
  const token = name === 'profile' ? callers.customerToken : callers.staffToken;
  return { token, body: JSON.stringify({ query, variables }) };
}

/**
 * The workloads of `--scale`, from bench/workloads/scale: one per query (the same request again
 * and again, measured on one connection: its latency), and the staff mix (the staff queries in
 * the order staff-mix.json gives, each request another variant).
 */
export function loadScaleWorkloads(dir: string, callers: ScaleCallers): { queries: (Workload & { label: string })[]; mix: Workload } {
  const mix = JSON.parse(readFileSync(join(dir, 'staff-mix.json'), 'utf8')) as { sequence: string[]; searches: string[] };
  const searches = mix.searches;
  if (searches[0] !== 'ada') throw new Error('staff-mix.json: the first search must be "ada", the one measured alone.');
  const texts = Object.fromEntries(SCALE_QUERIES.map((q) => [q.name, readFileSync(join(dir, q.file), 'utf8')])) as Record<
    ScaleQueryName,
    string
  >;
  const queries = SCALE_QUERIES.map((q) => {
    const call = callOf(q.name, texts[q.name], callers, searches, 0);
    return { name: q.name, label: q.label, sequence: [{ next: () => call }] };
  });
  const known = SCALE_QUERIES.filter((q) => q.as === 'staff').map((q) => q.name as string);
  const unknown = mix.sequence.filter((s) => !known.includes(s));
  if (unknown.length > 0)
    throw new Error(`staff-mix.json names requests that are not staff queries: ${unknown.join(', ')} (known: ${known.join(', ')}).`);
  const counters = new Map<string, number>();
  const steps: Step[] = mix.sequence.map((name) => ({
    next: () => {
      const i = counters.get(name) ?? 0;
      counters.set(name, i + 1);
      return callOf(name as ScaleQueryName, texts[name as ScaleQueryName], callers, searches, i);
    },
  }));
  return { queries, mix: { name: 'staff-mix', sequence: steps } };
}
