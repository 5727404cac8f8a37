import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { generateAccessTokenKeys, generateInternalSecret } from '@supergraph/service-kit';
import { createIsolatedDatabase } from './platform.ts';
import { freePorts, natsAnswers, processesMarked, redisAnswers, runScript, until } from './processes.ts';

/**
 * The platform deployed beyond one machine, played on this one: a database per subgraph (each with
 * a login role that may reach it alone), events on a NATS JetStream server and limits in a Redis
 * server that this harness starts on free ports (so a test may stop and restart them without
 * touching the machine's shared ones), migrations run once (`npm run migrate -- --demo`), then every
 * service as its own process, as the README's deployment section starts them: replicas of a
 * subgraph over the same database, and gateways each in front of one replica of every subgraph.
 */

export const SUBGRAPHS = ['customers', 'orders', 'payments', 'analytics'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why the distributed layout cannot run here, or undefined when it can. */
export async function clusterUnavailable(): Promise<string | undefined> {
  if (spawnSync('nats-server', ['--version']).status !== 0) return 'nats-server is not installed';
  if (spawnSync('redis-server', ['--version']).status !== 0) return 'redis-server is not installed';
  const db = postgres(SERVER, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await db`select 1`;
  } catch {
    return `PostgreSQL is not reachable at ${new URL(SERVER).host}`;
  } finally {
    await db.end({ timeout: 1 });
  }
  return undefined;
}

/**
 * A database per subgraph on the PostgreSQL server, each owned by a role of its own that may
 * connect to it and to nothing else (connect is revoked from public).
 */
export async function databasePerSubgraph(tag = randomBytes(4).toString('hex')) {
  const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
  const server = new URL(SERVER);
  const names = Object.fromEntries(SUBGRAPHS.map((s) => [s, `sg_${s}_${tag}`])) as Record<SubgraphName, string>;
  const urlOf = (role: string, database: string) => `postgres://${role}@${server.host}/${database}`;
  for (const name of Object.values(names)) {
    await admin.unsafe(`create role ${name} login`);
    await admin.unsafe(`create database ${name} owner ${name}`);
    await admin.unsafe(`revoke connect on database ${name} from public`);
  }
  return {
    names,
    urlOf,
    /** Each subgraph's own URL, as `<NAME>_DATABASE_URL`. */
    env: Object.fromEntries(SUBGRAPHS.map((s) => [`${s.toUpperCase()}_DATABASE_URL`, urlOf(names[s], names[s])])) as Record<string, string>,
    /** A superuser connection to one subgraph's database, for the test's ground truth. */
    inspect: (subgraph: SubgraphName) => postgres(`postgres://postgres@${server.host}/${names[subgraph]}`, { max: 2, onnotice: () => {} }),
    async drop() {
      for (const name of Object.values(names)) {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.unsafe(`drop role if exists ${name}`);
      }
      await admin.end();
    },
  };
}

/** A server process of the harness's own (NATS or Redis) on a fixed port, which a test may kill and start again. */
export interface ServerProcess {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGKILL (the server goes away without a goodbye) and waits until it is gone. */
  kill(): Promise<void>;
  /** SIGSTOP: the server hangs (its connections stay open, nothing is answered) until resume(). */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

function serverProcess(command: string, args: string[], url: string, port: number, up: () => Promise<boolean>): ServerProcess {
  let child: ChildProcess | undefined;
  const exited = () =>
    new Promise<void>((resolve) =>
      !child || child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
  return {
    url,
    port,
    async start() {
      child = spawn(command, args, { stdio: 'ignore' });
      await until(up, 15_000, `${command} to listen on port ${port}`);
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async kill() {
      child?.kill('SIGKILL');
      await exited();
    },
    async stop() {
      child?.kill('SIGTERM');
      await exited();
    },
  };
}

/** A NATS server with JetStream on a free port, its store in a temporary directory kept across restarts. */
export async function natsServer(): Promise<ServerProcess & { dispose(): Promise<void> }> {
  const [port] = (await freePorts(1)) as [number];
  const dir = mkdtempSync(join(tmpdir(), 'supergraph-nats-'));
  const server = serverProcess(
    'nats-server',
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir],
    `nats://127.0.0.1:${port}`,
    port,
    () => natsAnswers('127.0.0.1', port),
  );
  await server.start();
  return {
    ...server,
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Redis server on a free port that keeps nothing on disk. */
export async function redisServer(): Promise<ServerProcess> {
  const [port] = (await freePorts(1)) as [number];
  const server = serverProcess(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
    `redis://127.0.0.1:${port}`,
    port,
    () => redisAnswers('127.0.0.1', port),
  );
  await server.start();
  return server;
}

/** One service process of the cluster. */
export interface ClusterService {
  /** `orders-2`, `gateway-1`, … */
  label: string;
  /** Its GraphQL URL. */
  url: string;
  /** Its operations listener (/metrics, /ready). */
  operationsUrl: string;
  output(): string;
  /** Whether it is running. */
  alive(): boolean;
  /** Its process id (for CPU time and memory). */
  pid(): number;
  /** SIGKILL: gone mid-whatever it was doing, no clean shutdown. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and waits until it is ready. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface Cluster {
  gateways: ClusterService[];
  replicas: Record<SubgraphName, ClusterService[]>;
  nats: ServerProcess;
  redis: ServerProcess;
  databases: Awaited<ReturnType<typeof databasePerSubgraph>>;
  /** The JetStream stream the events travel on. */
  stream: string;
  /** The key the identity provider signs access tokens with (PKCS#8 PEM), to mint tokens for load. */
  privateKeyPem: string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Replicas per subgraph (default 1 each). */
  replicas?: Partial<Record<SubgraphName, number>>;
  gateways?: number;
  /** Settings for every service. */
  env?: Record<string, string>;
  /**
   * How events travel: NATS JetStream (the default), or the PostgreSQL log in a fifth database
   * every subgraph reaches (then the services connect as the server's superuser, not as roles of their own).
   */
  events?: 'nats' | 'postgres';
}

async function waitReady(url: string, service: () => ClusterService, timeoutMs = 120_000) {
  await until(
    async () => {
      if (!service().alive()) throw new Error(`${service().label} stopped while starting:\n${service().output().slice(-3000)}`);
      try {
        return (await fetch(url)).ok;
      } catch {
        return false;
      }
    },
    timeoutMs,
    `${service().label} to be ready`,
    () => service().output(),
  );
}

/**
 * Starts the distributed layout: four databases, NATS, Redis, migrations and demo data once, then
 * the subgraph replicas and the gateways, each its own process. Gateway i talks to replica
 * i mod n of each subgraph.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const tag = randomBytes(4).toString('hex');
  const marker = randomUUID();
  const stream = `cluster-${tag}`;
  const databases = await databasePerSubgraph(tag);
  const onPostgresLog = options.events === 'postgres';
  const eventsDatabase = onPostgresLog ? await createIsolatedDatabase(SERVER, `sg_events_${tag}`) : undefined;
  /** Each subgraph's database URL: its own role's, or with the PostgreSQL log the superuser's (every subgraph also writes the shared log). */
  const databaseEnv: Record<string, string> = onPostgresLog
    ? Object.fromEntries(
        SUBGRAPHS.map((s) => [`${s.toUpperCase()}_DATABASE_URL`, `postgres://postgres@${new URL(SERVER).host}/${databases.names[s]}`]),
      )
    : databases.env;
  const nats = await natsServer();
  const redis = await redisServer();
  const { privateKeyPem } = await generateAccessTokenKeys();
  const common: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // Nine processes share the server with the rest of the suite.
    DATABASE_POOL_SIZE: '4',
    SUPERGRAPH_TEST_RUN: marker,
    INTERNAL_TOKEN_SECRET: generateInternalSecret(),
    ...(onPostgresLog ? { EVENTS_TRANSPORT: 'postgres', EVENTS_DATABASE_URL: eventsDatabase!.url } : { EVENTS_TRANSPORT: 'nats' }),
    NATS_URL: nats.url,
    NATS_STREAM: stream,
    NATS_SUBJECT_PREFIX: stream,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: `${stream}:`,
    ...options.env,
  };
  const services: ClusterService[] = [];
  const stopAll = async () => {
    await Promise.all(services.map((s) => s.stop()));
    await until(() => processesMarked(marker).length === 0, 15_000, 'every service to stop').catch(() => {
      for (const pid of processesMarked(marker)) process.kill(pid, 'SIGKILL');
    });
    await nats.dispose();
    await redis.stop();
    await databases.drop();
    await eventsDatabase?.drop();
  };
  try {
    // Migrations and the demo data, once, with each subgraph's own URL.
    const migrate = runScript('platform/src/migrate.ts', ['--demo'], { ...common, ...databaseEnv });
    const code = await migrate.exited;
    if (code !== 0) throw new Error(`npm run migrate failed:\n${migrate.output().slice(-3000)}`);

    const count = (s: SubgraphName) => options.replicas?.[s] ?? 1;
    const gatewayCount = options.gateways ?? 1;
    const ports = await freePorts(2 * (SUBGRAPHS.reduce((n, s) => n + count(s), 0) + gatewayCount));
    const nextPort = () => ports.shift()!;
    const service = (label: string, script: string, env: Record<string, string>, port: number, operationsPort: number, path: string) => {
      // PGAPPNAME names its database sessions (pg_stat_activity.application_name) after it.
      const own = { ...env, METRICS_PORT: String(operationsPort), PGAPPNAME: label };
      let run = runScript(script, [], own);
      const self: ClusterService = {
        label,
        url: `http://127.0.0.1:${port}${path}`,
        operationsUrl: `http://127.0.0.1:${operationsPort}`,
        output: () => run.output(),
        alive: () => run.child.exitCode === null && run.child.signalCode === null,
        pid: () => run.child.pid!,
        async kill() {
          run.child.kill('SIGKILL');
          await run.exited;
        },
        async restart() {
          if (self.alive()) await self.stop();
          run = runScript(script, [], own);
          await waitReady(self.url.replace(/\/graphql$/, '/ready'), () => self);
        },
        stop: () => run.stop(),
      };
      services.push(self);
      return self;
    };
    const replicas = Object.fromEntries(SUBGRAPHS.map((s) => [s, [] as ClusterService[]])) as Record<SubgraphName, ClusterService[]>;
    for (const subgraph of SUBGRAPHS) {
      for (let i = 1; i <= count(subgraph); i += 1) {
        const port = nextPort();
        const N = subgraph.toUpperCase();
        const env: Record<string, string> = {
          ...common,
          [`${N}_DATABASE_URL`]: databaseEnv[`${N}_DATABASE_URL`]!,
          [`${N}_PORT`]: String(port),
          ...(subgraph === 'customers' ? { AUTH_SIGNING_KEY: privateKeyPem } : {}),
        };
        replicas[subgraph].push(service(`${subgraph}-${i}`, `subgraphs/${subgraph}/src/index.ts`, env, port, nextPort(), '/graphql'));
      }
    }
    const gateways: ClusterService[] = [];
    for (let i = 0; i < gatewayCount; i += 1) {
      const pick = (s: SubgraphName) => replicas[s][i % replicas[s].length]!;
      const port = nextPort();
      const env: Record<string, string> = {
        ...common,
        GATEWAY_PORT: String(port),
        AUTH_JWKS_URL: pick('customers').url.replace('/graphql', '/.well-known/jwks.json'),
        ...Object.fromEntries(SUBGRAPHS.map((s) => [`${s.toUpperCase()}_URL`, pick(s).url])),
      };
      gateways.push(service(`gateway-${i + 1}`, 'gateway/src/index.ts', env, port, nextPort(), '/graphql'));
    }
    // Subgraphs first (the gateways need their schemas' health), then the gateways.
    const ready = (s: ClusterService) => waitReady(s.url.replace(/\/graphql$/, '/ready'), () => s);
    await Promise.all(services.filter((x) => !gateways.includes(x)).map(ready));
    await Promise.all(gateways.map(ready));
    return { gateways, replicas, nats, redis, databases, stream, privateKeyPem, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
