// Safe 1.4.1 on development chains: the compiled artifacts shipped by @safe-global/safe-contracts,
// the CREATE2 address of a Safe proxy made by the factory, and a minimal owner-signed transaction
// (EIP-712 signatures, sorted by signer, `execTransaction`), enough for drills and tests.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import {
  Contract,
  getAddress,
  getCreate2Address,
  Interface,
  keccak256,
  solidityPacked,
  TypedDataEncoder,
  ZeroAddress,
  type InterfaceAbi,
  type Signer,
} from "ethers";

export interface CompiledArtifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
}

/** The Safe 1.4.1 suite, every contract protocol-kit may be pointed at through `contractNetworks`. */
export const SAFE_SUITE = [
  "Safe",
  "SafeL2",
  "SafeProxyFactory",
  "MultiSend",
  "MultiSendCallOnly",
  "CompatibilityFallbackHandler",
  "SignMessageLib",
  "CreateCall",
  "SimulateTxAccessor",
] as const;

export type SafeSuiteName = (typeof SAFE_SUITE)[number];

const ARTIFACT_PATHS: Record<SafeSuiteName | "SafeProxy", string> = {
  Safe: "Safe.sol/Safe.json",
  SafeL2: "SafeL2.sol/SafeL2.json",
  SafeProxyFactory: "proxies/SafeProxyFactory.sol/SafeProxyFactory.json",
  SafeProxy: "proxies/SafeProxy.sol/SafeProxy.json",
  MultiSend: "libraries/MultiSend.sol/MultiSend.json",
  MultiSendCallOnly: "libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json",
  CompatibilityFallbackHandler:
    "handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json",
  SignMessageLib: "libraries/SignMessageLib.sol/SignMessageLib.json",
  CreateCall: "libraries/CreateCall.sol/CreateCall.json",
  SimulateTxAccessor: "accessors/SimulateTxAccessor.sol/SimulateTxAccessor.json",
};

/** The singleton behind the Safes deployed here: the L2 flavour, as on Polygon (it emits events per call). */
export const SAFE_SINGLETON: SafeSuiteName = "SafeL2";

const require = createRequire(import.meta.url);
// Resolved through package.json: the package's `main` (dist/index.js) is not shipped in 1.4.1.
const SAFE_ARTIFACTS_DIR = join(
  dirname(require.resolve("@safe-global/safe-contracts/package.json")),
  "build",
  "artifacts",
  "contracts",
);

const cache = new Map<string, CompiledArtifact>();

export function readSafeArtifact(name: SafeSuiteName | "SafeProxy"): CompiledArtifact {
  let artifact = cache.get(name);
  if (artifact === undefined) {
    const json = JSON.parse(readFileSync(join(SAFE_ARTIFACTS_DIR, ARTIFACT_PATHS[name]), "utf8"));
    artifact = { contractName: json.contractName, abi: json.abi, bytecode: json.bytecode };
    cache.set(name, artifact);
  }
  return artifact;
}

export const safeInterface = new Interface(readSafeArtifact("Safe").abi);
export const safeProxyFactoryInterface = new Interface(readSafeArtifact("SafeProxyFactory").abi);

/** `Safe.setup` calldata: owners, threshold, the fallback handler, no module, no payment. */
export function encodeSafeSetup(
  owners: readonly string[],
  threshold: number,
  fallbackHandler: string,
): string {
  return safeInterface.encodeFunctionData("setup", [
    owners,
    threshold,
    ZeroAddress,
    "0x",
    fallbackHandler,
    ZeroAddress,
    0,
    ZeroAddress,
  ]);
}

/** The address `SafeProxyFactory.createProxyWithNonce(singleton, initializer, saltNonce)` creates (1.4.1). */
export function predictSafeProxyAddress(
  factory: string,
  singleton: string,
  initializer: string,
  saltNonce: bigint,
): string {
  const salt = keccak256(
    solidityPacked(["bytes32", "uint256"], [keccak256(initializer), saltNonce]),
  );
  const initCode = solidityPacked(
    ["bytes", "uint256"],
    [readSafeArtifact("SafeProxy").bytecode, BigInt(singleton)],
  );
  return getCreate2Address(factory, salt, keccak256(initCode));
}

// ------------------------------------------------------------------ owner-signed transactions

export interface SafeTransaction {
  to: string;
  data: string;
  value?: bigint;
  /** 0 = call, 1 = delegatecall. */
  operation?: 0 | 1;
}

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

/**
 * Has `signers` (owners, at least the threshold) sign `tx` with EIP-712 and submits it through
 * `execTransaction` from `executor` (default: the first signer). Signatures are concatenated in
 * ascending signer order, as the Safe requires. Checks the local digest against the Safe's own
 * `getTransactionHash` first, so a domain mistake fails here and not as GS026 on chain.
 */
export async function executeSafeTransaction(
  safeAddress: string,
  tx: SafeTransaction,
  signers: readonly Signer[],
  executor: Signer = signers[0],
) {
  const safe = new Contract(safeAddress, safeInterface, executor);
  const nonce: bigint = await safe.nonce();
  const chainId = (await executor.provider!.getNetwork()).chainId;
  const message = {
    to: tx.to,
    value: tx.value ?? 0n,
    data: tx.data,
    operation: tx.operation ?? 0,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: ZeroAddress,
    refundReceiver: ZeroAddress,
    nonce,
  };
  const domain = { chainId, verifyingContract: safeAddress };
  const digest = TypedDataEncoder.hash(domain, SAFE_TX_TYPES, message);
  const onChainDigest: string = await safe.getTransactionHash(
    message.to,
    message.value,
    message.data,
    message.operation,
    0n,
    0n,
    0n,
    ZeroAddress,
    ZeroAddress,
    nonce,
  );
  if (digest !== onChainDigest)
    throw new Error(`Safe transaction digest mismatch: local ${digest}, Safe ${onChainDigest}`);

  const signed = await Promise.all(
    signers.map(async (signer) => ({
      owner: getAddress(await signer.getAddress()),
      signature: await signer.signTypedData(domain, SAFE_TX_TYPES, message),
    })),
  );
  signed.sort((a, b) => (BigInt(a.owner) < BigInt(b.owner) ? -1 : 1));
  const signatures = `0x${signed.map((s) => s.signature.slice(2)).join("")}`;

  const response = await safe.execTransaction(
    message.to,
    message.value,
    message.data,
    message.operation,
    0n,
    0n,
    0n,
    ZeroAddress,
    ZeroAddress,
    signatures,
  );
  const receipt = await response.wait();
  // A Safe does not revert when the inner call fails: it emits ExecutionFailure instead.
  const failed = receipt!.logs.some(
    (log: { topics: readonly string[] }) =>
      log.topics[0] === safeInterface.getEvent("ExecutionFailure")!.topicHash,
  );
  if (failed)
    throw new Error(`Safe ${safeAddress}: the inner call to ${tx.to} failed (ExecutionFailure)`);
  return receipt!;
}
