import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAccessTokenKeys, generateInternalSecret } from '@supergraph/service-kit';
import type { PlatformConfig } from './config.ts';

export interface PlatformSecrets {
  /** PKCS#8 PEM of the key the identity provider signs access tokens with (published as a JWKS). */
  signingKeyPem: string;
  internalSecret: string;
}

/**
 * Keys from config when given; otherwise (development only) generated, and kept in the data
 * directory when there is one, so tokens stay valid across restarts.
 */
export async function resolveSecrets(config: PlatformConfig): Promise<PlatformSecrets> {
  const configured = { signingKeyPem: config.signingKeys.signingKeyPem, internalSecret: config.gateway.internalSecret };
  if (configured.signingKeyPem && configured.internalSecret) return configured as PlatformSecrets;
  if (!config.gateway.development) {
    throw new Error('Production needs AUTH_SIGNING_KEY and INTERNAL_TOKEN_SECRET. Run `npm run keys` to create them.');
  }
  const file = config.dataDir ? join(config.dataDir, 'dev-secrets.json') : undefined;
  const stored = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<PlatformSecrets>) : {};
  const secrets: PlatformSecrets = {
    signingKeyPem: configured.signingKeyPem ?? stored.signingKeyPem ?? (await generateAccessTokenKeys()).privateKeyPem,
    internalSecret: configured.internalSecret ?? stored.internalSecret ?? generateInternalSecret(),
  };
  if (file) {
    mkdirSync(config.dataDir!, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
