import { readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, test } from 'vitest';
import { extractAuthorization } from '../authorization.ts';
import { SUPERGRAPH_SDL } from '../compose.ts';
import { deepMerge } from './execute.ts';
import { compileShape } from './shape.ts';

// The pieces of the executor on their own; the differential test (tests/src/executor-differential.test.ts)
// holds the whole executor to @apollo/gateway's answers through real HTTP.
const api = Supergraph.build(extractAuthorization(readFileSync(SUPERGRAPH_SDL, 'utf8')).executableSdl).apiSchema();
const shapeOf = (query: string) => compileShape(operationFromDocument(api, parse(query)));
const noIntrospection = () => {
  throw new Error('not asked');
};

describe('the response shape', () => {
  test('keeps the operation’s order and response names, drops what only the plan needed', () => {
    const shape = shapeOf('{ stores { name first: slug } }');
    // Fetches answer under the operation's response names (the planner keeps aliases), plus keys.
    const input = { stores: [{ __typename: 'Store', id: 's1', first: 'napoli', name: 'Napoli' }] };
    expect(JSON.stringify(shape(input, {}, noIntrospection).data)).toBe('{"stores":[{"name":"Napoli","first":"napoli"}]}');
  });

  test('a `__proto__` alias is an ordinary response key, and no prototype is touched', () => {
    const shape = shapeOf('{ __proto__: stores { slug } }');
    const input = JSON.parse('{"__proto__":[{"slug":"napoli"}]}');
    const { data } = shape(input, {}, noIntrospection);
    expect(JSON.stringify(data)).toBe('{"__proto__":[{"slug":"napoli"}]}');
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).slug).toBeUndefined();
  });

  test('a null where the schema forbids one empties the nearest nullable parent, with the error’s path', () => {
    const nullable = shapeOf('{ store(slug: "napoli") { slug name } }');
    const first = nullable({ store: { slug: 'napoli', name: null } }, {}, noIntrospection);
    expect(first.data).toEqual({ store: null });
    expect(first.errors.map((e) => [e.message, e.path])).toEqual([
      ['Cannot return null for non-nullable field Store.name.', ['store', 'name']],
    ]);
    // `stores: [Store!]!`: nothing nullable on the way, so the whole data is null.
    const nonNull = shapeOf('{ stores { slug name } }');
    expect(nonNull({ stores: [{ slug: 'napoli', name: null }] }, {}, noIntrospection).data).toBeNull();
  });

  test('@skip and @include follow the variables, defaults included', () => {
    const shape = shapeOf(
      'query ($withName: Boolean = true, $noSlug: Boolean!) { stores { slug @skip(if: $noSlug) name @include(if: $withName) } }',
    );
    const input = { stores: [{ slug: 'napoli', name: 'Napoli' }] };
    expect(shape(input, { noSlug: true }, noIntrospection).data).toEqual({ stores: [{ name: 'Napoli' }] });
    expect(shape(input, { noSlug: false, withName: false }, noIntrospection).data).toEqual({ stores: [{ slug: 'napoli' }] });
  });
});

describe('merging answers', () => {
  test('objects key by key and lists element by element; a `__proto__` key stays an own key', () => {
    const target: Record<string, unknown> = { a: { b: 1 }, list: [{ x: 1 }, { x: 2 }] };
    deepMerge(target, JSON.parse('{"a":{"c":2},"list":[{"y":1},{"y":2}],"__proto__":{"polluted":true}}'));
    expect(JSON.stringify(target)).toBe('{"a":{"b":1,"c":2},"list":[{"x":1,"y":1},{"x":2,"y":2}],"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
