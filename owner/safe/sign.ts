// The one Safe layer: owners sign and a Safe executes a batch with @safe-global/protocol-kit. Build
// the Safe transaction for a list of calls (one call as is, several through MultiSendCallOnly), show
// its safeTxHash, collect owner signatures, execute. The owner tasks' --execute on development
// chains, the drill and the tests all send Safe transactions through here; on real networks signers
// use Safe{Wallet} with the same files (docs/safe-batches.md).
//
// A signer is a private key, or the address of an account the provider holds (a development node's
// unlocked accounts): protocol-kit then asks the node to sign (eth_signTypedData_v4) and send.
import * as protocolKit from "@safe-global/protocol-kit";
import { receiptOf } from "../../shared/errors.ts";
import type { ContractNetworksConfig } from "@safe-global/protocol-kit";
import type { SafeTransaction } from "@safe-global/types-kit";
import {
  getAddress,
  HDNodeWallet,
  Mnemonic,
  id,
  TypedDataEncoder,
  type Eip1193Provider,
} from "ethers";

import type { Call } from "./calls.ts";
import { readTxBuilderFile, type LoadedTxBuilderFile } from "./tx-builder.ts";

/** The EIP-712 types of a Safe transaction (Safe 1.4.1's `SafeTx`). */
export const SAFE_TX_TYPES = {
  SafeTx: [
    { name: "to", type: "address" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "operation", type: "uint8" },
    { name: "safeTxGas", type: "uint256" },
    { name: "baseGas", type: "uint256" },
    { name: "gasPrice", type: "uint256" },
    { name: "gasToken", type: "address" },
    { name: "refundReceiver", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

/** Hardhat's (and anvil's) default development mnemonic; its accounts fund every dev chain. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** Private key of development account `index` (m/44'/60'/0'/0/index of DEV_MNEMONIC). */
export function devAccountKey(index: number): string {
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), `m/44'/60'/0'/0/${index}`)
    .privateKey;
}

/** The Safe suite addresses of a deployment record (`record.safeSuite`). */
export interface SafeSuiteAddresses {
  /** The singleton the Safes were made from: "SafeL2" or "Safe". */
  singleton?: string;
  Safe: string;
  SafeL2: string;
  SafeProxyFactory: string;
  MultiSend: string;
  MultiSendCallOnly: string;
  CompatibilityFallbackHandler: string;
  SignMessageLib: string;
  CreateCall: string;
  SimulateTxAccessor: string;
}

/**
 * protocol-kit's `contractNetworks` for a chain where the Safe suite is not at its canonical
 * addresses (a dev chain): every address from the deployment record, the singleton being the one
 * the Safes' proxies point at.
 */
export function contractNetworksFor(
  chainId: bigint | number,
  suite: SafeSuiteAddresses,
): ContractNetworksConfig {
  const singleton = suite.singleton === "Safe" ? suite.Safe : suite.SafeL2;
  return {
    [BigInt(chainId).toString()]: {
      safeSingletonAddress: singleton,
      safeProxyFactoryAddress: suite.SafeProxyFactory,
      multiSendAddress: suite.MultiSend,
      multiSendCallOnlyAddress: suite.MultiSendCallOnly,
      fallbackHandlerAddress: suite.CompatibilityFallbackHandler,
      signMessageLibAddress: suite.SignMessageLib,
      createCallAddress: suite.CreateCall,
      simulateTxAccessorAddress: suite.SimulateTxAccessor,
    },
  };
}

export interface SafeConnection {
  /** An EIP-1193 provider (Hardhat's `connection.provider` works) or an RPC URL. */
  provider: Eip1193Provider | string;
  safeAddress: string;
  /** Needed where protocol-kit knows no addresses (chain 31337); omit on canonical deployments. */
  contractNetworks?: ContractNetworksConfig;
}

export class SafeSigningError extends Error {
  override name = "SafeSigningError";
  constructor(
    readonly code:
      | "WRONG_CHAIN"
      | "WRONG_SAFE"
      | "NOT_AN_OWNER"
      | "BELOW_THRESHOLD"
      | "HASH_MISMATCH"
      | "EXECUTION_FAILED",
    message: string,
  ) {
    super(message);
  }
}

// The package's types are read as CommonJS under `module: node16`: TypeScript sees the Safe class
// one `default` deeper than the ESM build Node loads. Take whichever level holds the class.
type SafeClass = (typeof protocolKit.default)["default"];
const Safe: SafeClass =
  (protocolKit.default as unknown as { default?: SafeClass }).default ??
  (protocolKit.default as unknown as SafeClass);
type SafeKit = InstanceType<SafeClass>;

async function kitFor(connection: SafeConnection, signerKey?: string): Promise<SafeKit> {
  return Safe.init({
    // protocol-kit's provider type is viem's EIP-1193 shape; ethers' is the same at run time.
    provider: connection.provider as Parameters<typeof Safe.init>[0]["provider"],
    ...(signerKey !== undefined ? { signer: signerKey } : {}),
    safeAddress: connection.safeAddress,
    ...(connection.contractNetworks !== undefined
      ? { contractNetworks: connection.contractNetworks }
      : {}),
  });
}

export interface ProposedSafeTransaction {
  safeTransaction: SafeTransaction;
  /** EIP-712 digest of the SafeTx, as Safe{Wallet} and `Safe.getTransactionHash` show it. */
  safeTxHash: string;
  /** What a hardware wallet shows when it signs the typed data: domain and message hash. */
  domainHash: string;
  messageHash: string;
  nonce: number;
  chainId: bigint;
  safeAddress: string;
}

/**
 * The SafeTx EIP-712 hashes, computed with ethers independently of protocol-kit: the domain hash
 * and message (struct) hash a hardware wallet shows when it signs typed data, and the safeTxHash =
 * keccak256(0x1901 ++ domainHash ++ messageHash) that Safe{Wallet} and the Safe contract show.
 */
export function safeTxHashes(
  chainId: bigint,
  safeAddress: string,
  tx: SafeTransaction["data"],
): { domainHash: string; messageHash: string; safeTxHash: string } {
  const domain = { chainId, verifyingContract: getAddress(safeAddress) };
  const message = {
    to: tx.to,
    value: BigInt(tx.value),
    data: tx.data,
    operation: tx.operation,
    safeTxGas: BigInt(tx.safeTxGas),
    baseGas: BigInt(tx.baseGas),
    gasPrice: BigInt(tx.gasPrice),
    gasToken: tx.gasToken,
    refundReceiver: tx.refundReceiver,
    nonce: BigInt(tx.nonce),
  };
  return {
    domainHash: TypedDataEncoder.hashDomain(domain),
    messageHash: TypedDataEncoder.from(SAFE_TX_TYPES).hash(message),
    safeTxHash: TypedDataEncoder.hash(domain, SAFE_TX_TYPES, message),
  };
}

/**
 * The Safe transaction for `calls` at `nonce` (default: the Safe's next nonce): one call is sent
 * directly, several go through MultiSendCallOnly (a delegatecall into a contract that can only
 * CALL). No gas refund, safeTxGas 0, as Safe{Wallet} proposes for Safes >= 1.3.
 */
export async function proposeSafeTransaction(
  connection: SafeConnection,
  calls: readonly Call[],
  options: { nonce?: number } = {},
): Promise<ProposedSafeTransaction> {
  const kit = await kitFor(connection);
  const safeTransaction = await kit.createTransaction({
    transactions: calls.map((c) => ({
      to: getAddress(c.to),
      value: c.value.toString(10),
      data: c.data,
      operation: 0,
    })),
    onlyCalls: true,
    ...(options.nonce !== undefined ? { options: { nonce: options.nonce } } : {}),
  });
  const chainId = await kit.getChainId();
  const safeTxHash = await kit.getTransactionHash(safeTransaction);
  const local = safeTxHashes(chainId, connection.safeAddress, safeTransaction.data);
  if (local.safeTxHash !== safeTxHash)
    throw new SafeSigningError(
      "HASH_MISMATCH",
      `safeTxHash from the Safe ${safeTxHash} differs from the locally computed ${local.safeTxHash}`,
    );
  return {
    safeTransaction,
    safeTxHash,
    domainHash: local.domainHash,
    messageHash: local.messageHash,
    nonce: Number(safeTransaction.data.nonce),
    chainId,
    safeAddress: getAddress(connection.safeAddress),
  };
}

/**
 * Loads a Transaction Builder file and proposes exactly the calls it stands for (calldata derived
 * as the app derives it), after checking it belongs to this chain and this Safe.
 */
export async function proposeFromTxBuilderFile(
  connection: SafeConnection,
  source: string | LoadedTxBuilderFile,
  options: { nonce?: number; requireValidChecksum?: boolean } = {},
): Promise<ProposedSafeTransaction & { loaded: LoadedTxBuilderFile }> {
  const loaded = typeof source === "string" ? readTxBuilderFile(source) : source;
  const { file } = loaded;
  const kit = await kitFor(connection);
  const chainId = await kit.getChainId();
  if (file.chainId !== chainId.toString())
    throw new SafeSigningError(
      "WRONG_CHAIN",
      `the batch is for chain ${file.chainId}, connected to chain ${chainId}`,
    );
  if (
    file.meta.createdFromSafeAddress !== "" &&
    getAddress(file.meta.createdFromSafeAddress) !== getAddress(connection.safeAddress)
  )
    throw new SafeSigningError(
      "WRONG_SAFE",
      `the batch was made for Safe ${file.meta.createdFromSafeAddress}, not ${connection.safeAddress}`,
    );
  if (options.requireValidChecksum !== false && !loaded.checksumValid)
    throw new SafeSigningError(
      "HASH_MISMATCH",
      "the batch file's meta.checksum does not match its content: it was changed after it was written",
    );
  const proposed = await proposeSafeTransaction(connection, loaded.calls, options);
  return { ...proposed, loaded };
}

/**
 * Each owner (a key, or an address the provider holds) signs the Safe transaction (EIP-712, as a
 * hardware wallet would); returns the transaction carrying all signatures. Refuses non-owners.
 */
export async function signSafeTransaction(
  connection: SafeConnection,
  proposed: ProposedSafeTransaction,
  ownerKeys: readonly string[],
): Promise<SafeTransaction> {
  let kit = await kitFor(connection);
  const owners = (await kit.getOwners()).map((o: string) => getAddress(o));
  let signed = proposed.safeTransaction;
  for (const key of ownerKeys) {
    kit = await kit.connect({ signer: key });
    const signer = getAddress((await kit.getSafeProvider().getSignerAddress())!);
    if (!owners.includes(signer))
      throw new SafeSigningError(
        "NOT_AN_OWNER",
        `${signer} is not an owner of ${proposed.safeAddress}`,
      );
    signed = await kit.signTransaction(signed);
  }
  return signed;
}

export interface ExecutionResult {
  txHash: string;
  blockNumber: bigint;
  safeTxHash: string;
}

async function waitForReceipt(
  provider: Eip1193Provider | string,
  hash: string,
  timeoutMs = 60_000,
): Promise<{ status: string; blockNumber: string; logs: { topics: string[] }[] }> {
  const request =
    typeof provider === "string"
      ? async (method: string, params: unknown[]) => {
          const response = await fetch(provider, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
          });
          const body = (await response.json()) as { result?: unknown; error?: { message: string } };
          if (body.error !== undefined) throw new Error(body.error.message);
          return body.result;
        }
      : (method: string, params: unknown[]) => provider.request({ method, params });
  // Polled: on anvil ethers' waitForTransaction hung, receipts by polling did not.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = (await request("eth_getTransactionReceipt", [hash])) as {
      status: string;
      blockNumber: string;
      logs: { topics: string[] }[];
    } | null;
    if (receipt !== null) return receipt;
    if (Date.now() > deadline) throw new Error(`no receipt for ${hash} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// Safe 1.4.1 emits it when the inner call fails without reverting the whole transaction.
const EXECUTION_FAILURE_TOPIC = id("ExecutionFailure(bytes32,uint256)");

/**
 * Sends `execTransaction` from `executorKey` (a key or a held address of any funded account; it
 * need not be an owner).
 * The signatures already collected must reach the threshold: an executing owner is NOT silently
 * counted as one more signer (protocol-kit would add its pre-validated signature), so a drill with
 * too few signatures fails here instead of passing by accident.
 */
export async function executeSafeTransaction(
  connection: SafeConnection,
  signed: SafeTransaction,
  executorKey: string,
): Promise<ExecutionResult> {
  const kit = await kitFor(connection, executorKey);
  const threshold = await kit.getThreshold();
  const owners = (await kit.getOwners()).map((o: string) => o.toLowerCase());
  const signers = [...signed.signatures.keys()].filter((s) => owners.includes(s.toLowerCase()));
  const safeTxHash = await kit.getTransactionHash(signed);
  if (signers.length < threshold)
    throw new SafeSigningError(
      "BELOW_THRESHOLD",
      `Safe ${connection.safeAddress} needs ${threshold} owner signatures, ${signers.length} collected for ${safeTxHash}: not sent`,
    );
  const result = await kit.executeTransaction(signed);
  const receipt = await receiptOf(result.hash, () =>
    waitForReceipt(connection.provider, result.hash),
  );
  if (receipt.status !== "0x1")
    throw new SafeSigningError("EXECUTION_FAILED", `execTransaction ${result.hash} reverted`);
  if (receipt.logs.some((log) => log.topics[0] === EXECUTION_FAILURE_TOPIC))
    throw new SafeSigningError(
      "EXECUTION_FAILED",
      `Safe transaction ${safeTxHash} failed inside the Safe (ExecutionFailure) in ${result.hash}`,
    );
  return { txHash: result.hash, blockNumber: BigInt(receipt.blockNumber), safeTxHash };
}

/** Proposes, has `ownerKeys` sign and `executorKey` execute: the whole drill step for one batch. */
export async function signAndExecute(
  connection: SafeConnection,
  calls: readonly Call[],
  ownerKeys: readonly string[],
  executorKey: string = ownerKeys[0],
): Promise<ExecutionResult & { proposed: ProposedSafeTransaction }> {
  const proposed = await proposeSafeTransaction(connection, calls);
  const signed = await signSafeTransaction(connection, proposed, ownerKeys);
  return { ...(await executeSafeTransaction(connection, signed, executorKey)), proposed };
}
