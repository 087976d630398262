// Writes the Safe batches the owner-control tasks describe (a guardian Safe's pauseAll; the owners'
// Safe's scheduleBatch and executeBatch; a Safe's own settings) as Safe Transaction Builder files,
// and computes for each the hashes its signers compare on their devices. The file format, checksum
// and signing are owner/safe/ (docs/safe-batches.md); this module only puts them together.
import { rmSync } from "node:fs";
import { join } from "node:path";

import type { ContractNetworksConfig } from "@safe-global/protocol-kit";
import { getAddress, isAddress, type Eip1193Provider } from "ethers";

import { asOwnerError, OwnerError } from "./errors.ts";
import type { Call } from "./safe/calls.ts";
import {
  contractNetworksFor,
  proposeFromTxBuilderFile,
  type SafeSuiteAddresses,
} from "./safe/sign.ts";
import { buildTxBuilderFile, readTxBuilderFile, writeTxBuilderFile } from "./safe/tx-builder.ts";

export interface SafeBatchRequest {
  /** File name stem: "pause-guardian-0", "unpause-1-schedule". */
  name: string;
  description: string;
  chainId: number;
  safe: string;
  calls: Call[];
  /** When signers may sign it, in words (default: now). */
  when?: string;
}

/**
 * The Safe nonce the files are written for, instead of the Safe's next nonce (which assumes nothing
 * is queued in the Safe): `base` for the first file of every Safe, or per Safe (lowercase address).
 */
export interface NonceChoice {
  base?: number;
  bySafe?: Record<string, number>;
}

/** `--nonce 7` (a base for every Safe) or `--nonce 0xSafeA=7,0xSafeB=2`; BAD_ARGUMENT otherwise. */
export function parseNonceOption(text: string): NonceChoice {
  const value = text.trim();
  if (value === "") return {};
  const number = (n: string, what: string) => {
    if (!/^\d{1,15}$/.test(n.trim()))
      throw new OwnerError(
        "BAD_ARGUMENT",
        `--nonce: ${what} must be a whole number, found ${JSON.stringify(n)}; nothing was written`,
      );
    return Number(n.trim());
  };
  if (!value.includes("=")) return { base: number(value, "the nonce") };
  const bySafe: Record<string, number> = {};
  for (const part of value.split(",")) {
    const [safe, nonce] = part.split("=");
    if (nonce === undefined || !isAddress(safe.trim()))
      throw new OwnerError(
        "BAD_ARGUMENT",
        `--nonce: expected <Safe address>=<nonce>, found ${JSON.stringify(part)}; nothing was written`,
      );
    bySafe[safe.trim().toLowerCase()] = number(nonce, `the nonce of ${safe.trim()}`);
  }
  return { bySafe };
}

/** How to reach the Safes for their nonce and hashes. */
export interface SafeHashContext {
  /** EIP-1193 provider (in-process) or an RPC URL. */
  provider: Eip1193Provider | string;
  /** Needed on chains where the Safe suite is not at its canonical addresses (31337). */
  contractNetworks?: ContractNetworksConfig;
}

export interface WrittenSafeBatch {
  name: string;
  path: string;
  safe: string;
  checksum: string;
  /** The Safe nonce the hashes are for: the Safe's next nonce (or --nonce), plus earlier files for the same Safe. */
  nonce: number;
  /** Where the nonce comes from, in words, printed beside the hashes. */
  nonceAssumption: string;
  /** When it can be signed, in words. */
  when: string;
  safeTxHash: string;
  domainHash: string;
  messageHash: string;
}

/** protocol-kit's contractNetworks from a deployment record's Safe suite, on development chains only. */
export function safeHashContext(
  provider: Eip1193Provider | string,
  chainId: number,
  safeSuite: Record<string, string> | undefined,
): SafeHashContext {
  return {
    provider,
    ...(safeSuite !== undefined
      ? {
          contractNetworks: contractNetworksFor(
            chainId,
            safeSuite as unknown as SafeSuiteAddresses,
          ),
        }
      : {}),
  };
}

/**
 * Writes one Transaction Builder file per request into `dir` (`<name>.json`) and reads each back to
 * compute the Safe transaction signers will see: files for the same Safe are signed in the order
 * given, those that can be signed now before those that must wait (`when`), so the second gets the
 * next nonce after the first. Returns what was written, in signing order.
 */
export async function writeSafeBatchFiles(
  dir: string,
  requests: readonly SafeBatchRequest[],
  hashes: SafeHashContext,
  options: { createdAt?: number; nonce?: NonceChoice } = {},
): Promise<WrittenSafeBatch[]> {
  const written: WrittenSafeBatch[] = [];
  const nextNonce = new Map<string, number>();
  const chosen = (safe: string) =>
    options.nonce?.bySafe?.[safe.toLowerCase()] ?? options.nonce?.base;
  // Nonces follow the signing order: what can be signed now first, then what must wait (an execute
  // file), so a Safe's later file never holds an earlier nonce than one signed before it.
  const ordered = [
    ...requests.filter((r) => r.when === undefined),
    ...requests.filter((r) => r.when !== undefined),
  ];
  for (const request of ordered) {
    const path = join(dir, `${request.name}.json`);
    const file = buildTxBuilderFile({
      chainId: request.chainId,
      safeAddress: request.safe,
      name: `Mandate: ${request.name}`,
      description: request.description,
      calls: request.calls,
      createdAt: options.createdAt,
    });
    writeTxBuilderFile(path, file);
    const safe = getAddress(request.safe);
    let proposed;
    try {
      // Hashes of exactly what is on disk, at the nonce this file will be signed at.
      proposed = await proposeFromTxBuilderFile(
        { ...hashes, safeAddress: safe },
        readTxBuilderFile(path),
        { nonce: nextNonce.get(safe) ?? chosen(safe) },
      );
    } catch (error) {
      // No file without the hashes its signers compare: this run's files are taken back.
      for (const made of [...written.map((w) => w.path), path]) rmSync(made, { force: true });
      const named = asOwnerError(error);
      throw new OwnerError(
        named?.code ?? "RPC_ERROR",
        `could not compute the Safe transaction hash of ${request.name}.json from Safe ${safe} (${(named?.message ?? (error as Error).message).split("\n")[0]}); no file was written (${dir}). Re-run once the RPC answers`,
      );
    }
    const earlier = written.filter((w) => w.safe === safe);
    const nonceAssumption =
      earlier.length > 0
        ? `after ${earlier[earlier.length - 1].name} (nonce ${proposed.nonce - 1}) of this run`
        : chosen(safe) !== undefined
          ? "given with --nonce"
          : "the Safe's next nonce now: assumes nothing else is queued in the Safe (else pass --nonce)";
    nextNonce.set(safe, proposed.nonce + 1);
    written.push({
      nonceAssumption,
      when: request.when ?? "now",
      name: request.name,
      path,
      safe,
      checksum: file.meta.checksum,
      nonce: proposed.nonce,
      safeTxHash: proposed.safeTxHash,
      domainHash: proposed.domainHash,
      messageHash: proposed.messageHash,
    });
  }
  return written;
}

/**
 * What a signer checks, one block per file; then a warning for every Safe with several files, and
 * every file in signing order with when it can be signed.
 */
export function formatWrittenBatches(written: readonly WrittenSafeBatch[]): string {
  const blocks = written.map((w) =>
    [
      `  ${w.path}`,
      `    Safe ${w.safe}, nonce ${w.nonce} (${w.nonceAssumption})`,
      `    safeTxHash  ${w.safeTxHash}  (at nonce ${w.nonce})`,
      `    domainHash  ${w.domainHash}`,
      `    messageHash ${w.messageHash}  (at nonce ${w.nonce})`,
    ].join("\n"),
  );
  const warnings = [...new Set(written.map((w) => w.safe))].flatMap((safe) => {
    const same = written.filter((w) => w.safe === safe);
    return same.length < 2
      ? []
      : [
          `  WARNING: ${same.length} files are for Safe ${safe}: ${same.map((w) => `${w.name} (nonce ${w.nonce})`).join(", ")}. Sign them in this order; a transaction queued in between changes every later nonce and hash.`,
        ];
  });
  const order = written.map(
    (w, i) => `  ${i + 1}. ${w.path}: Safe ${w.safe}, nonce ${w.nonce}, sign ${w.when}`,
  );
  return [...blocks, ...warnings, "Files written, in signing order:", ...order].join("\n");
}
