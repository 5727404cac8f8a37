import { readFileSync } from 'node:fs';
import { createLogger, listenOperations, loadEnvFile, loadOrExit, startTracing, stopOnSignal } from '@supergraph/service-kit';
import { staleSupergraph, subgraphNamesOf, SUPERGRAPH_SDL } from './compose.ts';
import { readGatewayConfig } from './config.ts';
import { createServer } from './server.ts';

/** Runs the gateway as its own process (the deployed shape) in front of subgraphs started separately. */
async function main() {
  loadEnvFile();
  // The supergraph names the subgraphs, and with them the <NAME>_URL and <NAME>_TIMEOUT_MS settings.
  const supergraphPath = process.env.SUPERGRAPH_PATH || SUPERGRAPH_SDL;
  const supergraphSdl = readSupergraph(supergraphPath);
  const config = loadOrExit(() => readGatewayConfig(process.env, subgraphNamesOf(supergraphSdl)));
  const tracing = config.tracing.enabled ? startTracing({ serviceName: config.tracing.serviceName }) : undefined;
  const logger = createLogger('gateway', config.logLevel);
  const stale = config.development && supergraphPath === SUPERGRAPH_SDL ? staleSupergraph() : undefined;
  if (stale) logger.warn(stale);
  const { internalSecret } = config;
  if (!internalSecret) {
    logger.fatal(
      "INTERNAL_TOKEN_SECRET must be set when the gateway runs on its own, to the same value as the subgraphs'. Run `npm run keys` to create one.",
    );
    process.exit(1);
  }
  const service = await createServer({
    config,
    supergraphSdl,
    supergraphPath: config.supergraphPath,
    logger,
    internalSecret,
  });
  const running = await service.listen(config.host, config.port);
  const operations = await listenOperations([service], config.operations.host, config.operations.port);
  logger.info({ url: running.url, operations: operations.origin }, 'gateway is listening');
  // SIGHUP: load a new supergraph without a restart (keeps the last good one if it fails).
  process.on('SIGHUP', () => void service.reload?.());
  stopOnSignal(
    (signal) => logger.info({ signal }, 'shutting down'),
    () => service.stop(),
    () => operations.close(),
    () => tracing?.shutdown(),
  );
}

function readSupergraph(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    console.error(
      `The gateway cannot read its supergraph at ${path}. Run \`npm run compose\`, or point SUPERGRAPH_PATH at a composed supergraph.`,
    );
    process.exit(1);
  }
}

main().catch((error) => {
  console.error('The gateway could not start:', error);
  process.exit(1);
});
