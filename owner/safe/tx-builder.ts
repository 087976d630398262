// Safe Transaction Builder batch files: build them from calls, checksum them the way the app does,
// validate and read them back into calls. Format and checksum rule: docs/safe-batches.md.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import { getAddress, hexlify, isHexString, keccak256, toUtf8Bytes } from "ethers";
import { z } from "zod";

import { encodeFromInputs, type Call, type ContractMethod } from "./calls.ts";

/**
 * Written into `meta.txBuilderVersion`. The app stamps its own version there and only displays it;
 * this is the app version whose import code (checksum, contract-method encoding) was checked.
 */
export const TX_BUILDER_VERSION = "1.18.2";

export interface TxBuilderTransaction {
  to: string;
  value: string;
  /** null when `contractMethod` is set: the app then encodes from `contractInputsValues`. */
  data: string | null;
  contractMethod: ContractMethod | null;
  contractInputsValues: Record<string, string> | null;
}

export interface TxBuilderFile {
  version: "1.0";
  chainId: string;
  createdAt: number;
  meta: {
    name: string;
    description: string;
    txBuilderVersion: string;
    createdFromSafeAddress: string;
    createdFromOwnerAddress: string;
    checksum: string;
  };
  transactions: TxBuilderTransaction[];
}

export class TxBuilderFileError extends Error {
  override name = "TxBuilderFileError";
}

// ------------------------------------------------------------------ checksum

// JSON has no undefined: the app turns it into null so a key survives a JSON round trip.
const undefinedToNull = (_key: string, value: unknown) => (value === undefined ? null : value);

/**
 * The Transaction Builder's canonical text of a JSON value: arrays as `[a,b]`; objects as `{`,
 * then the JSON array of their keys sorted by UTF-16 code units, then every value in that key
 * order each followed by a comma (also the last), then `}`; anything else as JSON.stringify
 * (undefined as null). Whitespace-free and independent of key order.
 */
export function serializeForChecksum(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serializeForChecksum).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    let out = `{${JSON.stringify(keys, undefinedToNull)}`;
    for (const key of keys)
      out += `${serializeForChecksum((value as Record<string, unknown>)[key])},`;
    return `${out}}`;
  }
  return `${JSON.stringify(value, undefinedToNull)}`;
}

/**
 * keccak256 (of the UTF-8 bytes) of the canonical text of `batch` with `meta.name` replaced by
 * null. Hashes the keys that are present: callers drop `meta.checksum` first (see below).
 */
export function checksumOf(batch: { meta: object }): string {
  return keccak256(
    toUtf8Bytes(serializeForChecksum({ ...batch, meta: { ...batch.meta, name: null } })),
  );
}

const withoutChecksum = <T extends { meta: { checksum?: unknown } }>(batch: T) => {
  const { checksum: _dropped, ...meta } = batch.meta;
  return { ...batch, meta };
};

/** The checksum a file should carry: over the whole file without `meta.checksum`, name nulled. */
export const computeChecksum = (file: { meta: { checksum?: unknown } }): string =>
  checksumOf(withoutChecksum(file));

/** True when `meta.checksum` matches the content (what the app's import checks). */
export function verifyChecksum(file: { meta: { checksum?: unknown } }): boolean {
  return typeof file.meta.checksum === "string" && computeChecksum(file) === file.meta.checksum;
}

// ------------------------------------------------------------------ build

export function toTxBuilderTransaction(call: Call): TxBuilderTransaction {
  const to = getAddress(call.to);
  const value = call.value.toString(10);
  if (call.contractMethod !== undefined) {
    if (call.contractInputsValues === undefined)
      throw new TxBuilderFileError(`call to ${to}: contractMethod without contractInputsValues`);
    const reencoded = encodeFromInputs(call.contractMethod, call.contractInputsValues);
    // The app ignores the inputs when data is set, and shows only hex; so data is left out, and the
    // inputs must encode to exactly the planned calldata or the file would sign something else.
    if (reencoded !== call.data.toLowerCase())
      throw new TxBuilderFileError(
        `call to ${to} (${call.contractMethod.name}): contractInputsValues encode to ${reencoded}, not to the planned ${call.data}`,
      );
    return {
      to,
      value,
      data: null,
      contractMethod: call.contractMethod,
      contractInputsValues: call.contractInputsValues,
    };
  }
  return { to, value, data: hexlify(call.data), contractMethod: null, contractInputsValues: null };
}

export function buildTxBuilderFile(input: {
  chainId: bigint | number | string;
  safeAddress: string;
  name: string;
  description: string;
  calls: readonly Call[];
  /** The proposing owner, if known; the app writes "" when it does not know. */
  ownerAddress?: string;
  /** Milliseconds; default Date.now(). Pass it for reproducible files. */
  createdAt?: number;
}): TxBuilderFile {
  if (input.calls.length === 0) throw new TxBuilderFileError("a batch needs at least one call");
  const file = {
    version: "1.0" as const,
    chainId: BigInt(input.chainId).toString(10),
    createdAt: input.createdAt ?? Date.now(),
    meta: {
      name: input.name,
      description: input.description,
      txBuilderVersion: TX_BUILDER_VERSION,
      createdFromSafeAddress: getAddress(input.safeAddress),
      createdFromOwnerAddress:
        input.ownerAddress === undefined ? "" : getAddress(input.ownerAddress),
    },
    transactions: input.calls.map(toTxBuilderTransaction),
  };
  return { ...file, meta: { ...file.meta, checksum: checksumOf(file) } };
}

// ------------------------------------------------------------------ read and write

const numericString = z.string().regex(/^\d+$/, "a decimal number as a string");
const hex = z.string().refine((s) => isHexString(s), "0x-prefixed hex");
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an address");

const contractMethodSchema = z.object({
  name: z.string().min(1),
  inputs: z.array(
    z.object({ name: z.string(), type: z.string().min(1), internalType: z.string().optional() }),
  ),
  payable: z.boolean(),
});

export const txBuilderFileSchema = z.object({
  version: z.literal("1.0"),
  chainId: numericString,
  createdAt: z.number().int().nonnegative(),
  meta: z.object({
    name: z.string(),
    description: z.string().optional(),
    txBuilderVersion: z.string(),
    createdFromSafeAddress: z.union([address, z.literal("")]),
    createdFromOwnerAddress: z.union([address, z.literal("")]),
    checksum: z.string(),
  }),
  transactions: z
    .array(
      z.object({
        to: address,
        value: numericString,
        data: hex.nullable().optional(),
        contractMethod: contractMethodSchema.nullable().optional(),
        contractInputsValues: z.record(z.string(), z.string()).nullable().optional(),
      }),
    )
    .min(1),
});

/** Pretty JSON with a final newline; the checksum does not depend on layout. */
export const formatTxBuilderFile = (file: TxBuilderFile): string =>
  `${JSON.stringify(file, null, 2)}\n`;

export function writeTxBuilderFile(path: string, file: TxBuilderFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, formatTxBuilderFile(file));
}

export interface LoadedTxBuilderFile {
  file: TxBuilderFile;
  /** The calls the app would propose from this file, calldata computed as the app does. */
  calls: Call[];
  checksumValid: boolean;
}

/** Parses and validates a batch file (JSON text); throws TxBuilderFileError with the JSON path. */
export function parseTxBuilderFile(text: string, source = "batch file"): LoadedTxBuilderFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TxBuilderFileError(`${source}: not JSON (${(error as Error).message})`);
  }
  const parsed = txBuilderFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TxBuilderFileError(
      `${source}: ${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`,
    );
  }
  const file = json as TxBuilderFile;
  return { file, calls: callsOf(file, source), checksumValid: verifyChecksum(file) };
}

export function readTxBuilderFile(path: string): LoadedTxBuilderFile {
  return parseTxBuilderFile(readFileSync(path, "utf8"), path);
}

/**
 * The calls a file stands for, by the app's rule: non-empty `data` is sent as is; otherwise the
 * calldata is encoded from `contractMethod` + `contractInputsValues`; with neither it is a plain
 * transfer ("0x").
 */
export function callsOf(file: TxBuilderFile, source = "batch file"): Call[] {
  return file.transactions.map((tx, index) => {
    const base = { to: getAddress(tx.to), value: BigInt(tx.value) };
    if (tx.data) return { ...base, data: hexlify(tx.data) };
    if (tx.contractMethod) {
      let data: string;
      try {
        data = encodeFromInputs(tx.contractMethod, tx.contractInputsValues ?? {});
      } catch (error) {
        throw new TxBuilderFileError(
          `${source}: transactions.${index}: cannot encode ${tx.contractMethod.name}: ${(error as Error).message}`,
        );
      }
      return {
        ...base,
        data,
        contractMethod: tx.contractMethod,
        contractInputsValues: tx.contractInputsValues ?? {},
      };
    }
    return { ...base, data: "0x" };
  });
}
