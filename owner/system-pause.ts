// owner:system-pause's core, one run as the task and the drill use it: read the switch at one block,
// then report (status, dry run), write the Safe batches (--safe-out) or send (--execute), and read
// it again after sending. Hardhat-free: the caller passes a transport and, when needed, the accounts.
import { resolve } from "node:path";

import type { Signer } from "ethers";

import { DEV_CHAIN_ID } from "../deploy/manifest/schema.ts";
import type { JsonRpcProvider, RpcTransport } from "./chain/transport.ts";
import { ReceiptUnknownError } from "../shared/errors.ts";
import { OwnerError } from "./errors.ts";
import {
  formatPauseStatus,
  inTargetState,
  PAUSE_ACTIONS,
  planUnpause,
  readPauseStatus,
  safeBatchesFor,
  summaryLine,
  unpauseSteps,
  type PauseAction,
  type PauseStatus,
  type UnpauseOperation,
} from "./pause.ts";
import { pauseRoute, unpauseRoute } from "./route.ts";
import {
  formatWrittenBatches,
  type NonceChoice,
  writeSafeBatchFiles,
  type SafeBatchRequest,
  type SafeHashContext,
  type WrittenSafeBatch,
} from "./safe-batches.ts";

export interface SystemPauseOptions {
  network: string;
  deploymentFile: string;
  /** "status", "pause" or "unpause"; anything else is BAD_ARGUMENT. */
  action: string;
  mode: "dry-run" | "safe-out" | "execute";
  /** --safe-out directory. */
  safeOut?: string;
  transport: RpcTransport;
  /** For --safe-out: how to reach the Safes for nonces and hashes (given the status read). */
  hashes?: (status: PauseStatus) => Promise<SafeHashContext>;
  /** --nonce: the Safe nonce the files are for instead of each Safe's next nonce. */
  nonce?: NonceChoice;
  /**
   * The connected accounts and a provider: to choose the pause route, plan the unpause ("read": a
   * dry run or --safe-out, which must work without the network's private key, so `signers` may be
   * empty), or to send ("send": --execute; it fails, naming the key's variable, when none is set).
   */
  connect?: (
    purpose: "read" | "send",
  ) => Promise<{ signers: readonly Signer[]; provider: JsonRpcProvider }>;
  /** A fresh transport to re-read the switch after sending. */
  reread?: () => Promise<RpcTransport>;
  log?: (line: string) => void;
}

export interface SystemPauseResult {
  action: PauseAction;
  before: PauseStatus;
  /** The unpause operation, when one was planned. */
  op?: UnpauseOperation;
  /** --safe-out: the files written, in signing order. */
  written?: WrittenSafeBatch[];
  /** --execute: the switch read again after sending. */
  after?: PauseStatus;
}

/** Throws OwnerError when it cannot act (nothing sent) or when what it sent left the target state unmet. */
export async function runSystemPause(options: SystemPauseOptions): Promise<SystemPauseResult> {
  const log = options.log ?? (() => {});
  const action = checkArguments(options);
  const { network, deploymentFile } = options;
  const before = await readPauseStatus(options.transport, { network, deploymentFile });
  log(formatPauseStatus(before, action === "status" ? "Status" : "Before"));
  const result: SystemPauseResult = { action, before };
  if (action === "status") return result;
  if (inTargetState(before, action)) {
    log(
      `\nAlready ${action === "pause" ? "paused" : "unpaused"}: ${summaryLine(before)} Nothing to do; nothing was sent.`,
    );
    return result;
  }
  refuseWhenSwitchCannotMove(before, action);
  const run: PauseRun = { options, action, before, result, log };
  const sent = action === "pause" ? await pauseOrReport(run) : await unpauseOrReport(run);
  if (!sent) return result;

  const after = await readPauseStatus(await (options.reread ?? (async () => options.transport))(), {
    network,
    deploymentFile,
  }).catch((error: unknown) => {
    const reason = (error as Error).message.split("\n")[0];
    throw new OwnerError(
      "RPC_ERROR",
      `${action}: sent, but the switch could not be read back (${reason}). Check with --action status once the RPC answers; re-running ${action} sends nothing if it is done`,
    );
  });
  result.after = after;
  log(`\n${formatPauseStatus(after, "After")}`);
  if (!inTargetState(after, action))
    throw new OwnerError(
      "TRANSACTION_FAILED",
      `sent, but the system is not ${action === "pause" ? "fully paused" : "fully unpaused"}: a module refused (see ModulePauseFailed events of SystemPause ${after.systemPause})`,
    );
  return result;
}

/** One pause or unpause run past the status read: what the steps below share. */
interface PauseRun {
  options: SystemPauseOptions;
  action: "pause" | "unpause";
  before: PauseStatus;
  result: SystemPauseResult;
  log: (line: string) => void;
}

/**
 * The connected accounts. An unpause on a live chain is never sent from one key (the owners' Safe
 * signs, with a real wait), so even --execute only reads there: it is refused for that reason, not
 * for a missing key.
 */
async function connectFor({ options, action, before }: PauseRun) {
  const sends =
    options.mode === "execute" && (action === "pause" || before.chainId === DEV_CHAIN_ID);
  if (options.connect === undefined)
    throw new OwnerError(
      "BAD_ARGUMENT",
      `${action} needs the connected accounts; nothing was sent`,
    );
  return options.connect(sends ? "send" : "read");
}

/** --safe-out: the Safe Transaction Builder files, with their hashes, in signing order. */
async function writeBatches(
  { options, before, log }: PauseRun,
  batches: { requests: SafeBatchRequest[]; notes: string[] },
): Promise<WrittenSafeBatch[]> {
  for (const note of batches.notes) log(`\n${note}`);
  if (batches.requests.length === 0) {
    log("Nothing to write; nothing was sent.");
    return [];
  }
  const written = await writeSafeBatchFiles(
    resolve(options.safeOut!),
    batches.requests,
    await options.hashes!(before),
    { nonce: options.nonce },
  );
  log(`\nWrote ${written.length} Safe Transaction Builder file(s); nothing was sent:`);
  log(formatWrittenBatches(written));
  return written;
}

/** Pause: the guardian files (--safe-out), the route (dry run), or the send (--execute). True when sent. */
async function pauseOrReport(run: PauseRun): Promise<boolean> {
  const { options, action, before, result, log } = run;
  if (options.mode === "safe-out") {
    result.written = await writeBatches(run, safeBatchesFor("pause", before));
    log("Any one guardian Safe's owners sign its file (compare the hashes on the device).");
    return false;
  }
  const { signers, provider } = await connectFor(run);
  const route = await pauseRoute(before, signers, provider);
  if (options.mode === "dry-run") {
    log(
      route.send !== undefined
        ? `\nDRY RUN, nothing was sent. To pause, this would send:\n  ${route.describe}\nRe-run with --execute to send it.`
        : `\nDRY RUN, nothing was sent. To pause, ${route.describe}`,
    );
    return false;
  }
  const send = route.send;
  if (send === undefined)
    throw new OwnerError("NOT_AUTHORISED", `nothing was sent: ${route.describe}`);
  log(`\nSending: ${route.describe}`);
  log(`  tx ${await sendOrExplain(action, () => send())}`);
  return true;
}

/** Unpause through the timelock: the owners' files (--safe-out), the steps (dry run), or the sends. */
async function unpauseOrReport(run: PauseRun): Promise<boolean> {
  const { options, action, before, result, log } = run;
  const { signers, provider } = await connectFor(run);
  const op = await planUnpause(before, provider);
  result.op = op;
  const steps = unpauseSteps(before, op);
  if (options.mode === "safe-out") {
    log(`\nUnpausing goes through the timelock:\n  ${steps.join("\n  ")}`);
    result.written = await writeBatches(run, safeBatchesFor("unpause", before, op));
    log("The owners' Safe signs the schedule now and the execute file once the delay has passed.");
    return false;
  }
  if (options.mode === "dry-run") {
    log(
      `\nDRY RUN, nothing was sent. Unpausing goes through the timelock:\n  ${steps.join("\n  ")}\nRe-run with --execute (development chains) or --safe-out <dir> (live chains).`,
    );
    return false;
  }
  const route = await unpauseRoute(before, op, signers, provider);
  log(`\nSending:\n  ${route.describe.join("\n  ")}`);
  await sendOrExplain(action, () => route.send(log));
  return true;
}

/**
 * Every module the switch can read is already in the target state and only unreadable ones are
 * left: pauseAll/unpauseAll would skip them again (ModulePauseFailed) and change nothing, so a
 * retry must not send another transaction. Refused (exit 2), naming the modules and the remedy.
 */
function refuseWhenSwitchCannotMove(status: PauseStatus, action: "pause" | "unpause"): void {
  const target = action === "pause" ? "paused" : "running";
  const unreadable = status.modules.filter((m) => m.state === "unreadable");
  if (
    unreadable.length === 0 ||
    status.modules.some((m) => m.state !== target && m.state !== "unreadable")
  )
    return;
  throw new OwnerError(
    "NOT_AVAILABLE",
    `the switch is already ${action === "pause" ? "on" : "off"}: every readable module is ${target}, and ${action}All() skips the UNREADABLE one(s) (${unreadable.map((m) => `${m.name} ${m.address}`).join(", ")}), so sending it again would change nothing; nothing was sent. Governance must repair or remove ${unreadable.length === 1 ? "that module" : "those modules"} (SystemPause.removeModule through the timelock)`,
  );
}

function checkArguments(options: SystemPauseOptions): PauseAction {
  if (!(PAUSE_ACTIONS as readonly string[]).includes(options.action))
    throw new OwnerError(
      "BAD_ARGUMENT",
      `--action must be one of ${PAUSE_ACTIONS.join(", ")}, found ${JSON.stringify(options.action)}; nothing was sent`,
    );
  if (options.mode === "safe-out" && (options.safeOut === undefined || options.safeOut === ""))
    throw new OwnerError("BAD_ARGUMENT", "--safe-out needs a directory; nothing was sent");
  return options.action as PauseAction;
}

/**
 * Runs a send; an RPC failure becomes an OwnerError saying what may have landed. The pause and
 * unpause tasks read the switch first, so a re-run after the RPC recovers sends nothing if it is done.
 */
async function sendOrExplain<T>(action: PauseAction, send: () => Promise<T>): Promise<T> {
  const target = action === "pause" ? "paused" : "unpaused";
  try {
    return await send();
  } catch (error) {
    if (error instanceof OwnerError) throw error;
    if ((error as Error).name === "SafeSigningError")
      throw new OwnerError("TRANSACTION_FAILED", `${action}: ${(error as Error).message}`);
    if (error instanceof ReceiptUnknownError)
      throw new OwnerError(
        "RECEIPT_UNKNOWN",
        `${action}: sent (tx ${error.txHash}), but the RPC failed before its receipt could be read (${error.reason}): the system may be ${target} already. Check with --action status once the RPC answers; re-running --action ${action} reads the switch first and sends nothing if it is ${target}.`,
      );
    const reason = ((error as Error).message ?? String(error)).split("\n")[0].slice(0, 300);
    throw new OwnerError(
      "RPC_ERROR",
      `${action}: the RPC failed while sending (${reason}); the transaction may or may not have reached the node. Check with --action status before sending again.`,
    );
  }
}
