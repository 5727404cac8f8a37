import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SUPERGRAPH_CONFIG, SUPERGRAPH_SDL } from '@supergraph/gateway';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { REGISTRY } from '@supergraph/platform';

interface SupergraphYaml {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

describe('the registry of subgraphs', () => {
  test("supergraph.yaml lists exactly the registry: same names, same order, routing URL on the default port, the subgraph's own schema file", () => {
    const yaml = parseYaml(readFileSync(SUPERGRAPH_CONFIG, 'utf8')) as SupergraphYaml;
    const listed = Object.entries(yaml.subgraphs).map(([name, s]) => ({ name, url: s.routing_url, file: s.schema.file }));
    const expected = REGISTRY.map(({ definition }) => ({
      name: definition.name,
      url: `http://127.0.0.1:${definition.port}/graphql`,
      file: `./subgraphs/${definition.name}/src/schema.graphql`,
    }));
    expect(listed).toEqual(expected);
  });

  test('names and ports are unique, and every subgraph is in the composed supergraph', () => {
    const names = REGISTRY.map((r) => r.definition.name);
    const ports = REGISTRY.map((r) => r.definition.port);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(ports).size).toBe(ports.length);
    const sdl = readFileSync(SUPERGRAPH_SDL, 'utf8');
    for (const { definition } of REGISTRY)
      expect(sdl).toContain(`@join__graph(name: "${definition.name}", url: "http://127.0.0.1:${definition.port}/graphql")`);
  });

  test('each subgraph lives in the folder named after it, with its package named after it too', () => {
    for (const { definition } of REGISTRY) {
      const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'subgraphs', definition.name, 'package.json'), 'utf8')) as { name: string };
      expect(pkg.name).toBe(`@supergraph/${definition.name}`);
    }
  });
});
