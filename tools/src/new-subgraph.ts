import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { subgraphFiles, testFile, type Names, type Versions } from './templates.ts';

const HELP = `Creates a new subgraph that extends Customer with one field, and wires it in.

Usage: npm run new-subgraph -- <name> [--skip-install]

  <name>          lower-case letters and digits, starting with a letter (for example loyalty):
                  the folder subgraphs/<name>, the package @supergraph/<name>, the PostgreSQL
                  schema, the key in supergraph.yaml and the field Customer.<name>
  --skip-install  do not run npm install afterwards (it links the new workspace and updates
                  package-lock.json; run it yourself before npm start)

It writes the subgraph (schema, resolver, context, loaders, access rule, a consumer of customer
events, drizzle schema and first migration, config, server and index), its end-to-end test in
tests/src/<name>.test.ts, a line in the registry (platform/src/subgraphs.ts), the platform's
dependency on it and an entry in supergraph.yaml; then it generates the resolver types and the
migration and composes the supergraph. Nothing under subgraphs/customers changes.`;

const ROOT = join(dirname(new URL(import.meta.url).pathname), '../..');
const RESERVED = new Set(['gateway', 'platform', 'tests', 'bench', 'tools', 'packages', 'node', 'id', 'query', 'mutation', 'subscription']);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(ROOT, path)), { recursive: true });
  writeFileSync(join(ROOT, path), text);
};

/** Why `name` cannot be a new subgraph, or null when it can. */
function refusal(name: string): string | null {
  if (!/^[a-z][a-z0-9]{1,29}$/.test(name))
    return `"${name}" is not a subgraph name: use 2 to 30 lower-case letters and digits, starting with a letter (for example loyalty).`;
  if (RESERVED.has(name)) return `"${name}" is taken by the project itself; choose another name.`;
  if (existsSync(join(ROOT, 'subgraphs', name))) return `subgraphs/${name} exists already.`;
  const customer = /\ntype Customer\b[^{]*\{([\s\S]*?)\n\}/.exec(read('gateway/supergraph.graphql'))?.[1] ?? '';
  if (new RegExp(`\\n\\s*${name}\\s*[(:]`).test(customer))
    return `Customer already has a field named "${name}": the new subgraph's field would clash with it. Choose another name.`;
  return null;
}

/** The next free port after the subgraphs' routing URLs in supergraph.yaml. */
const nextPort = () =>
  Math.max(...[...read('supergraph.yaml').matchAll(/routing_url: http:\/\/[^:]+:(\d+)\//g)].map((m) => Number(m[1]))) + 1;

/** The new subgraph depends on what the others use, at the versions the project already has. */
function versions(): Versions {
  const kit = JSON.parse(read('packages/service-kit/package.json')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const subgraphWithCodegen = JSON.parse(read('subgraphs/customers/package.json')) as { devDependencies: Record<string, string> };
  const pick = (from: Record<string, string>, names: string[]) => Object.fromEntries(names.map((n) => [n, from[n] ?? 'latest']));
  return {
    dependencies: { '@supergraph/service-kit': '*', ...pick(kit.dependencies, ['dataloader', 'drizzle-orm', 'graphql']) },
    devDependencies: {
      ...pick(subgraphWithCodegen.devDependencies, [
        '@graphql-codegen/cli',
        '@graphql-codegen/typescript',
        '@graphql-codegen/typescript-resolvers',
      ]),
      ...pick(kit.devDependencies, ['drizzle-kit']),
    },
  };
}

/** Adds the subgraph to the registry: an import and an entry, after the last of each. */
function register({ name }: Names) {
  const path = 'platform/src/subgraphs.ts';
  let text = read(path);
  const imports = [...text.matchAll(/^import .* from '@supergraph\/[a-z0-9]+';$/gm)];
  const lastImport = imports.at(-1);
  const close = text.indexOf('] as const satisfies readonly RegisteredSubgraph[];');
  if (!lastImport || close < 0) fail(`${path} does not look as expected; add the subgraph to it by hand.`);
  text = `${text.slice(0, close)}  entry(${name}),\n${text.slice(close)}`;
  const at = lastImport.index + lastImport[0].length;
  text = `${text.slice(0, at)}\nimport { ${name} } from '@supergraph/${name}';${text.slice(at)}`;
  write(path, text);

  const pkgPath = 'platform/package.json';
  const pkg = JSON.parse(read(pkgPath)) as { dependencies: Record<string, string> };
  pkg.dependencies = Object.fromEntries(
    Object.entries({ ...pkg.dependencies, [`@supergraph/${name}`]: '*' }).sort(([a], [b]) => a.localeCompare(b)),
  );
  write(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);

  write(
    'supergraph.yaml',
    `${read('supergraph.yaml').trimEnd()}\n  ${name}:\n    routing_url: http://127.0.0.1:${nextPort()}/graphql\n    schema:\n      file: ./subgraphs/${name}/src/schema.graphql\n`,
  );
}

const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

/** drizzle-kit's first migration creates the schema plainly; the migrator has made it already (for its own bookkeeping). */
function firstMigrationToleratesSchema(name: string) {
  const dir = `subgraphs/${name}/drizzle`;
  const journal = JSON.parse(read(`${dir}/meta/_journal.json`)) as { entries: { tag: string }[] };
  const first = `${dir}/${journal.entries[0]!.tag}.sql`;
  write(first, read(first).replace(`CREATE SCHEMA "${name}";`, `CREATE SCHEMA IF NOT EXISTS "${name}";`));
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'skip-install': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help || positionals.length !== 1) {
    console.log(HELP);
    process.exit(values.help ? 0 : 1);
  }
  const name = positionals[0]!;
  const problem = refusal(name);
  if (problem) fail(problem);
  const names: Names = { name, type: name[0]!.toUpperCase() + name.slice(1), port: nextPort() };

  for (const [path, text] of Object.entries(subgraphFiles(names, versions()))) write(`subgraphs/${name}/${path}`, text);
  write(`tests/src/${name}.test.ts`, testFile(names));
  register(names);
  console.log(`Wrote subgraphs/${name} (port ${names.port}), tests/src/${name}.test.ts, its registry entry and its supergraph.yaml entry.`);

  if (!values['skip-install']) {
    console.log('Linking the new workspace (npm install)…');
    run('npm', ['install', '--no-audit', '--no-fund']);
  }
  console.log('Generating resolver types, the first migration, and the supergraph…');
  run('npm', ['run', 'codegen', '-w', `@supergraph/${name}`]);
  run('npm', ['run', 'db:generate', '-w', `@supergraph/${name}`, '--', '--name', 'init']);
  firstMigrationToleratesSchema(name);
  run('npm', ['run', 'compose']);
  // The templates are written for reading; the formatter lays them out for this name, so npm run lint stays clean.
  // Its summary goes to stderr; only a failure is worth showing (execFileSync throws with the output).
  execFileSync(join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', `subgraphs/${name}`, `tests/src/${name}.test.ts`, 'platform'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  console.log(`
Done: Customer.${name} is in gateway/supergraph.graphql. Nothing under subgraphs/customers changed.
Next: npm start (then query { me { firstName ${name} { value } } } as a signed-in customer),
npm test -- tests/src/${name}.test.ts, and make ${relative(ROOT, join(ROOT, 'subgraphs', name, 'src/schema.graphql'))} your own.`);
}

main();
