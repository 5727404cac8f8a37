// What the end-to-end tests and the benchmark share: the real platform on free ports and an
// isolated database, a GraphQL client for it, and Hive Gateway over the same subgraphs.
export {
  createIsolatedDatabase,
  gqlAt,
  PAYMENT_FIELDS,
  startTestPlatform,
  TEST_SIZE,
  type GraphQLResponse,
  type PaymentResult,
  type TestPlatform,
} from './platform.ts';
export { startHiveGateway, type HiveGatewayOptions } from './hive.ts';
export { controllableProxy, type ProxiedAnswer, type ProxyMode, type Rewrite, type SubgraphProxy } from './proxy.ts';
export { following, metric, watch, wsClient, type LiveEvent, type Watched } from './live.ts';
export { DEFER_ACCEPT, incremental, merge, type IncrementalAnswer, type IncrementalEntry, type Part } from './incremental.ts';
export {
  freePorts,
  listenOn,
  natsAnswers,
  platformPorts,
  redisAnswers,
  processesMarked,
  runScript,
  skippedBecause,
  until,
} from './processes.ts';
