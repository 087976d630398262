// The route stage: who sends what. A planned update call is sent by the current owner of its target
// (read from the chain, not assumed: normally the timelock), a Safe's own settings by that Safe; a
// pause by a guardian (an account, or a guardian Safe), an unpause by the owners' Safe through the
// timelock. On a development chain the node sends from a Safe whose owner keys it holds, through the
// one Safe layer (owner/safe/sign.ts).
import { Contract, getAddress, type Provider, type Signer } from "ethers";

import { DEV_CHAIN_ID } from "../deploy/manifest/schema.ts";
import { formatDuration } from "../deploy/manifest/units.ts";
import { safeGettersInterface, systemPauseInterface } from "./chain/contracts.ts";
import { moveDevClock } from "./chain/dev-clock.ts";
import type { ChainSnapshot } from "./chain/reader.ts";
import { asEip1193, type JsonRpcProvider } from "./chain/transport.ts";
import { receiptOf } from "../shared/errors.ts";
import { OwnerError } from "./errors.ts";
import type { DesiredState } from "./desired-state.ts";
import { unpauseSteps, type PauseStatus, type UnpauseOperation } from "./pause.ts";
import type { PlanStep } from "./plan.ts";
import { safeHashContext } from "./safe-batches.ts";
import type { Call } from "./safe/calls.ts";
import { decideStep } from "./safe/timelock.ts";
import {
  executeSafeTransaction,
  proposeSafeTransaction,
  signSafeTransaction,
} from "./safe/sign.ts";

export type Sender =
  | { kind: "timelock"; address: string }
  | { kind: "safe"; address: string; label: string }
  | { kind: "account"; address: string };

/**
 * The real sender of a planned call: a Safe's own settings are sent by that Safe; any other call by
 * the current owner of its target as read at the pinned block (normally the timelock).
 */
export function senderOf(step: PlanStep, desired: DesiredState, snapshot: ChainSnapshot): Sender {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const safes = [desired.ownersSafe, ...desired.guardians];
  const asSender = (address: string): Sender => {
    if (same(address, desired.timelock)) return { kind: "timelock", address: desired.timelock };
    const safe = safes.find((s) => same(s.address, address));
    if (safe !== undefined) return { kind: "safe", address: safe.address, label: safe.label };
    return { kind: "account", address: getAddress(address) };
  };
  const target = step.call.to;
  if (step.planned.via === "safe") return asSender(target);
  if (same(target, desired.timelock)) return asSender(desired.timelock);
  if (same(target, desired.systemPause) && snapshot.systemPause.owner.ok)
    return asSender(snapshot.systemPause.owner.value);
  const module = desired.modules.find((m) => same(m.address, target));
  const owner = module === undefined ? undefined : snapshot.modules[module.name].owner;
  if (owner?.ok) return asSender(owner.value);
  return { kind: "timelock", address: desired.timelock };
}

export const describeSender = (sender: Sender): string =>
  sender.kind === "timelock"
    ? "the timelock (scheduled by the owners' Safe)"
    : sender.kind === "safe"
      ? `${sender.label} ${sender.address} (its owners sign)`
      : `account ${sender.address}`;

// ------------------------------------------------------------------ sending from a Safe on a development chain

/** A Safe's owners and threshold; undefined when `address` holds no code or is not a Safe. */
export async function readSafe(
  address: string,
  provider: Provider,
): Promise<{ owners: string[]; threshold: number } | undefined> {
  if ((await provider.getCode(address)) === "0x") return undefined;
  const contract = new Contract(address, safeGettersInterface, provider);
  try {
    return {
      owners: [...(await contract.getOwners())].map((a: string) => getAddress(a)),
      threshold: Number(await contract.getThreshold()),
    };
  } catch {
    return undefined; // a contract, but not a Safe
  }
}

/**
 * Local accounts that own `safe`, as many as its threshold (their addresses: the node signs for
 * them); undefined when there are too few.
 */
export async function localSafeSigners(
  safe: string,
  signers: readonly Signer[],
  provider: Provider,
): Promise<{ owners: string[]; threshold: number; chosen: string[] } | undefined> {
  const read = await readSafe(safe, provider);
  if (read === undefined) return undefined;
  const { owners, threshold } = read;
  const chosen: string[] = [];
  for (const signer of signers) {
    if (chosen.length === threshold) break;
    const address = getAddress(await signer.getAddress());
    if (owners.includes(address)) chosen.push(address);
  }
  return chosen.length === threshold ? { owners, threshold, chosen } : undefined;
}

/**
 * Sends `calls` from `safe` through the one Safe layer (protocol-kit), signed by `owners` (accounts
 * the node holds) on a development chain whose Safe suite the deployment record names.
 */
export async function sendFromLocalSafe(
  provider: JsonRpcProvider,
  chain: { chainId: number; safeSuite?: Record<string, string> },
  safe: string,
  calls: readonly Call[],
  owners: readonly string[],
): Promise<{ txHash: string; blockNumber: number }> {
  const connection = {
    ...safeHashContext(asEip1193(provider), chain.chainId, chain.safeSuite),
    safeAddress: safe,
  };
  const proposed = await proposeSafeTransaction(connection, calls);
  try {
    const signed = await signSafeTransaction(connection, proposed, owners);
    const executed = await executeSafeTransaction(connection, signed, owners[0]);
    return { txHash: executed.txHash, blockNumber: Number(executed.blockNumber) };
  } catch (error) {
    throw await concurrentUse(error, provider, safe, proposed.nonce);
  }
}

/**
 * A Safe refusal (`GS0nn`) after the Safe's nonce moved past the one this run signed for means
 * another run (or a signer elsewhere) used that nonce first: say so, and what to do, instead of the
 * raw revert reason. Any other error is returned as it is.
 */
async function concurrentUse(
  error: unknown,
  provider: Provider,
  safe: string,
  nonce: number,
): Promise<unknown> {
  const reason = /GS0\d\d/.exec(String((error as Error)?.message ?? error))?.[0];
  if (reason === undefined) return error;
  let now: number;
  try {
    now = Number(await new Contract(safe, safeGettersInterface, provider).nonce());
  } catch {
    return error;
  }
  if (now === nonce) return error;
  return new OwnerError(
    "TRANSACTION_FAILED",
    `Safe ${safe}'s nonce ${nonce}, which this run signed for, was used by another transaction first (now ${now}): a concurrent run or a signer elsewhere. This transaction was not executed (the Safe refused it: ${reason}). Wait for the other run to finish, then re-run: it reads the chain again and sends only what is still missing`,
  );
}

// ------------------------------------------------------------------ owner:system-pause's routes

export interface PauseRoute {
  /** In words, for the dry run and the log: what would be sent, or who must sign it. */
  describe: string;
  /** Absent when no key this run holds can pause: `describe` then says who must sign. */
  send?: () => Promise<string>;
}

/**
 * Who sends pauseAll: the connected account if it is a guardian; on a development chain, a guardian
 * Safe whose threshold of owner keys this node holds. Otherwise no route: `describe` names each
 * guardian and, for a guardian Safe, its owners and threshold (and whether the connected account
 * is one of them), and points at --safe-out. A dry run prints it; --execute refuses with it.
 */
export async function pauseRoute(
  status: PauseStatus,
  signers: readonly Signer[],
  provider: JsonRpcProvider,
): Promise<PauseRoute> {
  const data = systemPauseInterface.encodeFunctionData("pauseAll");
  const account = signers[0] === undefined ? undefined : getAddress(await signers[0].getAddress());
  if (account !== undefined && status.guardians.includes(account)) {
    return {
      describe: `SystemPause(${status.systemPause}).pauseAll() from guardian ${account} (the connected account)`,
      send: async () => {
        const tx = await signers[0].sendTransaction({ to: status.systemPause, data });
        const receipt = await receiptOf(tx.hash, () => tx.wait());
        if (receipt?.status !== 1)
          throw new OwnerError("TRANSACTION_FAILED", `pauseAll reverted (tx ${tx.hash})`);
        return tx.hash;
      },
    };
  }
  if (status.chainId === DEV_CHAIN_ID) {
    for (const guardian of status.guardians) {
      const local = await localSafeSigners(guardian, signers, provider);
      if (local === undefined) continue;
      return {
        describe: `SystemPause(${status.systemPause}).pauseAll() from guardian Safe ${guardian}, signed by ${local.threshold} of its ${local.owners.length} owners (local development keys)`,
        send: async () =>
          (
            await sendFromLocalSafe(
              provider,
              status,
              guardian,
              [{ to: status.systemPause, value: 0n, data }],
              local.chosen,
            )
          ).txHash,
      };
    }
  }
  return { describe: await whoMustSignPause(status, account, provider) };
}

/** Each guardian and who signs for it, in words; the connected account's place among them. */
async function whoMustSignPause(
  status: PauseStatus,
  account: string | undefined,
  provider: Provider,
): Promise<string> {
  const lines = [
    account === undefined
      ? "no account is configured for this network (no key needed for this dry run), so SystemPause.pauseAll() must come from a guardian:"
      : `the connected account ${account} is not a guardian, so SystemPause.pauseAll() must come from a guardian:`,
  ];
  if (status.guardians.length === 0)
    lines.push("  (SystemPause has no guardian: only governance can add one)");
  for (const guardian of status.guardians) {
    const safe = await readSafe(guardian, provider);
    if (safe === undefined) {
      lines.push(`  guardian ${guardian}: sends it from its own key (--execute from that key)`);
      continue;
    }
    const mine = account !== undefined && safe.owners.includes(account);
    lines.push(
      `  guardian Safe ${guardian}: ${safe.threshold} of its ${safe.owners.length} owners sign (${safe.owners.join(", ")})${mine ? `; the connected account is one of them` : ""}`,
    );
  }
  lines.push(
    "Write each guardian Safe's Transaction Builder file with --safe-out <dir>; its owners sign and execute it.",
  );
  return lines.join("\n");
}

export interface UnpauseRoute {
  describe: string[];
  send(log: (line: string) => void): Promise<void>;
}

/**
 * Development chains only: the owners' Safe schedules the batch with local owner keys, the node's
 * clock is moved past the delay (evm_increaseTime), and the Safe executes it. Live chains: the two
 * Safe transactions are signed by the owners (--safe-out), with the real delay in between.
 */
export async function unpauseRoute(
  status: PauseStatus,
  op: UnpauseOperation,
  signers: readonly Signer[],
  provider: JsonRpcProvider,
): Promise<UnpauseRoute> {
  const steps = unpauseSteps(status, op);
  if (status.chainId !== DEV_CHAIN_ID) {
    throw new OwnerError(
      "NOT_AUTHORISED",
      `unpausing on ${status.network} goes through the timelock, signed by the owners' Safe ${status.ownersSafe}, with a real ${formatDuration(op.delay)} wait; it cannot be sent from one key. Write the two Safe batches with --safe-out <dir>. Steps:\n${steps.join("\n")}`,
    );
  }
  const local = await localSafeSigners(status.ownersSafe, signers, provider);
  if (local === undefined)
    throw new OwnerError(
      "NOT_AUTHORISED",
      `this node does not hold enough owner keys of the owners' Safe ${status.ownersSafe} to unpause; nothing was sent`,
    );
  return {
    describe: [
      ...steps,
      `(development chain: ${local.threshold} local owner keys sign; step 2 moves the node's clock with evm_increaseTime)`,
    ],
    async send(log) {
      // An operation scheduled earlier (from --safe-out files, or a run that stopped) is not
      // scheduled twice: only what is still missing is sent.
      if (decideStep("schedule", op.status).send) {
        const schedule = await sendFromLocalSafe(
          provider,
          status,
          status.ownersSafe,
          [op.schedule],
          local.chosen,
        );
        log(`  scheduled operation ${op.id} (tx ${schedule.txHash})`);
      } else log(`  ${decideStep("schedule", op.status).message}`);
      await moveDevClock(asEip1193(provider), { delay: op.delay });
      log(`  moved the development clock forward by ${formatDuration(op.delay)}`);
      const execute = await sendFromLocalSafe(
        provider,
        status,
        status.ownersSafe,
        [op.execute],
        local.chosen,
      );
      log(`  executed operation ${op.id} (tx ${execute.txHash})`);
    },
  };
}
