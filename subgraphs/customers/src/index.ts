import { runStandaloneSubgraph, SigningKeyStore } from '@supergraph/service-kit';
import { readCustomersConfig } from './config.ts';
import { createServer, openCustomersDatabase } from './server.ts';

// Runs the customers subgraph as its own process (the deployed shape).
await runStandaloneSubgraph({
  readConfig: readCustomersConfig,
  openDatabase: openCustomersDatabase,
  createServer: async ({ config, database, logger, internalSecret, transport }) => {
    const signingKeyPem = config.auth.signingKeyPem;
    if (!signingKeyPem) throw new Error('AUTH_SIGNING_KEY must be set when the customers subgraph runs on its own. Run `npm run keys` to create one.');
    const signingKeys = await SigningKeyStore.fromPem(signingKeyPem, config.auth.previousVerificationKeyPems);
    return createServer({ config, database, logger, internalSecret, signingKeys, transport });
  },
});
