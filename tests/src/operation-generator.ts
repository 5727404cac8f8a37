/**
 * Random query operations over an API schema, from a seeded PRNG: the same seed builds the same
 * operations. At each level a random subset of the fields, some aliased (a field twice under two
 * aliases with different arguments among them), `__typename`, inline fragments with and without a
 * type condition, named fragments (some spread twice), `@skip`/`@include` on literals and on
 * variables, arguments inline or as variables (with defaults, some left out of the variables).
 * A few operations cross a gateway limit on purpose (depth, aliases, directives, tokens, cost).
 * Nothing here knows a field by name; argument values come from the caller.
 */
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
  validate,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { printLiteral } from './hostile-sweep.ts';

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; enough for test generation. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.#next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)]!;
  }
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.#next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

/**
 * Values an argument position may take, by its coordinate (`Query.order(id)`,
 * `Customer.orders(first)`) and type; empty when there are none (a field whose required argument
 * has no value is left out).
 */
export type ArgumentValues = (key: string, type: GraphQLInputType) => readonly unknown[];

/** `normal` stays within the gateway's limits; the others cross one on purpose. */
export type Shape = 'normal' | 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost';

export interface GeneratedOperation {
  query: string;
  variables: Record<string, unknown>;
  shape: Shape;
}

/** Within the gateway's defaults (depth 12, aliases 15, directives 50, tokens 2000) with room to spare. */
const MAX_DEPTH = 6;
const MAX_ALIASES = 10;
const MAX_DIRECTIVES = 12;

/** One operation: mostly `normal`, about one in twenty-five crossing a limit. */
export function generateOperation(
  schema: GraphQLSchema,
  random: Random,
  values: ArgumentValues,
  /** Fields (`Type.field`) never to ask for: the caller's call, this module names none. */
  omit: (coordinate: string) => boolean = () => false,
): GeneratedOperation {
  const roll = random.int(0, 99);
  const shape: Shape = roll < 96 ? 'normal' : random.pick<Shape>(['depth', 'aliases', 'directives', 'tokens', 'cost'] satisfies Shape[]);
  // An operation that fails validation by accident (two fragments asking one field with two
  // argument lists, say) is built again: the point is to execute, and the few such failures are
  // no executor's business. The shapes that cross a limit are kept as they are.
  for (let attempt = 0; ; attempt += 1) {
    const operation = new Builder(schema, random, values, omit).build(shape);
    if (shape !== 'normal' || attempt >= 20) return operation;
    if (validate(schema, parse(operation.query)).length === 0) return operation;
  }
}

class Builder {
  readonly #variableDefinitions: string[] = [];
  readonly #variables: Record<string, unknown> = {};
  readonly #fragments: { name: string; type: string; text: string }[] = [];
  /** Arguments once chosen for a response key of a type: the same key must always ask the same. */
  readonly #argumentsByKey = new Map<string, string>();
  #names = 0;
  #aliases = 0;
  #directives = 0;

  constructor(
    readonly schema: GraphQLSchema,
    readonly random: Random,
    readonly values: ArgumentValues,
    readonly omit: (coordinate: string) => boolean,
  ) {}

  build(shape: Shape): GeneratedOperation {
    const root = this.schema.getQueryType()!;
    let body: string;
    switch (shape) {
      case 'depth':
        body = this.chain(root, 14);
        break;
      case 'aliases':
        body = Array.from({ length: 16 + this.random.int(0, 4) }, () => `${this.alias()}: __typename`).join(' ');
        break;
      case 'directives':
        body = Array.from({ length: 52 }, () => '__typename @include(if: true)').join(' ');
        break;
      case 'tokens':
        body = Array.from({ length: 2100 }, () => '__typename').join(' ');
        break;
      case 'cost':
        body = this.costly(root);
        break;
      default:
        body = this.selection(root, this.random.int(2, MAX_DEPTH), true);
    }
    const name = this.random.chance(0.5) ? ` Generated${this.random.int(1, 999)}` : '';
    const head = this.#variableDefinitions.length > 0 ? `query${name}(${this.#variableDefinitions.join(', ')})` : `query${name}`;
    const useShorthand = name === '' && this.#variableDefinitions.length === 0 && this.random.chance(0.5);
    const fragments = this.#fragments.map((f) => `fragment ${f.name} on ${f.type} ${f.text}`).join('\n');
    return {
      query: `${useShorthand ? '' : `${head} `}{ ${body} }${fragments ? `\n${fragments}` : ''}`,
      variables: this.#variables,
      shape,
    };
  }

  /** Fields of `type` that can be asked for: every required argument has a value. */
  #usable(type: GraphQLCompositeType): GraphQLField<unknown, unknown>[] {
    if (isUnionType(type)) return [];
    return Object.values(type.getFields()).filter(
      (field) =>
        !field.name.startsWith('__') &&
        !this.omit(`${type.name}.${field.name}`) &&
        field.args.every(
          (arg) =>
            !isNonNullType(arg.type) ||
            arg.defaultValue !== undefined ||
            this.values(`${type.name}.${field.name}(${arg.name})`, arg.type).length > 0,
        ),
    );
  }

  /**
   * A selection set's inside: a few fields, now and then `__typename`, fragments, an aliased twin;
   * on an interface or a union, inline fragments on some of the types it may be.
   */
  selection(type: GraphQLCompositeType, depth: number, atRoot = false): string {
    const fields = this.#usable(type);
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    // At the last level only leaves; composite fields need at least one more level.
    const candidates = depth <= 1 && leaves.length > 0 ? leaves : fields;
    const count = candidates.length === 0 ? 0 : this.random.int(1, Math.min(candidates.length, atRoot ? 3 : 4));
    const parts = this.random
      .shuffled(candidates)
      .slice(0, count)
      .map((field) => this.field(type, field, depth));
    if (parts.length === 0 || this.random.chance(0.15)) parts.splice(this.random.int(0, parts.length), 0, '__typename');
    if (isAbstractType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      const some = this.random.shuffled(possible).slice(0, this.random.int(1, Math.min(2, possible.length)));
      for (const member of some) parts.push(`... on ${member.name} { ${this.selection(member, depth)} }`);
    }
    const withArgs = fields.filter((f) => f.args.length > 0 && (depth > 1 || isLeafType(getNamedType(f.type))));
    if (withArgs.length > 0 && this.random.chance(0.12) && this.#aliases + 2 <= MAX_ALIASES) {
      // The same field twice under two aliases, each with its own arguments.
      const twin = this.random.pick(withArgs);
      parts.push(this.field(type, twin, depth, true), this.field(type, twin, depth, true));
    }
    if (this.random.chance(0.12)) parts.push(this.inlineFragment(type, depth));
    if (this.random.chance(0.1)) parts.push(this.spread(type, depth));
    return parts.join(' ');
  }

  field(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, depth: number, forceAlias = false): string {
    const alias = forceAlias || (this.#aliases < MAX_ALIASES && this.random.chance(0.12)) ? this.alias() : undefined;
    const responseKey = alias ?? field.name;
    const memoKey = `${parent.name}.${responseKey}`;
    let args = this.#argumentsByKey.get(memoKey);
    if (args === undefined) {
      args = this.arguments(parent, field);
      this.#argumentsByKey.set(memoKey, args);
    }
    const named = getNamedType(field.type);
    let inner = '';
    if (isCompositeType(named)) inner = depth > 1 ? ` { ${this.selection(named, depth - 1)} }` : ' { __typename }';
    return `${alias ? `${alias}: ` : ''}${field.name}${args}${this.directive()}${inner}`;
  }

  alias(): string {
    this.#aliases += 1;
    return this.#fresh('a');
  }

  /** A name no other alias, variable or fragment of the operation has. */
  #fresh(prefix: string): string {
    this.#names += 1;
    return `${prefix}${this.#names}`;
  }

  /** Required arguments always, optional ones sometimes: inline literals or variables. */
  arguments(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): string {
    const parts: string[] = [];
    for (const arg of field.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      const options = this.values(`${parent.name}.${field.name}(${arg.name})`, arg.type);
      const named = getNamedType(arg.type);
      const pool = options.length > 0 ? options : isEnumType(named) ? named.getValues().map((v) => v.value) : [];
      if (pool.length === 0 || (!required && !this.random.chance(0.4))) continue;
      const value = this.random.pick(pool);
      parts.push(`${arg.name}: ${this.value(arg.type, value, required)}`);
    }
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  }

  /** A literal, or a variable: declared with or without a default, sent or left out. */
  value(type: GraphQLInputType, value: unknown, required: boolean): string {
    const literal = printLiteral(value, type)!;
    if (!this.random.chance(0.45)) return literal;
    const name = this.#fresh('v');
    const nullable = isNonNullType(type) ? type.ofType : type;
    const style = this.random.int(0, 3);
    if (style === 0) {
      // A default, and the variable left out: the default is what the field gets.
      this.#variableDefinitions.push(`$${name}: ${String(nullable)} = ${literal}`);
    } else if (style === 1 && !required) {
      // Nullable, no default, left out: as if the argument were not there.
      this.#variableDefinitions.push(`$${name}: ${String(nullable)}`);
    } else {
      this.#variableDefinitions.push(`$${name}: ${String(type)}`);
      this.#variables[name] = value;
    }
    return `$${name}`;
  }

  /** Now and then `@include`/`@skip`, on a literal or a variable (sent, or left to its default). */
  directive(): string {
    if (this.#directives >= MAX_DIRECTIVES || !this.random.chance(0.1)) return '';
    this.#directives += 1;
    const which = this.random.pick(['include', 'skip']);
    if (this.random.chance(0.4)) return ` @${which}(if: ${this.random.pick(['true', 'false'])})`;
    const name = this.#fresh('b');
    const value = this.random.chance(0.5);
    if (this.random.chance(0.3)) this.#variableDefinitions.push(`$${name}: Boolean = ${value}`);
    else {
      this.#variableDefinitions.push(`$${name}: Boolean!`);
      this.#variables[name] = value;
    }
    return ` @${which}(if: $${name})`;
  }

  /** `... on T`, `... on` an interface of T (its fields inside), or `...` alone. */
  inlineFragment(type: GraphQLCompositeType, depth: number): string {
    if (!this.random.chance(0.6)) return `...${this.directive()} { ${this.selection(type, depth)} }`;
    const condition = this.random.pick([type, ...(isObjectType(type) ? type.getInterfaces() : [])]);
    return `... on ${condition.name}${this.directive()} { ${this.selection(condition, depth)} }`;
  }

  /** A named fragment on `type`: an existing one again, or a new one. */
  spread(type: GraphQLCompositeType, depth: number): string {
    const existing = this.#fragments.filter((f) => f.type === type.name);
    if (existing.length > 0 && this.random.chance(0.4)) return `...${this.random.pick(existing).name}${this.directive()}`;
    const name = this.#fresh('F');
    const text = `{ ${this.selection(type, depth)} }`;
    // Registered once complete, so a fragment never spreads itself.
    this.#fragments.push({ name, type: type.name, text });
    return `...${name}${this.directive()}`;
  }

  /** One path of composite fields `levels` deep (past the depth limit), a leaf at its end. */
  chain(type: GraphQLObjectType, levels: number): string {
    if (levels <= 1) return this.selection(type, 1);
    const onward = this.#usable(type).filter((f) => {
      const target = getNamedType(f.type);
      return isObjectType(target) && this.#reaches(target, levels - 1);
    });
    if (onward.length === 0) return this.selection(type, 1);
    const field = this.random.pick(onward);
    return `${field.name}${this.arguments(type, field)} { ${this.chain(getNamedType(field.type) as GraphQLObjectType, levels - 1)} }`;
  }

  /** Whether a path of `levels` fields starts at `type` (through a cycle such as Order.customer.orders). */
  #reaches(type: GraphQLObjectType, levels: number, memo = new Map<string, boolean>()): boolean {
    if (levels <= 1) return true;
    const key = `${type.name}:${levels}`;
    if (!memo.has(key)) {
      memo.set(key, false);
      const found = this.#usable(type).some((f) => {
        const target = getNamedType(f.type);
        return isObjectType(target) && this.#reaches(target, levels - 1, memo);
      });
      memo.set(key, found);
    }
    return memo.get(key)!;
  }

  /** Fragments that each spread the one before twice: few tokens, a cost that doubles per level. */
  costly(root: GraphQLObjectType): string {
    const names = Array.from({ length: 18 }, (_, i) => `Cost${i}`);
    names.forEach((name, i) => {
      const text = i === 0 ? `{ ${this.selection(root, 2)} }` : `{ ...${names[i - 1]} ... { ...${names[i - 1]} } }`;
      this.#fragments.push({ name, type: root.name, text });
    });
    return `...${names.at(-1)}`;
  }
}
