/**
 * Runs `step` until it reports no more work, one run at a time. A call while a run is under way
 * asks that run to go round once more (work may have arrived meanwhile) and shares its promise.
 * The outbox relay and every consumer drain this way.
 */
export class DrainLoop {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly step: () => Promise<boolean>,
    private readonly stopped: () => boolean,
  ) {}

  run(): Promise<void> {
    if (this.stopped()) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped() && (await this.step())) {
            // keep going until there is nothing left to do
          }
        } while (this.again && !this.stopped());
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Waits for the run under way, if any, ignoring its failure (for stop and replay). */
  async settled(): Promise<void> {
    await this.running?.catch(() => {});
  }
}
