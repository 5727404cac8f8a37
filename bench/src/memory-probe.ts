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
    // V8 hands freed pages back to the system in the background: read RSS once that has happened
    // (a second later; measured here, RSS settles within it), after a second pass that also
    // collects what the first one's finalizers released.
    setTimeout(() => {
      gc();
      const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
      const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
      process.send!({ rssMb: mb(rss), heapUsedMb: mb(heapUsed), heapTotalMb: mb(heapTotal), externalMb: mb(external) });
    }, 1000);
  });
  // The channel must not keep the gateway alive on its own.
  process.channel?.unref();
}
