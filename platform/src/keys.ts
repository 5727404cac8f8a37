import { generateAccessTokenKeys, generateInternalSecret } from '@supergraph/service-kit';

// `npm run keys`: prints a fresh Ed25519 key pair and internal secret as .env lines.
const { privateKeyPem, publicKeyPem } = await generateAccessTokenKeys();
const oneLine = (pem: string) => JSON.stringify(pem.trim()).slice(1, -1);
console.log(`# Generated ${new Date().toISOString()}. Keep AUTH_SIGNING_KEY and INTERNAL_TOKEN_SECRET secret.
# customers signs access tokens with the private key; the gateway verifies them with the public key.
AUTH_SIGNING_KEY="${oneLine(privateKeyPem)}"
AUTH_VERIFICATION_KEY="${oneLine(publicKeyPem)}"
# Shared by the gateway and every subgraph: proves a request came through the gateway.
INTERNAL_TOKEN_SECRET=${generateInternalSecret()}`);
