/**
 * Per-document validation scheduling. An edit (re)starts the document's timer, so a newer edit cancels an
 * older pending validation, and a validation never publishes for a version that is no longer current.
 *
 * The delay adapts to the document: validation of a small file is so cheap that it runs at once (diagnostics
 * feel instant); for a big file, a single edit after a pause waits only a fraction of the last validation's
 * cost, while edits arriving faster than validation could keep up (typing, a paste storm) wait twice the gap
 * between them (at most 1.5 times the cost), so the server validates once when the burst ends instead of
 * falling behind.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cost = new Map<string, number>();
  private readonly lastEdit = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly rerun = new Set<string>();

  constructor(
    private readonly run: (uri: string) => Promise<void>,
    private readonly log: (m: string) => void,
    private readonly maxDelayMs = 400,
  ) {}

  /** Schedules a validation; `delayMs` overrides the adaptive delay (0 = as soon as possible). */
  schedule(uri: string, delayMs?: number): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    const now = performance.now();
    const gap = now - (this.lastEdit.get(uri) ?? -Infinity);
    this.lastEdit.set(uri, now);
    const delay = delayMs ?? this.adaptiveDelay(this.cost.get(uri) ?? 0, gap);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.execute(uri);
      }, delay),
    );
  }

  /** The delay for a document whose last validation cost `cost` ms, `gap` ms after its previous edit. */
  adaptiveDelay(cost: number, gap: number): number {
    if (cost < 4) return 0;
    // A single edit after a pause: a quarter of the cost. In a burst, waiting twice the gap between the edits is
    // enough to see the burst end (every edit restarts the timer), and never more than 1.5 times the cost.
    const delay = gap < 3 * cost ? Math.min(cost * 1.5, Math.max(10, gap * 2)) : cost * 0.25;
    return Math.min(this.maxDelayMs, Math.round(delay));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.cost.delete(uri);
    this.lastEdit.delete(uri);
    this.rerun.delete(uri);
  }

  private async execute(uri: string): Promise<void> {
    // Never two validations of one document at once: a timer that fires during a run only asks for one more run
    // after it (however many fire), which then validates the newest version.
    if (this.running.has(uri)) {
      this.rerun.add(uri);
      return;
    }
    this.running.add(uri);
    try {
      do {
        this.rerun.delete(uri);
        const started = performance.now();
        await this.run(uri).catch((e: unknown) => this.log(`validation of ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
        this.cost.set(uri, performance.now() - started);
      } while (this.rerun.has(uri));
    } finally {
      this.running.delete(uri);
    }
  }
}
