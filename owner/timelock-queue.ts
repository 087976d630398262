// The timelock queue at one block: every operation rebuilt from the timelock's CallScheduled,
// CallExecuted and Cancelled logs (read in bounded eth_getLogs ranges, all in the same batch),
// decoded into module calls in manifest units (owner/decode.ts), with who scheduled it and when it
// becomes executable. Pending operations first; Done and Cancelled ones are history. An operation
// Ready but not executed for longer than `staleAfterSeconds` is a warning.
import { getAddress } from "ethers";

import { formatDuration } from "../deploy/manifest/units.ts";
import { ReadBatch, readOk, toHexBlock, type Read } from "./chain/batch.ts";
import { timelockInterface } from "./chain/contracts.ts";
import type { ChainSnapshot } from "./chain/reader.ts";
import type { RpcTransport } from "./chain/transport.ts";
import {
  decodeTimelockCall,
  type CallVerdict,
  type JudgedCall,
  type TimelockCall,
} from "./decode-queue.ts";
import type { DesiredState } from "./desired-state.ts";

/** The worst verdict of an operation's calls: one call that undoes the manifest makes it undo. */
export function operationVerdict(calls: readonly JudgedCall[]): CallVerdict {
  if (calls.some((c) => c.verdict === "undoes")) return "undoes";
  if (calls.some((c) => c.verdict === "unmanaged")) return "unmanaged";
  return "matches";
}

export const VERDICT_WORDS: Record<CallVerdict, string> = {
  matches: "brings the chain to the manifest",
  unmanaged: "changes something the manifest does not say",
  undoes: "undoes the manifest",
};

/** A log as eth_getLogs answers it. */
export interface RawLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  transactionHash: string;
  logIndex: string;
  removed?: boolean;
}

export const QUEUE_TOPICS = ["CallScheduled", "CallExecuted", "Cancelled"].map(
  (name) => timelockInterface.getEvent(name)!.topicHash,
);
const [SCHEDULED, EXECUTED, CANCELLED] = QUEUE_TOPICS;

/** Public RPCs cap eth_getLogs ranges (2,000 to 10,000 blocks is common). */
export const DEFAULT_LOG_RANGE = 2_000;
/** Ready but not executed for longer than this is a warning. */
export const DEFAULT_STALE_AFTER_SECONDS = 7 * 86_400;

export interface QueueOptions {
  logRange?: number;
  staleAfterSeconds?: number;
}

/** [from, to] cut into inclusive ranges of at most `size` blocks. */
export function blockRanges(from: number, to: number, size: number): [number, number][] {
  if (!Number.isSafeInteger(size) || size < 1)
    throw new Error(`a log range must be a whole number of blocks >= 1, found ${size}`);
  const ranges: [number, number][] = [];
  for (let start = from; start <= to; start += size)
    ranges.push([start, Math.min(to, start + size - 1)]);
  return ranges;
}

/** Queues eth_getLogs of `address` for `topics` over [from, to] in bounded ranges; one Read of all logs. */
export function queueLogs(
  batch: ReadBatch,
  address: string | string[],
  topics: (string | string[] | null)[],
  from: number,
  to: number,
  range: number,
): Promise<Read<RawLog[]>> {
  const parts = blockRanges(from, to, range).map(([a, b]) =>
    batch.raw(
      "eth_getLogs",
      [{ address, fromBlock: toHexBlock(a), toBlock: toHexBlock(b), topics }],
      (v) => v as RawLog[],
    ),
  );
  return Promise.all(parts).then((reads) => {
    const failed = reads.find((r) => !r.ok);
    if (failed) return failed;
    return readOk(reads.flatMap((r) => (r.ok ? r.value : [])));
  });
}

/** One scheduling of an operation, as its logs tell it. */
export interface ScheduledOperation {
  id: string;
  calls: TimelockCall[];
  predecessor: string;
  delay: bigint;
  scheduledAt: { block: number; tx: string };
  closed?: { how: "Done" | "Cancelled"; block: number; tx: string };
}

const position = (log: RawLog) => [Number(log.blockNumber), Number(log.logIndex)] as const;

/** Groups the queue's logs into operations, in chain order. Pure. */
export function groupOperations(logs: readonly RawLog[]): ScheduledOperation[] {
  const ordered = [...logs].sort((a, b) => {
    const [ba, ia] = position(a);
    const [bb, ib] = position(b);
    return ba - bb || ia - ib;
  });
  const all: ScheduledOperation[] = [];
  const open = new Map<string, ScheduledOperation>();
  for (const log of ordered) {
    if (log.removed === true) continue;
    const opId = log.topics[1];
    const where = { block: Number(log.blockNumber), tx: log.transactionHash };
    if (log.topics[0] === SCHEDULED) {
      const e = timelockInterface.parseLog(log)!.args;
      let op = open.get(opId);
      if (op === undefined || op.scheduledAt.tx !== where.tx) {
        op = {
          id: opId,
          calls: [],
          predecessor: e.predecessor,
          delay: e.delay,
          scheduledAt: where,
        };
        open.set(opId, op);
        all.push(op);
      }
      op.calls[Number(e.index)] = { target: getAddress(e.target), value: e.value, data: e.data };
    } else if (log.topics[0] === EXECUTED || log.topics[0] === CANCELLED) {
      const op = open.get(opId);
      if (op === undefined) continue;
      op.closed = { how: log.topics[0] === EXECUTED ? "Done" : "Cancelled", ...where };
      open.delete(opId);
    }
  }
  return all;
}

export type QueueState = "Waiting" | "Ready" | "Done" | "Cancelled";

export interface QueuedOperation {
  id: string;
  state: QueueState;
  calls: JudgedCall[];
  verdict: CallVerdict;
  /** The `from` of the scheduling transaction (the owners' Safe's relayer for Safe transactions). */
  scheduledBy: string;
  scheduledAt: { block: number; tx: string };
  /** Unix seconds from which it can be executed (pending operations). */
  readyAt?: number;
  closedAt?: { block: number; tx: string };
  predecessor: string;
  delay: string;
}

export interface TimelockQueue {
  /** The pinned block's timestamp: what Waiting/Ready and countdowns are measured against. */
  now: number;
  pending: QueuedOperation[];
  history: QueuedOperation[];
  warnings: string[];
  staleAfterSeconds: number;
}

/**
 * The round after the read, only when there are operations: who sent each scheduling transaction
 * and, for pending ones, `getTimestamp(id)` at the pinned block.
 */
export async function readQueue(
  transport: RpcTransport,
  desired: DesiredState,
  snapshot: ChainSnapshot,
  logs: readonly RawLog[],
  now: number,
  options: QueueOptions = {},
): Promise<TimelockQueue> {
  const operations = groupOperations(logs);
  const batch = new ReadBatch(transport, toHexBlock(snapshot.blockNumber));
  const details = operations.map((op) => ({
    from: batch.raw("eth_getTransactionByHash", [op.scheduledAt.tx], (v) =>
      getAddress((v as { from: string }).from),
    ),
    readyAt:
      op.closed === undefined
        ? batch.call<bigint>(desired.timelock, timelockInterface, "getTimestamp", [op.id])
        : undefined,
  }));
  await batch.flush();
  const resolved = await Promise.all(
    details.map(async (d) => ({ from: await d.from, readyAt: await d.readyAt })),
  );
  return buildQueue(desired, snapshot, operations, resolved, now, options);
}

/** The queue from grouped operations and their details. Pure. */
export function buildQueue(
  desired: DesiredState,
  snapshot: ChainSnapshot | undefined,
  operations: readonly ScheduledOperation[],
  details: readonly { from: Read<string>; readyAt?: Read<bigint> }[],
  now: number,
  options: QueueOptions = {},
): TimelockQueue {
  const staleAfterSeconds = options.staleAfterSeconds ?? DEFAULT_STALE_AFTER_SECONDS;
  const queue: TimelockQueue = { now, pending: [], history: [], warnings: [], staleAfterSeconds };
  operations.forEach((op, i) => {
    const calls = op.calls.map((c) => decodeTimelockCall(desired, c, snapshot));
    const readyRead = details[i]?.readyAt;
    const readyAt = readyRead?.ok ? Number(readyRead.value) : undefined;
    const from = details[i]?.from;
    const entry: QueuedOperation = {
      id: op.id,
      state: op.closed?.how ?? (readyAt !== undefined && readyAt <= now ? "Ready" : "Waiting"),
      calls,
      verdict: operationVerdict(calls),
      scheduledBy: from?.ok ? from.value : "unknown",
      scheduledAt: op.scheduledAt,
      ...(op.closed === undefined && readyAt !== undefined ? { readyAt } : {}),
      ...(op.closed ? { closedAt: { block: op.closed.block, tx: op.closed.tx } } : {}),
      predecessor: op.predecessor,
      delay: formatDuration(op.delay),
    };
    (op.closed === undefined ? queue.pending : queue.history).push(entry);
    if (entry.state === "Ready" && readyAt !== undefined && now - readyAt > staleAfterSeconds)
      queue.warnings.push(
        `operation ${op.id} has been Ready for ${formatDuration(BigInt(now - readyAt))} without being executed (more than ${formatDuration(BigInt(staleAfterSeconds))}): execute it or cancel it`,
      );
  });
  return queue;
}

/** "in 1h 5m", "ready for 2d": how a countdown reads at `now`. */
export function countdown(op: QueuedOperation, now: number): string {
  if (op.readyAt === undefined) return op.state;
  const left = op.readyAt - now;
  return left > 0
    ? `executable in ${formatDuration(BigInt(left))}`
    : `executable since ${formatDuration(BigInt(-left))}`;
}

/** The queue as lines of text, for the terminal and the Markdown report. */
export function formatQueue(queue: TimelockQueue): string[] {
  const lines: string[] = [];
  const describe = (op: QueuedOperation) => [
    `${op.state} ${op.id}: ${VERDICT_WORDS[op.verdict]}`,
    ...op.calls.map((c) => `    ${c.text} (${c.verdict})`),
    `    scheduled by ${op.scheduledBy} in block ${op.scheduledAt.block} (tx ${op.scheduledAt.tx}), delay ${op.delay}` +
      (op.readyAt !== undefined
        ? `; ${countdown(op, queue.now)} (${new Date(op.readyAt * 1000).toISOString()})`
        : op.closedAt !== undefined
          ? `; ${op.state === "Done" ? "executed" : "cancelled"} in block ${op.closedAt.block}`
          : ""),
  ];
  lines.push(
    queue.pending.length === 0
      ? "Timelock queue: nothing pending."
      : `Timelock queue: ${queue.pending.length} pending operation(s).`,
  );
  for (const op of queue.pending) lines.push(...describe(op).map((l) => `  ${l}`));
  for (const w of queue.warnings) lines.push(`  WARNING: ${w}`);
  if (queue.history.length > 0) {
    lines.push(`History: ${queue.history.length} operation(s) executed or cancelled.`);
    for (const op of queue.history) lines.push(...describe(op).map((l) => `  ${l}`));
  }
  return lines;
}
