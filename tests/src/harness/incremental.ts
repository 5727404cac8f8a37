/**
 * A client for incremental (`@defer`) answers as Apollo Client's HttpLink asks for them
 * (`Accept: multipart/mixed;deferSpec=20220824, application/json`): it reads the multipart body
 * as it arrives and hands over each part the moment its closing boundary has been read, so a
 * test can tell what arrived before what.
 */

export interface IncrementalEntry {
  data: Record<string, unknown> | null;
  path: (string | number)[];
  label?: string;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface Part {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
  hasNext?: boolean;
  incremental?: IncrementalEntry[];
}

export interface IncrementalAnswer {
  status: number;
  contentType: string;
  headers: Headers;
  /** Every part, in the order they arrived (a plain JSON answer is one part). */
  parts: Part[];
  /** The parts merged as a client merges them: each entry's data at its path. */
  merged: { data: Record<string, unknown> | null | undefined; errors: NonNullable<Part['errors']> };
}

export const DEFER_ACCEPT = 'multipart/mixed;deferSpec=20220824, application/json';

/** Sends an operation asking for parts; `onPart` is called as each part arrives (before the answer has ended). */
export async function incremental(
  url: string,
  body: { query?: string; variables?: Record<string, unknown>; operationName?: string; extensions?: Record<string, unknown> },
  options: { token?: string; accept?: string; onPart?: (part: Part, index: number) => void; headers?: Record<string, string> } = {},
): Promise<IncrementalAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: options.accept ?? DEFER_ACCEPT,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify(body),
  });
  const contentType = response.headers.get('content-type') ?? '';
  const parts: Part[] = [];
  const take = (part: Part) => {
    parts.push(part);
    options.onPart?.(part, parts.length - 1);
  };
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!contentType.startsWith('multipart/mixed') || !boundary) {
    take((await response.json()) as Part);
  } else {
    const delimiter = `\r\n--${boundary}`;
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let at = buffer.indexOf(delimiter); at >= 0; at = buffer.indexOf(delimiter)) {
        const chunk = buffer.slice(0, at);
        buffer = buffer.slice(at + delimiter.length);
        const json = chunk.slice(chunk.indexOf('\r\n\r\n') + 4);
        if (chunk.includes('\r\n\r\n') && json.trim()) take(JSON.parse(json) as Part);
      }
    }
  }
  return { status: response.status, contentType, headers: response.headers, parts, merged: merge(parts) };
}

/** Merges parts as Apollo Client does: the first part's data, then each entry's data at its path. */
export function merge(parts: Part[]): IncrementalAnswer['merged'] {
  const errors: NonNullable<Part['errors']> = [];
  let data: Record<string, unknown> | null | undefined;
  for (const part of parts) {
    if (part.errors) errors.push(...part.errors);
    // A copy: the parts stay as they arrived.
    if (part.data !== undefined) data = structuredClone(part.data);
    for (const entry of part.incremental ?? []) {
      if (entry.errors) errors.push(...entry.errors);
      if (!entry.data || !data) continue;
      let target: any = data;
      for (const key of entry.path) target = target?.[key];
      if (target && typeof target === 'object') deepAssign(target, structuredClone(entry.data));
    }
  }
  return { data, errors };
}

function deepAssign(target: Record<string, any>, source: Record<string, any>) {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && target[key] && typeof target[key] === 'object')
      deepAssign(target[key], value);
    else if (Array.isArray(value) && Array.isArray(target[key]))
      value.forEach((v, i) => {
        if (v && typeof v === 'object' && target[key][i] && typeof target[key][i] === 'object') deepAssign(target[key][i], v);
        else target[key][i] = v;
      });
    else target[key] = value;
  }
}
