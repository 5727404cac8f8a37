// The platform as other workspaces use it (the end-to-end tests and the benchmark): start it, read
// its config, its registry of subgraphs, its demo data and its operator commands' functions.
export {
  createPlatformGateway,
  createSubgraphs,
  eventLogUrl,
  loadDemoData,
  openDatabases,
  settle,
  startPlatform,
  type Databases,
  type Platform,
  type PlatformOptions,
} from './platform.ts';
export { readPlatformConfig, type PlatformConfig, type SubgraphConfigs } from './config.ts';
export {
  IDENTITY_PROVIDER,
  REGISTRY,
  SUBGRAPH_NAMES,
  SUBGRAPHS,
  type DemoStep,
  type RegisteredSubgraph,
  type SubgraphName,
} from './subgraphs.ts';
export { buildDataset, DEMO_PASSWORD, DEMO_SIZE, type Dataset, type DatasetSize, type DemoLogin } from './demo/dataset.ts';
export { demoToken, SAMPLE_QUERY, SAMPLE_SUBSCRIPTION, sampleOrderFlow } from './banner.ts';
export { formatParked, listParked, retryParked } from './event-ops.ts';
export { waitUntilReady } from './separate.ts';
export { buildWebApp, serveWebApp, type WebApp } from './web.ts';
