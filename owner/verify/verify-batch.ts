// owner:verify-batch's core: an independent account of what a Transaction Builder file does, for the
// signer who is about to approve it on a hardware wallet. For any file (ours or anyone's): the
// checksum by the Builder's rule, the Safe transaction it becomes at a nonce with its domain hash,
// message hash and safeTxHash (protocol-kit, ethers and the Safe contract's own getTransactionHash
// must agree), every call decoded down to module calls in manifest units (owner/decode.ts, the one decoder), the whole
// transaction simulated from the Safe at the pinned block, and the risks a signer must see.
import { basename } from "node:path";

import { AbiCoder, keccak256, ZeroAddress } from "ethers";

import { readSystem } from "../chain/reader.ts";
import { ReadBatch, toHexBlock } from "../chain/batch.ts";
import type { RpcTransport } from "../chain/transport.ts";
import { decodeCallTree, decodeContext, risksOf, type DecodedCall, type Risk } from "../decode.ts";
import { loadDesiredState, type DesiredState } from "../desired-state.ts";
import { OwnerError } from "../errors.ts";
import type { SafeHashContext } from "../safe-batches.ts";
import { timelockInterface } from "../chain/contracts.ts";
import { safeInterface } from "../../deploy/safe.ts";
import { safeCallsSimulation, simulationOutcome } from "../safe/multisend.ts";
import { safeTxArgs } from "../safe/safe-tx-args.ts";
import { proposeFromTxBuilderFile } from "../safe/sign.ts";
import { hashOperationBatch, readyOperationOverride } from "../safe/timelock.ts";
import { computeChecksum, readTxBuilderFile, TxBuilderFileError } from "../safe/tx-builder.ts";

export interface BatchVerification {
  file: string;
  name: string;
  chainId: string;
  safe: string;
  blockNumber: number;
  checksum: { stored: string; computed: string; valid: boolean };
  nonce: number;
  nonceAssumption: string;
  hashes: { domainHash: string; messageHash: string; safeTxHash: string; fromSafeContract: string };
  safeTx: {
    to: string;
    value: string;
    operation: number;
    safeTxGas: string;
    baseGas: string;
    gasPrice: string;
    gasToken: string;
    refundReceiver: string;
  };
  tree: DecodedCall;
  risks: Risk[];
  simulations: { what: string; ok: boolean; error?: string }[];
  /** What makes the file unfit to sign (checksum, hash disagreement, a simulation that reverts). */
  problems: string[];
  /** 0 verified, no risk flagged; 1 verified, risks to review; 2 a problem: do not sign. */
  exitCode: 0 | 1 | 2;
}

export interface VerifyBatchOptions {
  file: string;
  network: string;
  manifestFile: string;
  deploymentFile: string;
  transport: RpcTransport;
  hashes: SafeHashContext;
  /** The Safe nonce to compute the hashes at (default: the Safe's next nonce). */
  nonce?: number;
}

/** The file and the desired state, checked to belong together; OwnerError (exit 2) otherwise. */
function loadBatch(options: VerifyBatchOptions) {
  let loaded;
  try {
    loaded = readTxBuilderFile(options.file);
  } catch (error) {
    if (error instanceof TxBuilderFileError || (error as NodeJS.ErrnoException).code === "ENOENT")
      throw new OwnerError("BAD_ARGUMENT", `${(error as Error).message}; nothing was verified`);
    throw error;
  }
  const { file } = loaded;
  const desired = loadDesiredState(options);
  if (file.chainId !== String(desired.chainId))
    throw new OwnerError(
      "WRONG_CHAIN",
      `${options.file}: chainId ${file.chainId}, but ${options.network} is chain ${desired.chainId}`,
    );
  if (file.meta.createdFromSafeAddress === "")
    throw new OwnerError(
      "BAD_ARGUMENT",
      `${options.file}: meta.createdFromSafeAddress is empty: the file does not say which Safe signs it`,
    );
  return { loaded, file, desired };
}

/** Verifies one file; throws OwnerError (exit 2) when it cannot be read or belongs elsewhere. */
export async function verifyBatch(options: VerifyBatchOptions): Promise<BatchVerification> {
  const { loaded, file, desired } = loadBatch(options);
  const snapshot = await readSystem(options.transport, desired);
  const safe = file.meta.createdFromSafeAddress;
  const proposed = await proposeFromTxBuilderFile(
    { ...options.hashes, safeAddress: safe },
    loaded,
    { nonce: options.nonce, requireValidChecksum: false },
  );
  const tx = proposed.safeTransaction.data;
  const ctx = decodeContext(desired, snapshot);
  const tree = decodeCallTree(
    { to: tx.to, value: BigInt(tx.value), data: tx.data, operation: tx.operation },
    ctx,
  );
  const risks = [...risksOf(tree), ...gasRefundRisks(tx)];
  const checks = await chainChecks(
    options.transport,
    snapshot.blockNumber,
    safe,
    loaded.calls,
    tx,
    desired,
  );
  const checksum = {
    stored: file.meta.checksum,
    computed: computeChecksum(file),
    valid: loaded.checksumValid,
  };
  const problems = problemsOf(checksum, checks, proposed.safeTxHash);
  return {
    file: options.file,
    name: file.meta.name || basename(options.file),
    chainId: file.chainId,
    safe: proposed.safeAddress,
    blockNumber: snapshot.blockNumber,
    checksum,
    nonce: proposed.nonce,
    nonceAssumption:
      options.nonce !== undefined
        ? "given with --nonce"
        : "the Safe's next nonce now: assumes nothing else is queued in the Safe",
    hashes: {
      domainHash: proposed.domainHash,
      messageHash: proposed.messageHash,
      safeTxHash: proposed.safeTxHash,
      fromSafeContract: checks.fromSafeContract,
    },
    safeTx: {
      to: tx.to,
      value: String(tx.value),
      operation: tx.operation,
      safeTxGas: String(tx.safeTxGas),
      baseGas: String(tx.baseGas),
      gasPrice: String(tx.gasPrice),
      gasToken: tx.gasToken,
      refundReceiver: tx.refundReceiver,
    },
    tree,
    risks,
    simulations: checks.simulations,
    problems,
    exitCode: problems.length > 0 ? 2 : risks.length > 0 ? 1 : 0,
  };
}

/** A Safe transaction that pays its executor back (gas price, token, receiver) is a risk. */
function gasRefundRisks(tx: {
  gasPrice: string;
  gasToken: string;
  refundReceiver: string;
}): Risk[] {
  if (
    tx.gasToken === ZeroAddress &&
    tx.refundReceiver === ZeroAddress &&
    BigInt(tx.gasPrice) === 0n
  )
    return [];
  return [
    {
      kind: "gas-refund",
      text: `gas refund: gasPrice ${tx.gasPrice}, gasToken ${tx.gasToken}, refundReceiver ${tx.refundReceiver}`,
    },
  ];
}

/** What makes the file unfit to sign: its checksum, a hash disagreement, a simulation that reverts. */
function problemsOf(
  checksum: BatchVerification["checksum"],
  checks: { fromSafeContract: string; simulations: BatchVerification["simulations"] },
  safeTxHash: string,
): string[] {
  return [
    ...(checksum.valid
      ? []
      : [
          `checksum ${checksum.stored} does not match the content (${checksum.computed}): the file was changed after it was written`,
        ]),
    ...(checks.fromSafeContract.toLowerCase() === safeTxHash.toLowerCase()
      ? []
      : [
          `the Safe's getTransactionHash gives ${checks.fromSafeContract}, protocol-kit ${safeTxHash}`,
        ]),
    ...simulationProblems(checks.simulations),
  ];
}

/**
 * One round trip at the pinned block: the Safe's own getTransactionHash, the file's calls simulated
 * from the Safe as one transaction, and, when they execute a timelock operation, again as they will
 * run once it is Ready (a state override, as owner/simulate.ts does).
 */
async function chainChecks(
  transport: RpcTransport,
  blockNumber: number,
  safe: string,
  calls: readonly { to: string; value: bigint; data: string }[],
  tx: {
    to: string;
    value: string;
    data: string;
    operation: number;
    safeTxGas: string;
    baseGas: string;
    gasPrice: string;
    gasToken: string;
    refundReceiver: string;
    nonce: number;
  },
  desired: DesiredState,
) {
  const tag = toHexBlock(blockNumber);
  const batch = new ReadBatch(transport, tag);
  const hash = batch.call<string>(safe, safeInterface, "getTransactionHash", [
    ...safeTxArgs(tx),
    tx.nonce,
  ]);
  const runs: {
    what: string;
    viaSimulateAndRevert: boolean;
    result: ReturnType<ReadBatch["result"]>;
  }[] = [];
  const simulate = (what: string, override?: object) => {
    const { params, viaSimulateAndRevert } = safeCallsSimulation(safe, calls, tag);
    if (override !== undefined)
      params[2] = { ...((params[2] as object | undefined) ?? {}), ...override };
    runs.push({ what, viaSimulateAndRevert, result: batch.result("eth_call", params) });
  };
  simulate(`the ${calls.length} call(s) from Safe ${safe} at block ${blockNumber}`);
  const ready = readyOverrides(calls, desired.timelock);
  if (ready !== undefined)
    simulate(`the same, with the timelock operation(s) made Ready (as after the delay)`, ready);
  await batch.flush();
  const h = await hash;
  return {
    fromSafeContract: h.ok ? h.value : `unreadable (${h.error})`,
    simulations: await Promise.all(
      runs.map(async (r) => ({
        what: r.what,
        ...simulationOutcome(r.viaSimulateAndRevert, await r.result),
      })),
    ),
  };
}

/** State overrides making every executeBatch/execute operation in `calls` Ready, if there is one. */
function readyOverrides(calls: readonly { to: string; data: string }[], timelock: string) {
  let diff: Record<string, string> = {};
  for (const call of calls) {
    if (call.to.toLowerCase() !== timelock.toLowerCase()) continue;
    const parsed = timelockInterface.parseTransaction({ data: call.data });
    if (parsed?.name === "executeBatch") {
      const [t, v, p, pred, salt] = parsed.args;
      diff = {
        ...diff,
        ...stateDiff(timelock, hashOperationBatch([...t], [...v], [...p], pred, salt)),
      };
    } else if (parsed?.name === "execute") {
      const [t, v, p, pred, salt] = parsed.args;
      const single = keccak256(
        AbiCoder.defaultAbiCoder().encode(
          ["address", "uint256", "bytes", "bytes32", "bytes32"],
          [t, v, p, pred, salt],
        ),
      ); // TimelockController.hashOperation
      diff = { ...diff, ...stateDiff(timelock, single) };
    }
  }
  if (Object.keys(diff).length === 0) return undefined;
  return {
    [Object.keys(readyOperationOverride(timelock, `0x${"0".repeat(64)}`))[0]]: { stateDiff: diff },
  };
}

const stateDiff = (timelock: string, opId: string) =>
  Object.values(readyOperationOverride(timelock, opId))[0].stateDiff;

/**
 * A file that executes a timelock operation reverts before the operation is Ready: that is expected
 * while the delay runs, so only the "made Ready" run counts then; otherwise every revert is a problem.
 */
function simulationProblems(
  simulations: { what: string; ok: boolean; error?: string }[],
): string[] {
  const [now, ready] = simulations;
  const counted = ready !== undefined && !now.ok ? [ready] : simulations;
  return counted.filter((s) => !s.ok).map((s) => `simulation reverts: ${s.what}: ${s.error}`);
}
