import { describe, expect, test } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './pagination.ts';

describe('pagination', () => {
  test('cursors round-trip and are opaque', () => {
    const position = { createdAt: new Date('2026-03-01T10:00:00.000Z'), id: '7d0f4f6e-5d1a-4c1e-9f55-2b8b1f0a9c11' };
    const cursor = encodeCursor(position);
    expect(cursor).not.toContain('2026');
    expect(decodeCursor(cursor)).toEqual(position);
  });

  const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const id = '7d0f4f6e-5d1a-4c1e-9f55-2b8b1f0a9c11';
  test.each([
    'garbage',
    '',
    '!!!',
    Buffer.from('["nope", 1]').toString('base64url'),
    // Well-formed but wrong: each would have reached the database before.
    encoded(['2026-01-01T00:00:00.000Z', "x' OR '1'='1"]),
    encoded(['0000-01-01T00:00:00.000Z', id]),
    encoded(['+275760-09-13T00:00:00.000Z', id]),
    encoded(['2026-02-30T00:00:00.000Z', id]),
    encoded(['2026-01-01', id]),
    encoded(['2026-01-01T00:00:00.000Z', id, 'extra']),
    encoded({ createdAt: '2026-01-01T00:00:00.000Z', id }),
    encoded([1, 2]),
    'a'.repeat(10_000),
  ])('a foreign cursor %j is BAD_USER_INPUT', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrowError(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  test('page size defaults to 20 and is capped at 100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(0)).toBe(0);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(/between 0 and 100/);
    expect(() => pageSize(-1)).toThrow(/between 0 and 100/);
  });

  test('a connection tells whether a next page exists from one extra row', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id-${n}`, createdAt: new Date(Date.UTC(2026, 0, 4 - n)) }));
    const page = toConnection(rows, 2, false);
    expect(page.edges.map((e) => e.node.id)).toEqual(['id-1', 'id-2']);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: page.edges[1]!.cursor });
    expect(toConnection(rows, 3, true).pageInfo.hasNextPage).toBe(false);
  });
});
