import { originAllowed } from '@supergraph/service-kit';
import { describe, expect, test } from 'vitest';
import { readGatewayConfig } from './config.ts';

const SUBGRAPHS = ['customers', 'orders', 'payments', 'analytics'];
const SECRET = { INTERNAL_TOKEN_SECRET: 'x'.repeat(40) };

describe('CORS origins', () => {
  test('development: Apollo Sandbox and a dev server on any local port; CORS_ORIGINS adds to them', () => {
    const { corsOrigins } = readGatewayConfig({ ...SECRET, CORS_ORIGINS: 'https://app.example' }, SUBGRAPHS);
    for (const origin of [
      'https://studio.apollographql.com',
      'http://localhost:5173',
      'http://127.0.0.1:3000',
      'http://localhost',
      'https://app.example',
    ])
      expect(originAllowed(corsOrigins, origin), origin).toBe(true);
    for (const origin of [
      'https://evil.example',
      'http://localhost.evil.example:5173',
      'https://localhost:5173',
      'http://localhost:5173/x',
      'http://127.0.0.1:99999x',
    ])
      expect(originAllowed(corsOrigins, origin), origin).toBe(false);
  });

  test('production: only what is configured', () => {
    const production = (cors?: string) =>
      readGatewayConfig({ ...SECRET, NODE_ENV: 'production', ...(cors ? { CORS_ORIGINS: cors } : {}) }, SUBGRAPHS).corsOrigins;
    expect(production()).toEqual([]);
    const configured = production('https://app.example,https://admin.example');
    expect(originAllowed(configured, 'https://app.example')).toBe(true);
    expect(originAllowed(configured, 'http://localhost:5173')).toBe(false);
    expect(originAllowed(configured, 'https://studio.apollographql.com')).toBe(false);
  });

  test('an origin with a path or without a scheme is refused with a message saying what an origin is', () => {
    expect(() => readGatewayConfig({ ...SECRET, CORS_ORIGINS: 'localhost:5173' }, SUBGRAPHS)).toThrow(
      /CORS_ORIGINS.*scheme:\/\/host with an optional :port/,
    );
    expect(() => readGatewayConfig({ ...SECRET, CORS_ORIGINS: 'https://app.example/' }, SUBGRAPHS)).toThrow(/CORS_ORIGINS/);
  });
});
