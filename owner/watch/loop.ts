// owner:watch's loop: follows the chain block by block, each block once, in order. A tick is one
// JSON-RPC batch (the head, the logs of every system address over the next confirmed range, that
// range's last header and the header of the block before it), so a quiet block costs one round trip
// whatever the number of modules, and catching up costs one per `logRange` blocks. Logs are checked
// against their blocks' headers, so a block that did not stay never alerts; an RPC error backs off
// and retries from the last commit.
import { ReadBatch, toHexBlock, type Read } from "../chain/batch.ts";
import type { RpcTransport } from "../chain/transport.ts";
import type { DesiredState } from "../desired-state.ts";
import { checkSystem, type DoctorReport } from "../doctor.ts";
import { queueLogs, type RawLog } from "../timelock-queue.ts";
import {
  deriveAlerts,
  driftAlerts,
  watchedAddresses,
  WATCH_TOPICS,
  type Alert,
  type NewAlert,
} from "./alerts.ts";
import type { Checkpoint, WatchStore } from "./store.ts";

export interface WatchOptions {
  desired: DesiredState;
  transport: RpcTransport;
  store: WatchStore;
  /** Blocks a block must be buried under before it is processed. */
  confirmations: number;
  /** Largest eth_getLogs range, in blocks. */
  logRange: number;
  /** Run the doctor's diff at least every this many blocks (and after every relevant event). */
  diffEvery: number;
  pollMs: number;
  /** Where a first start begins (default: the confirmed head). */
  fromBlock?: number;
  /** Stop once this block is processed. */
  untilBlock?: number;
  /** Stop once caught up with the confirmed head. */
  once?: boolean;
  /**
   * The diff at a block (default: the doctor's `checkSystem` pinned to it, with the timelock queue);
   * tests pass their own.
   */
  diff?(block: number): Promise<Pick<DoctorReport, "rows"> & Partial<DoctorReport>>;
  /** Each diff's report (the status page is drawn from it). */
  onDiff?(report: Pick<DoctorReport, "rows"> & Partial<DoctorReport>): void;
  /** Alerts just committed to the journal. */
  onAlerts(alerts: readonly Alert[]): void;
  /** After each committed range (the status of the watch). */
  onCommit?(checkpoint: Checkpoint): void;
  log(line: string): void;
  signal?: AbortSignal;
}

interface Header {
  hash: string;
  number: string;
}

export interface WatchResult {
  nextBlock: number;
  alerts: number;
  ticks: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

const value = <T>(read: Read<T>, what: string): T => {
  if (!read.ok) throw new Error(`${what}: ${read.error}`);
  return read.value;
};

export async function runWatch(options: WatchOptions): Promise<WatchResult> {
  const { desired, transport, store, signal } = options;
  const addresses = watchedAddresses(desired);
  let checkpoint = store.loadCheckpoint(desired.chainId);
  if (checkpoint) options.onAlerts(store.syncJournal(checkpoint));
  let head: number | undefined;
  let failures = 0;
  // The first range of every run is diffed: drift that came about while the watch was down is caught.
  let diffed = false;
  const result: WatchResult = { nextBlock: checkpoint?.nextBlock ?? 0, alerts: 0, ticks: 0 };

  while (signal?.aborted !== true) {
    try {
      const next = checkpoint?.nextBlock;
      const { to, work, headRead } = await readTick(
        transport,
        addresses,
        options,
        checkpoint,
        head,
      );
      result.ticks += 1;
      head = value(headRead, "eth_blockNumber");
      failures = 0;

      if (checkpoint === undefined) {
        checkpoint = firstCheckpoint(options, head);
        store.commit(checkpoint);
        result.nextBlock = checkpoint.nextBlock;
        continue;
      }
      if (work === undefined) {
        const done = options.untilBlock !== undefined && checkpoint.nextBlock > options.untilBlock;
        if (done || options.once === true) {
          if (done || checkpoint.nextBlock > head - options.confirmations) break;
          continue;
        }
        await sleep(options.pollMs, signal);
        continue;
      }
      const committed = await processRange(options, checkpoint, next!, to, !diffed, {
        logs: value(await work.logs, "eth_getLogs"),
        last: value(await work.last, `block ${to}`),
        before: work.before && value(await work.before, `block ${next! - 1}`),
      });
      if (committed === undefined) {
        await sleep(options.pollMs, signal);
        continue;
      }
      checkpoint = committed.checkpoint;
      diffed ||= committed.diffed;
      result.nextBlock = checkpoint.nextBlock;
      result.alerts += committed.written.length;
      options.onAlerts(committed.written);
      options.onCommit?.(checkpoint);
    } catch (error) {
      failures += 1;
      const wait = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
      options.log(
        `could not read or check the chain (${(error as Error).message.split("\n")[0]}); retrying from block ${checkpoint?.nextBlock ?? "the head"} in ${wait} ms`,
      );
      await sleep(wait, signal);
    }
  }
  return result;
}

/**
 * The tick's one batch: the head and, when a confirmed range follows the checkpoint, that range's
 * logs with its last block and the block before it (to see a reorg under the checkpoint).
 */
async function readTick(
  transport: RpcTransport,
  addresses: string[],
  options: WatchOptions,
  checkpoint: Checkpoint | undefined,
  head: number | undefined,
) {
  const next = checkpoint?.nextBlock;
  const confirmed = head === undefined ? -1 : head - options.confirmations;
  const to =
    next === undefined
      ? -1
      : Math.min(next + options.logRange - 1, confirmed, options.untilBlock ?? Infinity);
  const batch = new ReadBatch(transport, "latest");
  const headRead = batch.raw("eth_blockNumber", [], (v) => Number(BigInt(v as string)));
  const block = (n: number) =>
    batch.raw("eth_getBlockByNumber", [toHexBlock(n), false], (v) => v as Header);
  const work =
    next !== undefined && to >= next
      ? {
          logs: queueLogs(batch, addresses, [WATCH_TOPICS], next, to, options.logRange),
          last: block(to),
          before: checkpoint?.lastHash === undefined ? undefined : block(next - 1),
        }
      : undefined;
  await batch.flush();
  return { headRead: await headRead, to, work };
}

/**
 * A first start watches from the block after the confirmed head (or --from-block); the first
 * range's diff is the baseline.
 */
function firstCheckpoint(options: WatchOptions, head: number): Checkpoint {
  const start =
    options.fromBlock ?? Math.max(options.desired.fromBlock, head - options.confirmations + 1);
  return {
    version: 1,
    chainId: options.desired.chainId,
    nextBlock: start,
    nextSeq: 1,
    pending: [],
  };
}

/**
 * Turns one confirmed range into alerts and commits them with the new checkpoint. Undefined when
 * the chain moved under the read (a log's block hash is not its block's): nothing is committed and
 * the range is read again.
 */
async function processRange(
  options: WatchOptions,
  checkpoint: Checkpoint,
  from: number,
  to: number,
  firstOfRun: boolean,
  read: { logs: RawLog[]; last: Header; before?: Header },
): Promise<{ checkpoint: Checkpoint; written: Alert[]; diffed: boolean } | undefined> {
  const { desired, transport, store } = options;
  const extra: NewAlert[] = [];
  if (read.before !== undefined && read.before.hash !== checkpoint.lastHash)
    extra.push({
      key: `${from}:reorg:${read.before.hash}`,
      block: from - 1,
      kind: "watch",
      severity: "critical",
      event: "reorg",
      subject: "chain",
      message: `block ${from - 1} changed after it was processed (a reorg deeper than --confirmations ${options.confirmations}); alerts up to it may describe blocks that did not stay: raise --confirmations`,
    });
  // Every log's block must still be the block it came from.
  const blocks = [...new Set(read.logs.map((l) => Number(l.blockNumber)))].filter((b) => b !== to);
  const hashes = new Map<number, string>([[to, read.last.hash]]);
  if (blocks.length > 0) {
    const batch = new ReadBatch(transport, "latest");
    const headers = blocks.map((b) =>
      batch.raw("eth_getBlockByNumber", [toHexBlock(b), false], (v) => v as Header),
    );
    await batch.flush();
    for (const [i, h] of (await Promise.all(headers)).entries())
      hashes.set(blocks[i], value(h, `block ${blocks[i]}`).hash);
  }
  if (read.logs.some((l) => hashes.get(Number(l.blockNumber)) !== l.blockHash)) {
    options.log(`blocks ${from}-${to} changed while they were read (a reorg); reading them again`);
    return undefined;
  }

  const derived = deriveAlerts(desired, read.logs);
  const diffDue =
    firstOfRun ||
    derived.stateChanged ||
    checkpoint.rows === undefined ||
    to - (checkpoint.lastDiffBlock ?? -Infinity) >= options.diffEvery;
  let rows = checkpoint.rows;
  let lastDiffBlock = checkpoint.lastDiffBlock;
  const alerts: NewAlert[] = [...extra, ...derived.alerts];
  if (diffDue) {
    const report = options.diff
      ? await options.diff(to)
      : await checkSystem(desired, transport, {
          atBlock: to,
          timelockQueue: { logRange: options.logRange },
        });
    options.onDiff?.(report);
    const drift = driftAlerts(to, report.rows, checkpoint.rows);
    alerts.push(...drift.alerts);
    rows = drift.statuses;
    lastDiffBlock = to;
  }
  const numbered = alerts.map((a, i): Alert => ({ seq: checkpoint.nextSeq + i, ...a }));
  const next: Checkpoint = {
    ...checkpoint,
    nextBlock: to + 1,
    lastHash: read.last.hash,
    nextSeq: checkpoint.nextSeq + numbered.length,
    ...(rows ? { rows } : {}),
    ...(lastDiffBlock !== undefined ? { lastDiffBlock } : {}),
    pending: numbered,
  };
  return { checkpoint: next, written: store.commit(next), diffed: diffDue };
}
