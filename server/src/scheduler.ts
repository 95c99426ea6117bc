/**
 * Per-document validation scheduling. An edit (re)starts the document's timer, so a newer edit cancels an
 * older pending validation. The delay adapts to what validation costs for that document: a small file is
 * validated almost at once (diagnostics feel instant), a 10 MB file waits for the typing to pause.
 */
export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cost = new Map<string, number>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly run: (uri: string) => Promise<void>,
    private readonly log: (m: string) => void,
    private readonly maxDelayMs = 400,
  ) {}

  /** Schedules a validation; `delayMs` overrides the adaptive delay (0 = as soon as possible). */
  schedule(uri: string, delayMs?: number): void {
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    const last = this.cost.get(uri) ?? 0;
    const delay = delayMs ?? Math.min(this.maxDelayMs, Math.round(last * 1.5));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.execute(uri);
      }, delay),
    );
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.cost.delete(uri);
  }

  private async execute(uri: string): Promise<void> {
    // Never two validations of one document at once: wait for the running one.
    const prev = this.running.get(uri);
    if (prev) await prev;
    const started = performance.now();
    const p = this.run(uri).catch((e: unknown) => this.log(`validation of ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
    this.running.set(uri, p);
    await p;
    this.running.delete(uri);
    this.cost.set(uri, performance.now() - started);
  }
}
