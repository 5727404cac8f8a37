import { generateAccessTokenKeys, generateInternalSecret } from '@supergraph/service-kit';

// `npm run keys`: prints a fresh Ed25519 signing key and internal secret as .env lines.
const { privateKeyPem } = await generateAccessTokenKeys();
const oneLine = (pem: string) => JSON.stringify(pem.trim()).slice(1, -1);
console.log(`# Generated ${new Date().toISOString()}. Keep both secret.
# The customers subgraph signs access tokens with this key and publishes its public half at
# /.well-known/jwks.json, where the gateway fetches it (AUTH_JWKS_URL).
AUTH_SIGNING_KEY="${oneLine(privateKeyPem)}"
# Shared by the gateway and every subgraph: proves a request came through the gateway.
INTERNAL_TOKEN_SECRET=${generateInternalSecret()}`);
