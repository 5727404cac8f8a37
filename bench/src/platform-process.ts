import { readPlatformConfig, startPlatform, type DatasetSize } from '@supergraph/platform';

// The subgraphs (and the platform's own gateway) as `npm start` runs them, on demo data of the size
// BENCH_DEMO_SIZE gives: the subscriptions scenario needs a customer of its own for every subscriber.
const size = JSON.parse(process.env.BENCH_DEMO_SIZE!) as DatasetSize;
const startedAt = Date.now();
const platform = await startPlatform({ config: readPlatformConfig(process.env), demoSize: size });
console.log(JSON.stringify({ ready: platform.gatewayUrl, seconds: (Date.now() - startedAt) / 1000 }));
process.once('SIGTERM', () => void platform.stop().then(() => process.exit(0)));
