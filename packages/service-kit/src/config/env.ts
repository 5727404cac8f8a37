import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export { z };

/** The repository's `.env`, read by every command that starts something (npm start, a service, the event tools). */
export const DEFAULT_ENV_FILE = fileURLToPath(new URL('../../../../.env', import.meta.url));

/**
 * Loads `.env` (or the file `ENV_FILE` names) into the environment, with Node's own env-file
 * reader, before any setting is parsed: a variable exported in the shell wins over the file, and
 * the file's values go through the same validation as exported ones. No file: nothing to do
 * (unless ENV_FILE names one, which must exist). Returns the file read, if any. For entry points only.
 */
export function loadEnvFile(defaultPath = DEFAULT_ENV_FILE): string | undefined {
  const named = process.env.ENV_FILE;
  const path = named || defaultPath;
  if (!existsSync(path)) {
    if (named) {
      console.error(`ENV_FILE names ${named}, which does not exist.`);
      process.exit(1);
    }
    return undefined;
  }
  process.loadEnvFile(path);
  return path;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`The configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables with a zod object schema whose keys are the variable names.
 * Every problem is collected and reported together, each naming its variable.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  // Empty strings mean "not set": `FOO=` in a .env file should fall back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const received = issue.code === 'invalid_type' && cleaned[name] === undefined ? 'is required but not set' : issue.message;
      return `${name}: ${received}`;
    }),
  );
}

/**
 * Runs several config readers and reports the problems of all of them together (one ConfigError),
 * so a person fixes every variable in one go.
 */
export function readAll<T extends readonly unknown[]>(...reads: { [K in keyof T]: () => T[K] }): T {
  const problems: string[] = [];
  const results = reads.map((read) => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.filter((p) => !problems.includes(p)));
      return undefined;
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return results as unknown as T;
}

/** Reads the config or prints every problem in plain words and exits non-zero. For `index.ts` files only. */
export function loadOrExit<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example for every variable and its meaning.`);
      process.exit(1);
    }
    throw error;
  }
}

/** Reusable field parsers. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: () => z.url({ message: 'must be a URL, for example postgres://user@localhost:5432/db' }),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: () => z.enum(['development', 'production', 'test']).default('development'),
  seconds: (fallback: number) => z.coerce.number().int().positive().default(fallback),
  bool: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes')),
  list: () =>
    z.string().transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
};

/** Where the operations listener (metrics, detailed readiness) binds: apart from the public port. */
export interface OperationsConfig {
  host: string;
  port: number;
}

export const OPERATIONS_PORT = 9464;

/** METRICS_HOST (loopback by default: for Prometheus and operators, not for clients) and METRICS_PORT. */
export const operationsEnv = () => ({
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_PORT: env.port(OPERATIONS_PORT),
});

export const readOperationsConfig = (parsed: Record<string, unknown>): OperationsConfig => ({
  host: parsed.METRICS_HOST as string,
  port: parsed.METRICS_PORT as number,
});

/** OpenTelemetry tracing, from the standard variables (off unless they ask for it). */
export interface TracingConfig {
  enabled: boolean;
  serviceName: string;
}

/**
 * On with OTEL_TRACES_EXPORTER=otlp or an OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, unless
 * OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none. The exporter reads its endpoint itself.
 */
export function readTracingConfig(source: Record<string, string | undefined>, defaultServiceName: string): TracingConfig {
  const off = source.OTEL_SDK_DISABLED === 'true' || source.OTEL_TRACES_EXPORTER === 'none';
  const asked =
    source.OTEL_TRACES_EXPORTER === 'otlp' || Boolean(source.OTEL_EXPORTER_OTLP_ENDPOINT || source.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  return { enabled: asked && !off, serviceName: source.OTEL_SERVICE_NAME || defaultServiceName };
}
