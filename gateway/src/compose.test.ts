import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCALARS } from '@supergraph/service-kit';
import { buildASTSchema, isScalarType, isSpecifiedScalarType, parse } from 'graphql';
import { describe, expect, test } from 'vitest';
import { composeFromConfig, REPO_ROOT, staleSupergraph, SUPERGRAPH_SDL } from './compose.ts';

describe('composition', () => {
  test('supergraph.yaml composes, and the checked-in supergraph is current', () => {
    const result = composeFromConfig();
    if (!result.ok) throw new Error(`composition failed:\n${result.errors.join('\n')}`);
    const checkedIn = readFileSync(SUPERGRAPH_SDL, 'utf8');
    // If this fails, a subgraph schema changed: run `npm run compose` and commit gateway/supergraph.graphql.
    expect(checkedIn.trimEnd()).toBe(result.supergraphSdl.trimEnd());
  });

  test('every custom scalar a client can send is one the gateway can check (SCALARS in service-kit)', () => {
    // The gateway's schema knows custom scalars only by name; input of a scalar it has no
    // implementation for would reach a subgraph unchecked. Federation's own scalars are not input.
    const schema = buildASTSchema(parse(readFileSync(SUPERGRAPH_SDL, 'utf8')), { assumeValidSDL: true });
    const custom = Object.values(schema.getTypeMap())
      .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type) && !/^(join|link|federation|requiresScopes)__/.test(type.name))
      .map((type) => type.name);
    expect(custom.length).toBeGreaterThan(0);
    expect(custom.filter((name) => !SCALARS[name])).toEqual([]);
  });

  test('a broken subgraph schema is reported as composition errors, not a supergraph', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    // Two subgraphs define the same non-shareable field: composition must refuse.
    writeFileSync(
      join(dir, 'a.graphql'),
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { hello: String }',
    );
    writeFileSync(
      join(dir, 'b.graphql'),
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { hello: String }',
    );
    writeFileSync(
      join(dir, 'supergraph.yaml'),
      'federation_version: =2.7.0\nsubgraphs:\n  a:\n    routing_url: http://a/graphql\n    schema:\n      file: ./a.graphql\n  b:\n    routing_url: http://b/graphql\n    schema:\n      file: ./b.graphql\n',
    );
    const result = composeFromConfig(join(dir, 'supergraph.yaml'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toContain('INVALID_FIELD_SHARING');
  });

  test('a missing schema file is named in the error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(
      join(dir, 'supergraph.yaml'),
      'subgraphs:\n  ghost:\n    routing_url: http://g/graphql\n    schema:\n      file: ./nope.graphql\n',
    );
    const result = composeFromConfig(join(dir, 'supergraph.yaml'));
    expect(!result.ok && result.errors[0]).toMatch(/ghost.*nope\.graphql/);
  });

  test('a development start says when the composed supergraph has fallen behind an SDL, and nothing when it is current', () => {
    expect(staleSupergraph()).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    const sdl = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { hello: String }';
    writeFileSync(join(dir, 'a.graphql'), sdl);
    writeFileSync(
      join(dir, 'supergraph.yaml'),
      'subgraphs:\n  a:\n    routing_url: http://a/graphql\n    schema:\n      file: ./a.graphql\n',
    );
    const composed = composeFromConfig(join(dir, 'supergraph.yaml'));
    writeFileSync(join(dir, 'supergraph.graphql'), composed.ok ? composed.supergraphSdl : '');
    expect(staleSupergraph(join(dir, 'supergraph.graphql'), join(dir, 'supergraph.yaml'))).toBeUndefined();
    // A field added to the SDL, not composed yet.
    writeFileSync(join(dir, 'a.graphql'), `${sdl.replace('hello: String', 'hello: String\n  added: Int')}`);
    expect(staleSupergraph(join(dir, 'supergraph.graphql'), join(dir, 'supergraph.yaml'))).toMatch(
      /does not match the subgraphs' SDLs .*run `npm run compose`/,
    );
  });

  test('the customers subgraph names no other domain', () => {
    const sdl = readFileSync(join(REPO_ROOT, 'subgraphs/customers/src/schema.graphql'), 'utf8');
    expect(sdl).not.toMatch(/\b(orders?|payments?|metrics|analytics)\b/i);
  });
});
