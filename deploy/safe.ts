// Deploying Safe 1.4.1 on development chains: the compiled artifacts shipped by
// @safe-global/safe-contracts, `setup` calldata and the CREATE2 address of a Safe proxy made by the
// factory. Signing and executing Safe transactions is owner/safe/sign.ts (protocol-kit), the one Safe layer.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import {
  getCreate2Address,
  Interface,
  keccak256,
  solidityPacked,
  ZeroAddress,
  type InterfaceAbi,
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
