/**
 * Stops cleanly on SIGINT or SIGTERM: runs `stops` in order (each waits for the one before), then
 * exits 0, or 1 if one failed. For the processes' entry points only (`index.ts`, `npm start`).
 */
export function stopOnSignal(announce: (signal: NodeJS.Signals) => void, ...stops: (() => Promise<unknown> | undefined)[]): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      announce(signal);
      stops
        .reduce<Promise<unknown>>((done, stop) => done.then(() => stop()), Promise.resolve())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
  }
}
