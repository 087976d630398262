// The --execute output of owner:update-all: sends the plan step by step on routes decided up front,
// and records a receipt line per step (reports/<network>/receipts/update-all-<time>.jsonl).
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

import { getAddress, type Signer } from "ethers";

import { DEV_CHAIN_ID } from "../../deploy/manifest/schema.ts";
import { formatDuration } from "../../deploy/manifest/units.ts";
import { moveDevClock } from "../chain/dev-clock.ts";
import { asEip1193, type JsonRpcProvider } from "../chain/transport.ts";
import { ReceiptUnknownError, receiptOf } from "../../shared/errors.ts";
import { OwnerError } from "../errors.ts";
import { localSafeSigners, sendFromLocalSafe } from "../route.ts";
import type { Call } from "../safe/calls.ts";
import { decideStep } from "../safe/timelock.ts";
import { assertSimulationsPass } from "../simulate.ts";
import type { PreparedUpdate } from "../update.ts";

export interface ReceiptLine {
  at: string;
  network: string;
  step: string;
  /** `sent-receipt-unknown`: sent (txHash known), but the RPC failed before its receipt was read. */
  status: "sent" | "skipped" | "failed" | "not-sent" | "sent-receipt-unknown";
  txHash?: string;
  blockNumber?: number;
  operation?: string;
  detail?: string;
}

/**
 * Appends one JSON line per step to reports/<network>/receipts/update-all-<time>.jsonl. The folder
 * and file appear with the first line: a run refused before sending leaves nothing behind.
 */
export function receiptLog(reportsDir: string, network: string, now = new Date()) {
  const dir = join(reportsDir, network, "receipts");
  const file = join(dir, `update-all-${now.toISOString().replace(/[:.]/g, "-")}.jsonl`);
  return {
    file,
    write(line: Omit<ReceiptLine, "at" | "network">) {
      mkdirSync(dir, { recursive: true });
      appendFileSync(
        file,
        `${JSON.stringify({ at: new Date().toISOString(), network, ...line })}\n`,
      );
    },
  };
}

interface SendStep {
  name: string;
  run(): Promise<{ txHash?: string; blockNumber?: number; detail?: string; skipped?: boolean }>;
}

export interface ExecuteContext {
  signers: readonly Signer[];
  provider: JsonRpcProvider;
  receipts: { write(line: Omit<ReceiptLine, "at" | "network">): void; file: string };
  log?: (line: string) => void;
}

/**
 * Sends the plan: calls the connected account makes itself; a Safe's own settings and the timelock
 * operation through Safes whose keys this node holds (development chains only), moving the node's
 * clock past the delay between schedule and execute. Every route is decided before the first
 * transaction: anything that cannot be sent is refused with NOT_AUTHORISED and nothing is sent.
 * On a failure midway, stops, records it, and throws naming what ran and what did not.
 */
export async function executeUpdate(
  prepared: PreparedUpdate,
  context: ExecuteContext,
): Promise<{ sent: string[] }> {
  assertSimulationsPass(prepared);
  const steps = [
    ...(await accountSteps(prepared, context)),
    ...(await safeSteps(prepared, context)),
    ...(await operationSteps(prepared, context)),
  ];
  // Only now, with every route decided, does anything about sending appear.
  context.log?.("\nSending:");
  return runSteps(steps, prepared, context);
}

const refuse = (what: string) =>
  new OwnerError(
    "NOT_AUTHORISED",
    `${what}; nothing was sent. Write the Safe batches with --safe-out <dir> and have the owners sign them.`,
  );

/** 1. Calls the connected account may make itself. */
async function accountSteps(
  { plan, senders }: PreparedUpdate,
  context: ExecuteContext,
): Promise<SendStep[]> {
  const account =
    context.signers[0] === undefined
      ? undefined
      : getAddress(await context.signers[0].getAddress());
  const steps: SendStep[] = [];
  plan.steps.forEach((step, i) => {
    const sender = senders[i];
    if (sender.kind !== "account") return;
    if (account === undefined || sender.address !== account)
      throw refuse(
        `${step.call.description} must be sent by ${sender.address}, and the connected account is ${account ?? "(none)"}`,
      );
    steps.push({
      name: `${step.call.description} from ${account}`,
      run: async () => {
        const tx = await context.signers[0].sendTransaction({
          to: step.call.to,
          data: step.call.data,
        });
        const receipt = await receiptOf(tx.hash, () => tx.wait());
        if (receipt?.status !== 1) throw new Error(`reverted (tx ${tx.hash})`);
        return { txHash: tx.hash, blockNumber: receipt.blockNumber };
      },
    });
  });
  return steps;
}

/** The owner keys of a Safe this node holds, as many as its threshold (development chains only). */
async function safeSigners(
  { desired, snapshot }: PreparedUpdate,
  context: ExecuteContext,
  address: string,
  label: string,
): Promise<string[]> {
  if (snapshot.chainId !== DEV_CHAIN_ID)
    throw refuse(
      `${label} ${address} must sign on ${desired.network} (chain ${snapshot.chainId}); a single key cannot`,
    );
  const local = await localSafeSigners(address, context.signers, context.provider);
  if (local === undefined)
    throw refuse(`this node does not hold ${label} ${address}'s threshold of owner keys`);
  return local.chosen;
}

/** 2. A Safe's own settings (threshold, owner rotation), one Safe transaction per Safe, signed with local owner keys. */
async function safeSteps(prepared: PreparedUpdate, context: ExecuteContext): Promise<SendStep[]> {
  const { desired, plan, senders, snapshot } = prepared;
  const chain = { chainId: snapshot.chainId, safeSuite: desired.safeSuite };
  const bySafe = new Map<string, { label: string; calls: Call[] }>();
  plan.steps.forEach((step, i) => {
    const sender = senders[i];
    if (sender.kind !== "safe") return;
    const entry = bySafe.get(sender.address) ?? { label: sender.label, calls: [] };
    entry.calls.push(step.call);
    bySafe.set(sender.address, entry);
  });
  const steps: SendStep[] = [];
  for (const [safe, { label, calls }] of bySafe) {
    const chosen = await safeSigners(prepared, context, safe, label);
    // One Safe transaction, as the --safe-out file: a rotation changes who may sign the next one.
    steps.push({
      name: `${label} -> ${calls.map((c) => c.description).join("; ")}`,
      run: () => sendFromLocalSafe(context.provider, chain, safe, calls, chosen),
    });
  }
  return steps;
}

/** 3. The timelock operation: schedule (unless done before), the delay, execute. */
async function operationSteps(
  prepared: PreparedUpdate,
  context: ExecuteContext,
): Promise<SendStep[]> {
  if (prepared.operation === undefined) return [];
  const { desired, snapshot } = prepared;
  const { op, status } = prepared.operation;
  const safe = desired.ownersSafe;
  const chosen = await safeSigners(prepared, context, safe.address, safe.label);
  const chain = { chainId: snapshot.chainId, safeSuite: desired.safeSuite };
  const viaSafe = (call: Call) => () =>
    sendFromLocalSafe(context.provider, chain, safe.address, [call], chosen);
  const schedule = decideStep("schedule", status);
  return [
    {
      name: `schedule operation ${op.id}`,
      run: schedule.send
        ? viaSafe(op.schedule)
        : async () => ({ skipped: true, detail: schedule.message }),
    },
    {
      name: `move the development clock forward by ${formatDuration(op.delay)}`,
      run: async () => {
        // Scheduled just now: the whole delay from now; scheduled earlier: until it is ready.
        const wait = await moveDevClock(
          asEip1193(context.provider),
          status.state === "Unset" ? { delay: op.delay } : { readyAt: status.readyAt },
        );
        if (wait === 0n) return { skipped: true, detail: "the delay has passed already" };
        return { detail: `+${wait} s` };
      },
    },
    { name: `execute operation ${op.id}`, run: viaSafe(op.execute) },
  ];
}

/** Runs the steps in order, a receipt line each; on a failure records the rest as not sent and throws. */
async function runSteps(
  steps: readonly SendStep[],
  prepared: PreparedUpdate,
  context: ExecuteContext,
): Promise<{ sent: string[] }> {
  const log = context.log ?? (() => {});
  const sent: string[] = [];
  for (const [index, step] of steps.entries()) {
    try {
      const result = await step.run();
      const status = result.skipped === true ? "skipped" : "sent";
      context.receipts.write({
        step: step.name,
        status,
        ...(prepared.operation ? { operation: prepared.operation.op.id } : {}),
        ...result,
      });
      log(
        `  ${status === "sent" ? "done   " : "skipped"} ${step.name}${result.txHash ? ` (tx ${result.txHash})` : ""}${result.detail ? `: ${result.detail}` : ""}`,
      );
      if (status === "sent") sent.push(step.name);
    } catch (error) {
      throw stopped(error, { index, steps, sent, context, prepared });
    }
  }
  return { sent };
}

/**
 * Records a stop: the failed step (or, when its hash is known but the receipt could not be read,
 * "sent, receipt unknown"), the rest as not sent, and the error that says what may have landed.
 */
function stopped(
  error: unknown,
  at: {
    index: number;
    steps: readonly SendStep[];
    sent: string[];
    context: ExecuteContext;
    prepared: PreparedUpdate;
  },
): OwnerError {
  const { index, steps, sent, context, prepared } = at;
  const step = steps[index];
  const message = (error as Error).message.split("\n")[0];
  const unknown = error instanceof ReceiptUnknownError;
  context.receipts.write({
    step: step.name,
    ...(unknown
      ? { status: "sent-receipt-unknown", txHash: error.txHash }
      : { status: "failed" as const }),
    ...(prepared.operation ? { operation: prepared.operation.op.id } : {}),
    detail: message,
  });
  const rest = steps.slice(index + 1).map((s) => s.name);
  for (const name of rest) context.receipts.write({ step: name, status: "not-sent" });
  return new OwnerError(
    unknown ? "RECEIPT_UNKNOWN" : "TRANSACTION_FAILED",
    unknown
      ? `step ${index + 1} of ${steps.length} (${step.name}) was sent (tx ${error.txHash}) but the RPC failed before its receipt could be read (${error.reason}): it may have landed, and so may every step listed as sent. Nothing after it was sent. Re-run owner:update-all once the RPC answers: it plans from the chain again, so it sends only what is still missing and converges. Receipts: ${context.receipts.file}`
      : `stopped at step ${index + 1} of ${steps.length} (${step.name}): ${message}. Re-run owner:update-all: it plans from the chain again and sends only what is still missing. Receipts: ${context.receipts.file}`,
    [
      ...sent.map((s) => `sent: ${s}`),
      unknown ? `sent, receipt unknown: ${step.name} (tx ${error.txHash})` : `FAILED: ${step.name}`,
      ...rest.map((s) => `not sent: ${s}`),
    ],
  );
}
