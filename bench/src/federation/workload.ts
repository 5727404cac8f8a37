import { readFileSync } from 'node:fs';
import type { Workload } from '../workloads.ts';

const file = (name: string) => readFileSync(new URL(`../../workloads/federation/${name}`, import.meta.url), 'utf8');

/** The public gateways benchmark's request, sent as it sends it: TestQuery, anonymous, the same every time. */
export const TEST_QUERY_BODY = JSON.stringify({ query: file('test-query.graphql') });

/** The answer every contender must give to TestQuery (the public benchmark's, about 87 KB). */
export const EXPECTED_ANSWER: unknown = JSON.parse(file('expected.json'));

/** TestQuery again and again on every connection: identical requests in flight, which read-merging may share. */
export const FEDERATION_WORKLOAD: Workload = { name: 'federation', sequence: [{ next: () => ({ body: TEST_QUERY_BODY }) }] };

const preview = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 80));

/** Where two JSON values first differ (`$.data.users[0].name: expected …, got …`), or null when they are the same. */
export function firstDifference(expected: unknown, actual: unknown, path = '$'): string | null {
  if (Object.is(expected, actual)) return null;
  const bothObjects = typeof expected === 'object' && typeof actual === 'object' && expected !== null && actual !== null;
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual))
    return `${path}: expected ${preview(expected)}, got ${preview(actual)}`;
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
    const difference = firstDifference(e[key], a[key], Array.isArray(e) ? `${path}[${key}]` : `${path}.${key}`);
    if (difference) return difference;
  }
  return null;
}

/** Sends TestQuery once to a contender: null when its answer is the expected one, else what is wrong with it. */
export async function checkAnswer(url: string): Promise<string | null> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: TEST_QUERY_BODY });
  const text = await response.text();
  if (response.status !== 200) return `HTTP ${response.status}: ${text.slice(0, 200)}`;
  try {
    return firstDifference(EXPECTED_ANSWER, JSON.parse(text));
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
}
