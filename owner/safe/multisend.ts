// Safe's MultiSend encoding (the packed list a batch of several calls becomes) both ways, and a
// simulation of several calls made by a Safe in one transaction: `Safe.simulateAndRevert` (Safe 1.4.1's
// StorageAccessible) delegatecalls MultiSendCallOnly in the Safe's own context, so each call is made
// by the Safe, in order, each seeing the previous one's effects (an owner rotation needs that).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import { concat, getAddress, hexlify, Interface, solidityPacked, toQuantity } from "ethers";

import { safeInterface } from "../../deploy/safe.ts";
import type { Call } from "./calls.ts";

export const multiSendInterface = new Interface(["function multiSend(bytes transactions) payable"]);

/** One entry of a MultiSend list: operation 0 is a call, 1 a delegatecall. */
export interface MultiSendTransaction {
  operation: number;
  to: string;
  value: bigint;
  data: string;
}

/** `multiSend(bytes)` calldata: each transaction packed as operation, to, value, data length, data. */
export function encodeMultiSend(transactions: readonly MultiSendTransaction[]): string {
  const packed = concat(
    transactions.map((t) =>
      solidityPacked(
        ["uint8", "address", "uint256", "uint256", "bytes"],
        [t.operation, t.to, t.value, (t.data.length - 2) / 2, t.data],
      ),
    ),
  );
  return multiSendInterface.encodeFunctionData("multiSend", [packed]);
}

/** The transactions of `multiSend(bytes)` calldata; throws when it is not one or is cut short. */
export function decodeMultiSend(data: string): MultiSendTransaction[] {
  const [packed] = multiSendInterface.decodeFunctionData("multiSend", data);
  const bytes = hexlify(packed as string).slice(2);
  const out: MultiSendTransaction[] = [];
  let i = 0;
  const take = (n: number) => {
    if (i + n * 2 > bytes.length)
      throw new Error(`multiSend data ends inside transaction ${out.length}`);
    const part = bytes.slice(i, i + n * 2);
    i += n * 2;
    return part;
  };
  while (i < bytes.length) {
    const operation = Number.parseInt(take(1), 16);
    const to = getAddress(`0x${take(20)}`);
    const value = BigInt(`0x${take(32)}`);
    const length = Number(BigInt(`0x${take(32)}`));
    const data = `0x${take(length)}`;
    out.push({ operation, to, value, data });
  }
  return out;
}

/** Where the simulation puts MultiSendCallOnly's code (by state override): no real contract is needed. */
const SIMULATION_MULTISEND = "0x00000000000000000000000000000000005afe51";

/**
 * The eth_call parameters that run `calls` from `safe` at `blockTag` as one Safe transaction: one call
 * directly from the Safe; several through `simulateAndRevert` + MultiSendCallOnly (its code placed
 * by a state override). Read the answer with `simulationOutcome`.
 */
export function safeCallsSimulation(
  safe: string,
  calls: readonly Pick<Call, "to" | "value" | "data">[],
  blockTag: string,
  delegate?: { to: string; data: string },
): { params: unknown[]; viaSimulateAndRevert: boolean } {
  if (calls.length === 1 && delegate === undefined) {
    const [c] = calls;
    return {
      params: [{ from: safe, to: c.to, data: c.data, value: toQuantity(c.value) }, blockTag],
      viaSimulateAndRevert: false,
    };
  }
  const target = delegate?.to ?? SIMULATION_MULTISEND;
  const payload =
    delegate?.data ?? encodeMultiSend(calls.map((c) => ({ ...c, operation: 0, value: c.value })));
  const data = safeInterface.encodeFunctionData("simulateAndRevert", [target, payload]);
  const override =
    delegate === undefined
      ? { [SIMULATION_MULTISEND]: { code: deployedCode("MultiSendCallOnly") } }
      : {};
  return {
    params: [{ from: safe, to: safe, data }, blockTag, override],
    viaSimulateAndRevert: true,
  };
}

/** A Safe suite contract's runtime code (the shipped artifact's deployedBytecode). */
function deployedCode(name: "MultiSendCallOnly"): string {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("@safe-global/safe-contracts/package.json"));
  const path = join(root, "build/artifacts/contracts/libraries", `${name}.sol`, `${name}.json`);
  return (JSON.parse(readFileSync(path, "utf8")) as { deployedBytecode: string }).deployedBytecode;
}

/**
 * The outcome of a `safeCallsSimulation`: a direct call succeeds or reverts; `simulateAndRevert`
 * always reverts, with `abi.encode(bool success, bytes returndata)` packed as success word, length
 * word, data.
 */
export function simulationOutcome(
  viaSimulateAndRevert: boolean,
  result: { ok: true; value: unknown } | { ok: false; error: { message: string; data?: unknown } },
): { ok: boolean; error?: string } {
  if (!viaSimulateAndRevert)
    return result.ok ? { ok: true } : { ok: false, error: result.error.message };
  if (result.ok) return { ok: false, error: "simulateAndRevert returned instead of reverting" };
  const raw = revertData(result.error.data);
  if (raw === undefined || raw.length < 2 + 128)
    return { ok: false, error: `no simulation result (${result.error.message})` };
  const success = BigInt(`0x${raw.slice(2, 66)}`) === 1n;
  const inner = `0x${raw.slice(130)}`;
  return success ? { ok: true } : { ok: false, error: `reverted (${describeRevert(inner)})` };
}

function revertData(data: unknown): string | undefined {
  if (typeof data === "string" && data.startsWith("0x")) return data;
  if (typeof data === "object" && data !== null && "data" in data)
    return revertData((data as { data: unknown }).data);
  return undefined;
}

/** `Error(string)` as its text, a Safe "GS2xx" code included; anything else as hex. */
function describeRevert(data: string): string {
  if (data.startsWith("0x08c379a0"))
    try {
      return new Interface(["function Error(string)"]).decodeFunctionData("Error", data)[0];
    } catch {
      /* fall through */
    }
  return data === "0x" ? "no reason" : data;
}
