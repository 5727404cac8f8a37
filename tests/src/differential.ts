/**
 * The machinery of the executor differential test (`executor-differential.test.ts`): one request
 * sent through two gateways, the answers compared byte for byte (the JSON text, so the order of
 * keys counts, and the HTTP status), and a mismatch described so a reader sees what differs.
 */

/** One request, as sent, and who sends it. */
export interface Exchange {
  /** What it is and where it came from: `corpus tests/src/orders.test.ts:42`, `generated #17 (seed …)`. */
  label: string;
  role: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface Answer {
  status: number;
  /** The body re-serialised as JSON (the same key order), or the raw text when it is not JSON. */
  body: string;
}

export interface Gateway {
  name: string;
  url: string;
}

export async function ask(url: string, exchange: Exchange, token: string | undefined): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: exchange.query, variables: exchange.variables, operationName: exchange.operationName }),
  });
  const text = await response.text();
  let body = text;
  try {
    body = JSON.stringify(JSON.parse(text));
  } catch {
    // Not JSON: compared as text.
  }
  return { status: response.status, body };
}

export const same = (a: Answer, b: Answer) => a.status === b.status && a.body === b.body;

export interface Comparison {
  exchange: Exchange;
  answers: [Answer, Answer];
  matched: boolean;
  /** How many times both were asked again before an answer of one was an answer of the other. */
  retries: number;
  /** Matched only as the same errors in another order (see `compare`). */
  reordered: boolean;
}

/**
 * Sends `exchange` through both gateways at once; they match when the status and the JSON text
 * are the same. @apollo/gateway lists the errors of fetches that run in parallel in the order the
 * fetches finish, which differs from try to try (and between two gateways, whose connections and
 * timing differ). So when the answers differ, both are asked again a few times and match when
 * some answer of one is an answer of the other; and when none is, answers that differ only in the
 * order of their errors (the same errors, the same data, key for key) match too, marked
 * `reordered` so that the test can say how many there were.
 */
export async function compare(
  [candidate, reference]: [Gateway, Gateway],
  exchange: Exchange,
  token: string | undefined,
  retries = 3,
): Promise<Comparison> {
  const both = async () =>
    (await Promise.all([ask(candidate.url, exchange, token), ask(reference.url, exchange, token)])) as [Answer, Answer];
  const answers = await both();
  if (same(...answers)) return { exchange, answers, matched: true, retries: 0, reordered: false };
  const key = (a: Answer) => `${a.status} ${a.body}`;
  const seen = [new Set([key(answers[0])]), new Set([key(answers[1])])] as const;
  for (let i = 1; i <= retries; i += 1) {
    const [ours, theirs] = await both();
    seen[0].add(key(ours));
    seen[1].add(key(theirs));
    if ([...seen[0]].some((k) => seen[1].has(k))) return { exchange, answers, matched: true, retries: i, reordered: false };
  }
  const reordered = onlyErrorOrderDiffers(...answers);
  return { exchange, answers, matched: reordered, retries, reordered };
}

/** The two answers side by side around their first difference, trimmed. */
export function describeMismatch(comparison: Comparison, gateways: [Gateway, Gateway], note = ''): string {
  const { exchange, answers } = comparison;
  const [a, b] = answers;
  let at = 0;
  while (at < a.body.length && a.body[at] === b.body[at]) at += 1;
  const around = (text: string) => {
    const start = Math.max(0, at - 300);
    return `${start > 0 ? '…' : ''}${text.slice(start, at + 500)}${text.length > at + 500 ? '…' : ''}`;
  };
  return [
    `--- ${exchange.label}, as ${exchange.role}${note ? ` (${note})` : ''}`,
    `operation${exchange.operationName ? ` ${exchange.operationName}` : ''}: ${trim(exchange.query, 1500)}`,
    `variables: ${trim(JSON.stringify(exchange.variables ?? {}), 600)}`,
    a.status !== b.status
      ? `HTTP status: ${gateways[0].name} ${a.status}, ${gateways[1].name} ${b.status}`
      : `HTTP status: ${a.status} (both)`,
    `first difference at character ${at}:`,
    `  ${gateways[0].name}: ${around(a.body)}`,
    `  ${gateways[1].name}: ${around(b.body)}`,
  ].join('\n');
}

const trim = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}… (${flat.length} characters)` : flat;
};

/**
 * What an answer looks like with its values blanked: every string becomes "" and every number 0;
 * keys, nulls, booleans, list lengths, error codes and error paths stay. Two answers to a mutation that
 * wrote something (fresh ids, tokens, times) cannot be equal, but their shapes can.
 */
export function shapeOf(answer: Answer): string {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return `${answer.status} <not JSON>`;
  }
  // Error codes, type names and the field names of error paths are shape, not values.
  const blank = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key === 'code' || key === '__typename' || key === 'path' ? value : '';
    if (typeof value === 'number') return 0;
    if (Array.isArray(value)) return value.map((item) => blank(item, key === 'path' ? key : undefined));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v, k)]));
    return value;
  };
  return `${answer.status} ${JSON.stringify(blank(json))}`;
}

/** Runs `task` over `items` with at most `limit` at a time, in order of the items. */
export async function eachWithin<T>(limit: number, items: readonly T[], task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What kinds of answer a set of comparisons met: data, data with errors, errors alone (by code), by HTTP status. */
export function summarize(answers: Answer[]): string {
  const kinds = new Map<string, number>();
  const count = (kind: string) => kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  for (const answer of answers) {
    let body: { data?: unknown; errors?: { extensions?: { code?: string } }[] } | undefined;
    try {
      body = JSON.parse(answer.body);
    } catch {
      body = undefined;
    }
    const codes = [...new Set((body?.errors ?? []).map((e) => e.extensions?.code ?? '?'))].sort().join('+');
    const hasData = body?.data !== undefined && body.data !== null && Object.keys(body.data as object).length > 0;
    if (!body) count(`HTTP ${answer.status}, not JSON`);
    else if (hasData && !codes) count('data');
    else if (hasData) count(`data with ${codes}`);
    else count(`${answer.status === 200 ? '' : `HTTP ${answer.status} `}${codes || 'nothing'}`);
  }
  return [...kinds.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}

/** Whether two answers differ only in the order of their errors (what parallel fetches may change). */
export function onlyErrorOrderDiffers(a: Answer, b: Answer): boolean {
  try {
    const sorted = (answer: Answer) => {
      const body = JSON.parse(answer.body) as { errors?: unknown[] };
      if (body.errors) body.errors = body.errors.map((e) => JSON.stringify(e)).sort();
      return `${answer.status} ${JSON.stringify(body)}`;
    };
    return sorted(a) === sorted(b);
  } catch {
    return false;
  }
}
