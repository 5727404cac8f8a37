/**
 * Preloaded (`--import`) into our gateway by the benchmark only, with `--expose-gc`: on the
 * message "memory" from the benchmark it runs a full garbage collection and answers with the
 * process's memory, so the soak compares memory at two moments that are alike (just after a full
 * collection) instead of two arbitrary points of V8's saw-tooth. Nothing of this is in the
 * gateway's own code.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (process.send && gc) {
  process.on('message', (message) => {
    if (message !== 'memory') return;
    gc();
    // A second pass collects what the first one's finalizers released.
    gc();
    const { rss, heapUsed } = process.memoryUsage();
    process.send!({ rssMb: Math.round(rss / 2 ** 20), heapUsedMb: Math.round(heapUsed / 2 ** 20) });
  });
  // The channel must not keep the gateway alive on its own.
  process.channel?.unref();
}
