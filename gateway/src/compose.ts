import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';
import { parse as parseYaml } from 'yaml';

export const REPO_ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
export const SUPERGRAPH_CONFIG = resolve(REPO_ROOT, 'supergraph.yaml');
export const SUPERGRAPH_SDL = resolve(REPO_ROOT, 'gateway/supergraph.graphql');
/** The schema clients see (the supergraph's API schema, with `@defer`): written by `npm run compose` for client codegen. */
export const API_SCHEMA_SDL = resolve(REPO_ROOT, 'gateway/api-schema.graphql');

interface SupergraphYaml {
  federation_version?: string;
  subgraphs?: Record<string, { routing_url?: string; schema?: { file?: string } }>;
}

export type CompositionResult = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

/** Composes the subgraphs listed in supergraph.yaml (rover's format) from their SDL files. */
export function composeFromConfig(configPath = SUPERGRAPH_CONFIG): CompositionResult {
  const config = parseYaml(readFileSync(configPath, 'utf8')) as SupergraphYaml;
  const entries = Object.entries(config.subgraphs ?? {});
  if (entries.length === 0) return { ok: false, errors: [`${configPath} lists no subgraphs.`] };

  const problems: string[] = [];
  const services = entries.flatMap(([name, subgraph]) => {
    const file = subgraph.schema?.file;
    if (!subgraph.routing_url || !file) {
      problems.push(`subgraph "${name}" needs both routing_url and schema.file.`);
      return [];
    }
    const path = resolve(dirname(configPath), file);
    try {
      return [{ name, url: subgraph.routing_url, typeDefs: parse(readFileSync(path, 'utf8')) }];
    } catch (error) {
      problems.push(`subgraph "${name}": cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  });
  if (problems.length > 0) return { ok: false, errors: problems };

  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`) };
  }
  return { ok: true, supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`) };
}

/** The names of the subgraphs a composed supergraph routes to (its `join__Graph` values). */
export function subgraphNamesOf(supergraphSdl: string): string[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((m) => m[1]!);
}

/**
 * Why the composed supergraph file is not what supergraph.yaml's SDLs compose to now (an SDL
 * edited without `npm run compose`), in words; undefined when it is current. Compared by content,
 * not by file times, which a fresh clone does not keep. For development starts: composing takes
 * a moment.
 */
export function staleSupergraph(supergraphPath = SUPERGRAPH_SDL, configPath = SUPERGRAPH_CONFIG): string | undefined {
  let current: string;
  try {
    current = readFileSync(supergraphPath, 'utf8');
  } catch {
    return `${supergraphPath} cannot be read; run \`npm run compose\`.`;
  }
  const composed = composeFromConfig(configPath);
  if (!composed.ok) return `the subgraphs' SDLs do not compose (${composed.errors[0]}); the gateway serves the last composed supergraph.`;
  const normalise = (sdl: string) => sdl.trimEnd();
  if (normalise(composed.supergraphSdl) === normalise(current)) return undefined;
  return 'gateway/supergraph.graphql does not match the subgraphs\' SDLs (one changed since the last `npm run compose`): what changed there is not in the gateway\'s schema ("Cannot query field …") until you run `npm run compose`.';
}

/**
 * The schema a client sees, as SDL: the supergraph's API schema (no `@inaccessible` parts, no join
 * types) with `@defer` declared, descriptions kept. For client codegen, which cannot read a supergraph.
 * Security features (`@requiresScopes`) are the gateway's to enforce, not this printout's to check.
 */
export const clientSchemaSdl = (supergraphSdl: string): string =>
  `${printSchema(Supergraph.build(supergraphSdl, { supportedFeatures: null }).apiSchema().toGraphQLJSSchema({ includeDefer: true }))}\n`;
