// Where owner:watch's alerts go, each fed from the journal (reports/<network>/watch/alerts.jsonl) so
// that none is lost or sent twice: the terminal (as they are committed), a JSON-lines copy
// (`--jsonl FILE`, which resumes after its own last seq) and a webhook (`--webhook URL`: one POST per
// alert in order, retried with backoff; its cursor is persisted, the journal is its durable queue
// and at most `maxQueue` alerts are held in memory, so a webhook that is down never stops the
// watch and loses nothing).
import { appendFileSync } from "node:fs";

import type { Alert } from "./alerts.ts";
import { lastSeqOf, type WatchStore } from "./store.ts";

export function formatAlert(alert: Alert): string {
  return `[${alert.severity}] ${alert.kind} · block ${alert.block} · ${alert.message}`;
}

/** A JSON-lines file of every alert, written once each even across restarts. */
export class JsonlSink {
  #last: number;
  constructor(
    readonly file: string,
    store: WatchStore,
  ) {
    this.#last = lastSeqOf(file);
    this.write(store.readJournal(this.#last));
  }

  write(alerts: readonly Alert[]): void {
    const fresh = alerts.filter((a) => a.seq > this.#last);
    if (fresh.length === 0) return;
    appendFileSync(this.file, fresh.map((a) => `${JSON.stringify(a)}\n`).join(""));
    this.#last = fresh[fresh.length - 1].seq;
  }
}

export interface WebhookOptions {
  maxQueue?: number;
  /** First retry delay; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
}

/** POSTs each journaled alert to `url`, in order, until it answers 2xx. */
export class WebhookSink {
  #cursor: number;
  #queue: Alert[] = [];
  #wake: (() => void) | undefined;
  #stopped = false;
  #running: Promise<void> | undefined;
  readonly stats = { posts: 0, failures: 0 };

  constructor(
    readonly url: string,
    private readonly store: WatchStore,
    private readonly options: WebhookOptions = {},
  ) {
    this.#cursor = store.loadCursors().webhook ?? 0;
  }

  get delivered(): number {
    return this.#cursor;
  }

  /** New alerts are in the journal. */
  notify(): void {
    this.#wake?.();
  }

  start(): void {
    this.#running ??= this.#run();
  }

  /** Waits until everything journaled is delivered or `timeoutMs` passes; then stops. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.#cursor < this.store.lastJournalSeq() && Date.now() < deadline) {
      this.notify();
      await new Promise((r) => setTimeout(r, 50));
    }
    const done = this.#cursor >= this.store.lastJournalSeq();
    this.#stopped = true;
    this.notify();
    return done;
  }

  async #run(): Promise<void> {
    const log = this.options.log ?? (() => {});
    const maxQueue = this.options.maxQueue ?? 1_000;
    let delay = this.options.backoffMs ?? 250;
    while (!this.#stopped) {
      if (this.#queue.length === 0) this.#queue = this.store.readJournal(this.#cursor, maxQueue);
      const next = this.#queue[0];
      if (next === undefined) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
          setTimeout(resolve, 1_000);
        });
        continue;
      }
      if (await this.#post(next)) {
        this.#queue.shift();
        this.#cursor = next.seq;
        this.store.saveCursor("webhook", next.seq);
        delay = this.options.backoffMs ?? 250;
      } else {
        this.stats.failures += 1;
        log(`webhook ${this.url} did not take alert ${next.seq}; retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 30_000);
      }
    }
  }

  async #post(alert: Alert): Promise<boolean> {
    this.stats.posts += 1;
    try {
      const response = await (this.options.fetch ?? fetch)(this.url, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": alert.key },
        body: JSON.stringify(alert),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok;
    } catch {
      return false;
    }
  }
}
