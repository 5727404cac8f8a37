import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAccessTokenKeys, generateInternalSecret } from '@supergraph/service-kit';
import type { PlatformConfig } from './config.ts';

export interface PlatformSecrets {
  signingKeyPem: string;
  verificationKeyPem: string;
  internalSecret: string;
}

/**
 * Keys from config when given; otherwise (development only) generated, and kept in the data
 * directory when there is one, so tokens stay valid across restarts.
 */
export async function resolveSecrets(config: PlatformConfig): Promise<PlatformSecrets> {
  const signingKeyPem = config.customers.auth.signingKeyPem;
  const verificationKeyPem = config.gateway.auth.verificationKeyPem;
  const internalSecret = config.gateway.internalSecret ?? config.customers.internalSecret;
  if (signingKeyPem && verificationKeyPem && internalSecret) return { signingKeyPem, verificationKeyPem, internalSecret };
  if (Boolean(signingKeyPem) !== Boolean(verificationKeyPem)) {
    throw new Error('Set both AUTH_SIGNING_KEY and AUTH_VERIFICATION_KEY (a key pair), or neither in development.');
  }
  if (!config.gateway.development) {
    throw new Error('Production needs AUTH_SIGNING_KEY, AUTH_VERIFICATION_KEY and INTERNAL_TOKEN_SECRET. Run `npm run keys` to create them.');
  }

  const file = config.dataDir ? join(config.dataDir, 'dev-secrets.json') : undefined;
  if (file && existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as PlatformSecrets;
    return { ...stored, ...(signingKeyPem ? { signingKeyPem, verificationKeyPem } : {}), ...(internalSecret ? { internalSecret } : {}) } as PlatformSecrets;
  }
  const keys = signingKeyPem ? { privateKeyPem: signingKeyPem, publicKeyPem: verificationKeyPem! } : await generateAccessTokenKeys();
  const secrets = { signingKeyPem: keys.privateKeyPem, verificationKeyPem: keys.publicKeyPem, internalSecret: internalSecret ?? generateInternalSecret() };
  if (file) {
    mkdirSync(config.dataDir!, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
