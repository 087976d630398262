// How owner-control tasks reach the chain. Reads never go through Hardhat's connection for http
// networks: a batching transport is built from the network's URL, so a dead RPC is reported by us
// (exit 2) and every read of a command shares one block and a constant number of round trips.
import { join, resolve } from "node:path";

import { HardhatError } from "@nomicfoundation/hardhat-errors";
import { ethers, type Eip1193Provider, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  DEFAULT_RPC_TIMEOUT_MS,
  eip1193Transport,
  httpTransport,
  redactUrl,
  rpcFailure,
  transportAsEip1193,
  type JsonRpcProvider,
  type RpcTransport,
} from "../owner/chain/transport.ts";
import { OwnerError } from "../owner/errors.ts";

export function networkName(hre: HardhatRuntimeEnvironment): string {
  return hre.globalOptions.network ?? "default";
}

/** The name of a configuration variable Hardhat could not resolve, or undefined for any other error. */
function missingVariable(error: unknown): string | undefined {
  const { ENV_VAR_NOT_FOUND } = HardhatError.ERRORS.CORE.GENERAL;
  // Under `hardhat test` the keystore plugin reads its development keystore and says so instead.
  const { KEY_NOT_FOUND_DURING_TESTS_WITH_DEV_KEYSTORE: NOT_IN_DEV_KEYSTORE } =
    HardhatError.ERRORS.HARDHAT_KEYSTORE.GENERAL;
  if (HardhatError.isHardhatError(error, ENV_VAR_NOT_FOUND))
    return String(error.messageArguments.name);
  if (HardhatError.isHardhatError(error, NOT_IN_DEV_KEYSTORE))
    return String(error.messageArguments.key);
  return undefined;
}

/**
 * The URL of an http network. A configuration variable that is not set (`AMOY_RPC_URL`) is "could
 * not check" (exit 2) naming the variable and how to set it, never Hardhat's HHE7 and exit 1.
 */
async function networkUrl(name: string, url: { getUrl(): Promise<string> }): Promise<string> {
  try {
    return await url.getUrl();
  } catch (error) {
    const variable = missingVariable(error);
    if (variable === undefined) throw error;
    throw new OwnerError(
      "CONFIG_VARIABLE_MISSING",
      `${variable} is not set: network ${name} reads its RPC URL from it. Set it with ` +
        `\`npx hardhat keystore set ${variable}\` or the environment; nothing was read or sent`,
    );
  }
}

/**
 * `--rpc-timeout <seconds>` ("" = the default, 30 s): how long any one request to the RPC may take.
 * Bounded so that a typo cannot turn "hangs" back on.
 */
export function rpcTimeoutMs(flag: string | undefined): number {
  if (flag === undefined || flag.trim() === "") return DEFAULT_RPC_TIMEOUT_MS;
  const seconds = Number(flag);
  if (!/^\d+(\.\d+)?$/.test(flag.trim()) || !(seconds >= 1 && seconds <= 3600))
    throw new OwnerError(
      "BAD_ARGUMENT",
      `--rpc-timeout expects seconds between 1 and 3600, found ${JSON.stringify(flag.slice(0, 40))}; nothing was read or sent`,
    );
  return Math.round(seconds * 1000);
}

/**
 * What the owner tasks read and send with. `read` (dry runs, --safe-out) never needs the network's
 * private key: an http network is read through a provider built from its URL alone, and the
 * configured accounts are used only when they resolve (to say whether the connected account is a
 * guardian). `send` (--execute) needs them: an unset key variable (`AMOY_PRIVATE_KEY`) is
 * CONFIG_VARIABLE_MISSING (exit 2) naming it, and nothing is sent.
 */
export async function ownerAccounts(
  hre: HardhatRuntimeEnvironment,
  purpose: "read" | "send",
  timeoutMs = DEFAULT_RPC_TIMEOUT_MS,
): Promise<{ signers: readonly Signer[]; provider: JsonRpcProvider }> {
  const name = networkName(hre);
  const config = hre.config.networks[name];
  let readOnly: JsonRpcProvider | undefined;
  if (purpose === "read" && config?.type === "http")
    // A known chain id keeps ethers from probing (and retrying forever) a node that is down.
    readOnly = new ethers.JsonRpcProvider(await networkUrl(name, config.url), config.chainId, {
      staticNetwork: config.chainId !== undefined,
    });
  try {
    const connection = await sendingConnection(hre, timeoutMs);
    return {
      signers: await connection.ethers.getSigners(),
      provider: readOnly ?? (connection.ethers.provider as unknown as JsonRpcProvider),
    };
  } catch (error) {
    const variable = missingVariable(error);
    if (variable === undefined) throw error;
    if (readOnly !== undefined) return { signers: [], provider: readOnly };
    throw new OwnerError(
      "CONFIG_VARIABLE_MISSING",
      `${variable} is not set: --execute sends from the account network ${name} takes from it. Set it with ` +
        `\`npx hardhat keystore set ${variable}\` or the environment; nothing was sent. ` +
        `Dry runs and --safe-out need no key.`,
    );
  }
}

export async function readTransport(
  hre: HardhatRuntimeEnvironment,
  timeoutMs = DEFAULT_RPC_TIMEOUT_MS,
): Promise<RpcTransport> {
  const name = networkName(hre);
  const config = hre.config.networks[name];
  if (config === undefined) throw new OwnerError("BAD_ARGUMENT", `unknown network ${name}`);
  if (config.type === "http") {
    const url = await networkUrl(name, config.url);
    return httpTransport(url, { headers: config.httpHeaders, timeoutMs });
  }
  const connection = await hre.network.getOrCreate();
  return eip1193Transport(connection.provider, `in-process ${name}`);
}

const sendingConnections = new WeakMap<HardhatRuntimeEnvironment, Promise<unknown>>();

/**
 * Hardhat's connection for signing and sending, with the same per-request timeout as the reads
 * (Hardhat's own default is 300 s). One per run.
 */
export function sendingConnection(
  hre: HardhatRuntimeEnvironment,
  timeoutMs = DEFAULT_RPC_TIMEOUT_MS,
): ReturnType<HardhatRuntimeEnvironment["network"]["getOrCreate"]> {
  const known = sendingConnections.get(hre);
  if (known !== undefined) return known as never;
  const config = hre.config.networks[networkName(hre)];
  const created =
    config?.type === "http"
      ? hre.network.create({ override: { timeout: timeoutMs } }).then(async (connection) => {
          nameFailures(connection.provider, redactUrl(await config.url.getUrl()), timeoutMs);
          return connection;
        })
      : hre.network.getOrCreate();
  sendingConnections.set(hre, created);
  return created;
}

type HardhatProvider = Awaited<
  ReturnType<HardhatRuntimeEnvironment["network"]["create"]>
>["provider"];

/**
 * Hardhat's HTTP provider says "Network connection timed out" or "Received an unexpected status
 * code" without the RPC or the method. Every request of the sending connection (hardhat-ethers'
 * signers and provider, and protocol-kit over it, all call this one object) has its transport
 * failures rethrown as RPC_UNREACHABLE / RPC_ERROR naming both, worded as the batched reads word
 * them. A JSON-RPC error answer (a revert, "nonce too low") is the node's answer and passes as it is.
 */
function nameFailures(provider: HardhatProvider, shown: string, timeoutMs: number): void {
  const request = provider.request.bind(provider);
  provider.request = async (args) => {
    try {
      return await request(args);
    } catch (error) {
      throw sendingFailure(error, shown, args.method, timeoutMs) ?? error;
    }
  };
}

const SENDS = new Set(["eth_sendTransaction", "eth_sendRawTransaction"]);

/** A Hardhat provider failure that is the transport's, in the transport's words; undefined for an answer. */
export function sendingFailure(
  error: unknown,
  shown: string,
  method: string,
  timeoutMs: number,
): OwnerError | undefined {
  const { NETWORK } = HardhatError.ERRORS.CORE;
  const maybeSent = SENDS.has(method) ? "; the transaction may still have reached the node" : "";
  if (HardhatError.isHardhatError(error, NETWORK.NETWORK_TIMEOUT))
    return new OwnerError(
      "RPC_UNREACHABLE",
      `${rpcFailure.timeout(shown, method, timeoutMs)}${maybeSent}`,
    );
  if (HardhatError.isHardhatError(error, NETWORK.CONNECTION_REFUSED))
    return new OwnerError(
      "RPC_UNREACHABLE",
      `${rpcFailure.unreachable(shown, "connection refused", method)}. Check the node is running and the network's URL.`,
    );
  if (HardhatError.isHardhatError(error, NETWORK.INVALID_JSON_RESPONSE))
    return new OwnerError(
      "RPC_ERROR",
      `the RPC at ${shown} answered ${method} with something that is not JSON-RPC${maybeSent}`,
    );
  // Hardhat's UnknownError (-1) and LimitExceededError (-32005) wrap the HTTP failure as `cause`.
  const e = error as { code?: unknown; cause?: { statusCode?: unknown; message?: unknown } };
  if ((e?.code === -1 || e?.code === -32005) && e.cause !== undefined) {
    const status = e.cause.statusCode;
    return new OwnerError(
      "RPC_ERROR",
      `${
        typeof status === "number" && status > 0
          ? rpcFailure.status(shown, status, method)
          : rpcFailure.other(
              shown,
              String(e.cause.message ?? "no reply")
                .split("\n")[0]
                .slice(0, 200),
              method,
            )
      }${maybeSent}`,
    );
  }
  return undefined;
}

/**
 * What protocol-kit talks to for Safe nonces and hashes: the network's URL through the batching
 * transport (the --rpc-timeout of every other request, failures naming the RPC and the method), or
 * the in-process provider.
 */
export async function safeProvider(
  hre: HardhatRuntimeEnvironment,
  timeoutMs = DEFAULT_RPC_TIMEOUT_MS,
): Promise<Eip1193Provider> {
  const config = hre.config.networks[networkName(hre)];
  if (config?.type === "http") return transportAsEip1193(await readTransport(hre, timeoutMs));
  const connection = await hre.network.getOrCreate();
  return connection.provider as unknown as Eip1193Provider;
}

/** Default file locations, each overridable by a flag ("" = default). */
export function ownerFiles(
  hre: HardhatRuntimeEnvironment,
  args: { manifest?: string; deployment?: string; reportsDir?: string },
) {
  const root = hre.config.paths.root;
  const name = networkName(hre);
  const pick = (value: string | undefined, fallback: string) =>
    value === undefined || value === "" ? fallback : resolve(value);
  return {
    manifestFile: pick(args.manifest, join(root, "config", `${name}.json`)),
    deploymentFile: pick(args.deployment, join(root, "config", "deployments", `${name}.json`)),
    reportsDir: pick(args.reportsDir, join(root, "reports")),
  };
}
