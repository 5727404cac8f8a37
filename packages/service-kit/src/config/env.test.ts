import { describe, expect, test } from 'vitest';
import { ConfigError } from './env.ts';
import { readSubgraphConfig } from './subgraph.ts';

describe('configuration', () => {
  test('defaults give a working development setup', () => {
    const config = readSubgraphConfig('orders', 4002, {});
    expect(config).toMatchObject({
      name: 'orders',
      development: true,
      host: '127.0.0.1',
      port: 4002,
      database: { url: undefined, poolSize: 10 },
    });
  });

  test('<NAME>_DATABASE_URL wins over DATABASE_URL', () => {
    const env = { DATABASE_URL: 'postgres://shared@db/all', ORDERS_DATABASE_URL: 'postgres://orders@db/orders' };
    expect(readSubgraphConfig('orders', 4002, env).database.url).toBe('postgres://orders@db/orders');
    expect(readSubgraphConfig('payments', 4003, env).database.url).toBe('postgres://shared@db/all');
  });

  test('every problem is reported at once, each with its variable name', () => {
    let error: unknown;
    try {
      readSubgraphConfig('orders', 4002, {
        ORDERS_PORT: 'eighty',
        DATABASE_URL: 'not a url',
        LOG_LEVEL: 'loud',
        INTERNAL_TOKEN_SECRET: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['ORDERS_PORT', 'DATABASE_URL', 'LOG_LEVEL', 'INTERNAL_TOKEN_SECRET']) expect(problems).toContain(name);
  });

  test('event consumer retries: defaults, and every bad setting reported at once', () => {
    expect(readSubgraphConfig('analytics', 4004, {}).events).toMatchObject({ maxAttempts: 5, retryBaseMs: 500, stallMs: 60_000 });
    expect(
      readSubgraphConfig('analytics', 4004, { EVENTS_MAX_ATTEMPTS: '3', EVENTS_RETRY_BASE_MS: '50', EVENTS_STALL_MS: '2000' }).events,
    ).toMatchObject({ maxAttempts: 3, retryBaseMs: 50, stallMs: 2000 });
    let error: unknown;
    try {
      readSubgraphConfig('analytics', 4004, { EVENTS_MAX_ATTEMPTS: '0', EVENTS_RETRY_BASE_MS: 'soon', EVENTS_STALL_MS: '-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['EVENTS_MAX_ATTEMPTS', 'EVENTS_RETRY_BASE_MS', 'EVENTS_STALL_MS']) expect(problems).toContain(name);
  });

  test('events on NATS: postgres by default, the NATS settings with their defaults, and every bad one reported at once', () => {
    expect(readSubgraphConfig('orders', 4002, {}).events.transport).toEqual({ kind: 'postgres' });
    expect(readSubgraphConfig('orders', 4002, { EVENTS_TRANSPORT: 'nats', NATS_URL: 'nats://127.0.0.1:4222' }).events.transport).toEqual({
      kind: 'nats',
      nats: {
        url: 'nats://127.0.0.1:4222',
        stream: 'supergraph-events',
        subjectPrefix: 'supergraph.events',
        maxAgeDays: 0,
        maxBytes: 0,
        duplicateWindowSeconds: 3600,
        ackWaitSeconds: 30,
      },
    });
    let error: unknown;
    try {
      readSubgraphConfig('orders', 4002, {
        EVENTS_TRANSPORT: 'nats',
        NATS_STREAM: 'has spaces',
        NATS_SUBJECT_PREFIX: 'events.>',
        NATS_STREAM_MAX_AGE_DAYS: '-1',
        DATABASE_URL: 'not a url',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'NATS_URL: is required when EVENTS_TRANSPORT=nats',
      'NATS_STREAM',
      'NATS_SUBJECT_PREFIX',
      'NATS_STREAM_MAX_AGE_DAYS',
      'DATABASE_URL',
    ])
      expect(problems).toContain(name);
    expect(() => readSubgraphConfig('orders', 4002, { EVENTS_TRANSPORT: 'kafka' })).toThrow(/EVENTS_TRANSPORT: must be postgres/);
    expect(() => readSubgraphConfig('orders', 4002, { EVENTS_TRANSPORT: 'nats', NATS_URL: 'http://x' })).toThrow(/NATS_URL: must be/);
  });

  test('an empty variable counts as unset', () => {
    expect(readSubgraphConfig('customers', 4001, { CUSTOMERS_PORT: '' }).port).toBe(4001);
  });
});
