/**
 * Every GraphQL operation the repository writes down, found by reading it rather than listed by
 * hand: the string and template literals of the TypeScript under `tests/`, `bench/` and
 * `platform/` (the tests, the harness, the workloads' code, the sample printed at start), the
 * fenced blocks and code spans of the Markdown, the workloads' `.graphql` files, and the web app's
 * operations as its persisted operations manifest holds them (the text the gateway runs). Whatever
 * parses as an executable document and validates against the API schema is kept. A test added
 * tomorrow joins the corpus without editing anything.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  Kind,
  parse,
  parseType,
  print,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import ts from 'typescript';

export interface CorpusOperation {
  /** Where it was found: `tests/src/orders.test.ts:42`. */
  source: string;
  /** The whole document as printed (every operation and fragment of it). */
  query: string;
  /** Set when the document holds more than one operation. */
  operationName?: string;
  kind: 'query' | 'mutation' | 'subscription';
  document: DocumentNode;
}

/** Folders (relative to the repository) whose TypeScript is read, and files read as a whole. */
const CODE_FOLDERS = ['tests/src', 'bench/src', 'platform/src'];
const MARKDOWN = ['README.md', 'docs', 'bench/workloads'];
const GRAPHQL_FOLDERS = ['bench/workloads'];
const MANIFESTS = ['apps/web/src/__generated__/persisted-query-manifest.json'];

/** The files under a folder (or the file itself) whose names match, in a stable order. */
const filesUnder = (root: string, folder: string, pattern: RegExp): string[] => {
  const path = join(root, folder);
  if (!statSync(path).isDirectory()) return pattern.test(path) ? [path] : [];
  return (readdirSync(path, { recursive: true }) as string[])
    .filter((name) => pattern.test(name) && !name.includes('node_modules'))
    .map((name) => join(path, name))
    .sort();
};

interface Candidate {
  source: string;
  text: string;
}

/** Every operation of the corpus, deduplicated, in a stable order (by where it was first found). */
export function extractCorpus(root: string, schema: GraphQLSchema): { operations: CorpusOperation[]; candidates: number } {
  const candidates: Candidate[] = [
    ...CODE_FOLDERS.flatMap((folder) => fromTypeScript(root, filesUnder(root, folder, /\.ts$/))),
    ...MARKDOWN.flatMap((folder) => filesUnder(root, folder, /\.md$/)).flatMap((file) => fromMarkdown(root, file)),
    ...GRAPHQL_FOLDERS.flatMap((folder) => filesUnder(root, folder, /\.graphql$/)).map((file) => ({
      source: relative(root, file),
      text: readFileSync(file, 'utf8'),
    })),
    ...MANIFESTS.flatMap((file) =>
      (JSON.parse(readFileSync(join(root, file), 'utf8')) as { operations: { name: string; body: string }[] }).operations.map((o) => ({
        source: `${file} (${o.name})`,
        text: o.body,
      })),
    ),
  ];
  const seen = new Set<string>();
  const operations: CorpusOperation[] = [];
  for (const candidate of candidates) {
    const document = asDocument(candidate.text, schema);
    if (!document) continue;
    const query = print(document);
    const defined = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    for (const operation of defined) {
      const operationName = defined.length > 1 ? operation.name?.value : undefined;
      const key = `${operationName ?? ''}\u0000${query}`;
      if (seen.has(key)) continue;
      seen.add(key);
      operations.push({ source: candidate.source, query, operationName, kind: operation.operation, document });
    }
  }
  return { operations, candidates: candidates.length };
}

/** A text that parses, holds an operation and validates against the schema; undefined otherwise. */
function asDocument(text: string, schema: GraphQLSchema): DocumentNode | undefined {
  if (!/[{]/.test(text)) return undefined;
  let document: DocumentNode;
  try {
    document = withSubstitutionsAsVariables(parse(text), schema);
  } catch {
    return undefined;
  }
  if (!document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION)) return undefined;
  if (print(document).includes(MARKER_PREFIX)) return undefined;
  return validate(schema, document).length === 0 ? document : undefined;
}

// ---------------------------------------------------------------------------------------------
// TypeScript: string literals, and template literals whose substitutions are known strings or
// argument values.
// ---------------------------------------------------------------------------------------------

/** What a `${…}` the reader cannot resolve becomes: inside quotes, an argument the test fills. */
const MARKER_PREFIX = 'zzSubstitution';
const marker = (i: number) => `${MARKER_PREFIX}${i}zz`;
const MARKER = new RegExp(`^${MARKER_PREFIX}(\\d+)zz$`);
const MARKER_INSIDE = new RegExp(`${MARKER_PREFIX}\\d+zz`);
const MARKERS_INSIDE = new RegExp(MARKER_INSIDE.source, 'g');

function fromTypeScript(root: string, files: string[]): Candidate[] {
  const sources = files.map((file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  // `const AUTH = 'token refreshToken …'`: constants a template may splice in, by name (the file's own first).
  const constants = new Map<string, Map<string, string>>();
  for (const source of sources) {
    const own = new Map<string, string>();
    const visitNode = (node: ts.Node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isStringLiteralLike(node.initializer))
        own.set(node.name.text, node.initializer.text);
      ts.forEachChild(node, visitNode);
    };
    visitNode(source);
    constants.set(source.fileName, own);
  }
  const resolve = (file: string, name: string) => {
    const own = constants.get(file)?.get(name);
    if (own !== undefined) return own;
    const elsewhere = [...constants.values()].flatMap((c) => (c.has(name) ? [c.get(name)!] : []));
    return new Set(elsewhere).size === 1 ? elsewhere[0] : undefined;
  };

  const candidates: Candidate[] = [];
  for (const source of sources) {
    const where = (node: ts.Node) =>
      `${relative(root, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
    const visitNode = (node: ts.Node) => {
      if (ts.isStringLiteralLike(node)) candidates.push({ source: where(node), text: node.text });
      else if (ts.isTemplateExpression(node)) {
        let text = node.head.text;
        node.templateSpans.forEach((span, i) => {
          const known = ts.isIdentifier(span.expression) ? resolve(source.fileName, span.expression.text) : undefined;
          text += (known ?? marker(i)) + span.literal.text;
        });
        candidates.push({ source: where(node), text });
      }
      ts.forEachChild(node, visitNode);
    };
    visitNode(source);
  }
  return candidates;
}

/**
 * `order(id: "${orderId}")` read as `order(id: $sub0)`, a variable of the argument's type the test
 * fills from its fixtures like any other; a substitution inside a longer string (`"key-${n}"`)
 * becomes a fixed word. Substitutions anywhere else leave a marker, and the text is dropped.
 */
function withSubstitutionsAsVariables(document: DocumentNode, schema: GraphQLSchema): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const added = new Map<OperationDefinitionNode | undefined, VariableDefinitionNode[]>();
  let operation: OperationDefinitionNode | undefined;
  const asVariable = (index: string): ValueNode | undefined => {
    const type = typeInfo.getInputType();
    if (!type || !operation) return undefined;
    const name = `sub${index}`;
    const list = added.get(operation) ?? [];
    if (!list.some((d) => d.variable.name.value === name))
      list.push({
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
        type: parseType(String(type)),
      });
    added.set(operation, list);
    return { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } };
  };
  const replaced = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: {
        enter(node) {
          operation = node;
        },
      },
      StringValue(node) {
        const whole = MARKER.exec(node.value);
        if (whole) return asVariable(whole[1]!);
        if (MARKER_INSIDE.test(node.value)) return { ...node, value: node.value.replace(MARKERS_INSIDE, 'differential') };
        return undefined;
      },
      EnumValue(node) {
        const whole = MARKER.exec(node.value);
        return whole ? asVariable(whole[1]!) : undefined;
      },
    }),
  );
  if (added.size === 0) return replaced;
  // The visitor above saw the original nodes; match the operations of the result by position.
  const originals = document.definitions;
  return {
    ...replaced,
    definitions: replaced.definitions.map((definition, i) => {
      const extra = added.get(originals[i] as OperationDefinitionNode);
      if (!extra || definition.kind !== Kind.OPERATION_DEFINITION) return definition;
      return { ...definition, variableDefinitions: [...(definition.variableDefinitions ?? []), ...extra] };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown: fenced blocks and code spans.
// ---------------------------------------------------------------------------------------------

function fromMarkdown(root: string, file: string): Candidate[] {
  const text = readFileSync(file, 'utf8');
  const candidates: Candidate[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const match of text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm))
    candidates.push({ source: `${relative(root, file)}:${lineOf(match.index)}`, text: match[1]! });
  const withoutFences = text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '));
  for (const match of withoutFences.matchAll(/`([^`\n]+)`/g))
    candidates.push({ source: `${relative(root, file)}:${lineOf(match.index)}`, text: match[1]! });
  return candidates;
}
