import { connect as connectTcp } from 'node:net';
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '@supergraph/gateway';

/**
 * What the tests of the platform's commands share (`npm start`, `--separate`, `npm run dev`, run as
 * processes of their own): free ports, the command's output, waiting for it, and finding the
 * processes a run left behind.
 */

/** A TCP server on 127.0.0.1:`port` (0: a free one). */
export const listenOn = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

/**
 * Ports for a child process to listen on, free a moment ago. They come from below the kernel's
 * ephemeral range (`ip_local_port_range`): a port the kernel handed out and took back can be given
 * to any outgoing connection (a database client's, a fetch's) before the child binds it, which is
 * how a test once failed with "already in use". Each test worker (`VITEST_POOL_ID`) has a block of
 * its own, so parallel files never pick the same port either; within a block the ports go round.
 */
export async function freePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  const held: Server[] = [];
  try {
    for (let tried = 0; ports.length < n; tried++) {
      if (tried >= PORT_BLOCK) throw new Error(`no ${n} free ports left in ${blockStart}–${blockStart + PORT_BLOCK - 1}`);
      const port = blockStart + (nextInBlock++ % PORT_BLOCK);
      const server = await listenOn(port).catch(() => undefined);
      if (!server) continue;
      held.push(server);
      ports.push(port);
    }
  } finally {
    await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
  }
  return ports;
}

const PORT_BLOCK = 500;
const ephemeralStart = (() => {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
})();
const blocks = Math.max(1, Math.floor((ephemeralStart - 10000) / PORT_BLOCK));
const blockStart = 10000 + ((Number(process.env.VITEST_POOL_ID ?? 0) || 0) % blocks) * PORT_BLOCK;
let nextInBlock = 0;

/** The end of a suite's title: why it was skipped, or nothing when it runs. */
export const skippedBecause = (why: string | false | undefined) => (why ? ` (skipped, because ${why})` : '');

/** Processes (other than this one) whose environment carries the marker: what a run left behind. */
export function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(join('/proc', entry, 'environ'), 'utf8').includes(marker)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Polls `check` every 100 ms; fails after `timeoutMs`, with the end of `output` when given. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, output?: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`waited ${timeoutMs / 1000} s for ${what}${output ? `; output:\n${output().slice(-3000)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs a TypeScript entry point of the repository with only `env` (and PATH), collecting its output. */
export function runScript(script: string, args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Sends SIGTERM and waits for the exit. */
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { child, exited, output: () => output, stop };
}

/** The platform's port variables, each on a free port, and the ports by service. */
export async function platformPorts() {
  const [gateway, customers, orders, payments, analytics, metrics, web] = (await freePorts(7)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const env = {
    GATEWAY_PORT: String(gateway),
    CUSTOMERS_PORT: String(customers),
    ORDERS_PORT: String(orders),
    PAYMENTS_PORT: String(payments),
    ANALYTICS_PORT: String(analytics),
    METRICS_PORT: String(metrics),
    WEB_PORT: String(web),
  };
  return { gateway, customers, orders, payments, analytics, metrics, web, env };
}

/**
 * Whether a server at host:port answers as `answered` expects, within a second: what it says
 * first (after `greeting`, if given) decides.
 */
function serverAnswers(host: string, port: number, answered: (first: string) => boolean, greeting?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    if (greeting) socket.once('connect', () => socket.write(greeting));
    socket.once('data', (data) => done(answered(data.toString())));
  });
}

/** Whether a NATS server with JetStream greets us at host:port. */
export const natsAnswers = (host: string, port: number) =>
  serverAnswers(host, port, (first) => first.startsWith('INFO ') && first.includes('"jetstream":true'));

/** Whether a Redis answers PING at host:port. */
export const redisAnswers = (host: string, port: number) => serverAnswers(host, port, (first) => first.startsWith('+PONG'), 'PING\r\n');
