// One run of owner:watch, Hardhat-free: the desired state, the store under
// reports/<network>/watch/, the sinks fed from its journal, and the loop; stops on the signal, at
// --until-block or, with --once, when caught up, and gives the webhook a moment to drain.
import { loadDesiredState } from "../desired-state.ts";
import type { RpcTransport } from "../chain/transport.ts";
import type { DoctorReport } from "../doctor.ts";
import { OwnerError } from "../errors.ts";
import { writeStatusPage } from "../output/status-page.ts";
import type { Alert } from "./alerts.ts";
import { runWatch, type WatchResult } from "./loop.ts";
import { formatAlert, JsonlSink, WebhookSink } from "./sinks.ts";
import { WatchStore } from "./store.ts";

export interface WatchRunOptions {
  network: string;
  manifestFile: string;
  deploymentFile: string;
  reportsDir: string;
  transport: RpcTransport;
  confirmations?: number;
  logRange?: number;
  diffEvery?: number;
  pollMs?: number;
  fromBlock?: number;
  untilBlock?: number;
  once?: boolean;
  jsonl?: string;
  webhook?: string;
  /** How long a stopping watch waits for the webhook to take what is journaled. */
  drainMs?: number;
  signal?: AbortSignal;
  print?: (line: string) => void;
}

/** Confirmations when the flag is not given: none on a development chain, 12 blocks elsewhere. */
export const defaultConfirmations = (chainId: number) => (chainId === 31337 ? 0 : 12);

export async function watchNetwork(
  options: WatchRunOptions,
): Promise<WatchResult & { webhookDelivered?: boolean }> {
  const print = options.print ?? console.log;
  const desired = loadDesiredState(options);
  for (const [flag, v] of Object.entries({
    "--confirmations": options.confirmations,
    "--log-range": options.logRange,
    "--diff-every": options.diffEvery,
  }))
    if (v !== undefined && (!Number.isSafeInteger(v) || v < (flag === "--confirmations" ? 0 : 1)))
      throw new OwnerError("BAD_ARGUMENT", `${flag} must be a whole number, found ${v}`);
  const store = new WatchStore(options.reportsDir, options.network);
  const jsonl = options.jsonl ? new JsonlSink(options.jsonl, store) : undefined;
  const webhook = options.webhook
    ? new WebhookSink(options.webhook, store, { log: print })
    : undefined;
  webhook?.start();
  const onAlerts = (alerts: readonly Alert[]) => {
    for (const a of alerts) print(formatAlert(a));
    jsonl?.write(alerts);
    if (alerts.length > 0) webhook?.notify();
  };
  let lastReport: DoctorReport | undefined;
  const confirmations = options.confirmations ?? defaultConfirmations(desired.chainId);
  print(
    `owner:watch ${options.network}: ${confirmations} confirmation(s), log range ${options.logRange ?? 2_000} blocks; checkpoint ${store.checkpointFile}`,
  );
  const result = await runWatch({
    desired,
    transport: options.transport,
    store,
    confirmations,
    logRange: options.logRange ?? 2_000,
    diffEvery: options.diffEvery ?? 100,
    pollMs: options.pollMs ?? (desired.chainId === 31337 ? 500 : 4_000),
    fromBlock: options.fromBlock,
    untilBlock: options.untilBlock,
    once: options.once,
    onAlerts,
    onDiff: (report) => (lastReport = report as DoctorReport),
    onCommit: () => {
      if (lastReport === undefined) return;
      const last = store.lastJournalSeq();
      writeStatusPage(lastReport, options.reportsDir, store.readJournal(Math.max(0, last - 50)));
    },
    log: print,
    signal: options.signal,
  });
  print(
    `owner:watch stopped before block ${result.nextBlock}: ${result.alerts} alert(s) in ${result.ticks} tick(s); RPC ${options.transport.stats.requests} requests in ${options.transport.stats.roundTrips} round trips`,
  );
  if (webhook === undefined) return result;
  const webhookDelivered = await webhook.drain(options.drainMs ?? 5_000);
  if (!webhookDelivered)
    print(
      `webhook ${options.webhook} has not taken every alert; they stay queued in ${store.journalFile} and are sent on the next start`,
    );
  return { ...result, webhookDelivered };
}
