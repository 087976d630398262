// Writes the Safe batches the owner-control tasks describe (a guardian Safe's pauseAll; the owners'
// Safe's scheduleBatch and executeBatch; a Safe's own settings) as Safe Transaction Builder files,
// and computes for each the hashes its signers compare on their devices. The file format, checksum
// and signing are owner/safe/ (docs/safe-batches.md); this module only puts them together.
import { join } from "node:path";

import type { ContractNetworksConfig } from "@safe-global/protocol-kit";
import { getAddress, type Eip1193Provider } from "ethers";

import { OwnerError } from "./errors.ts";
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
  /** The Safe nonce the hashes are for: the Safe's next nonce, plus earlier files for the same Safe. */
  nonce: number;
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
 * given, so the second gets the next nonce after the first. Returns what was written, in order.
 */
export async function writeSafeBatchFiles(
  dir: string,
  requests: readonly SafeBatchRequest[],
  hashes: SafeHashContext,
  options: { createdAt?: number } = {},
): Promise<WrittenSafeBatch[]> {
  const written: WrittenSafeBatch[] = [];
  const nextNonce = new Map<string, number>();
  for (const request of requests) {
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
        nextNonce.has(safe) ? { nonce: nextNonce.get(safe) } : {},
      );
    } catch (error) {
      throw new OwnerError(
        "RPC_ERROR",
        `wrote ${path} but could not compute its Safe transaction hash from Safe ${safe}: ${(error as Error).message}`,
      );
    }
    nextNonce.set(safe, proposed.nonce + 1);
    written.push({
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

/** What a signer checks, one block per file. */
export function formatWrittenBatches(written: readonly WrittenSafeBatch[]): string {
  return written
    .map((w) =>
      [
        `  ${w.path}`,
        `    Safe ${w.safe}, nonce ${w.nonce}`,
        `    safeTxHash  ${w.safeTxHash}`,
        `    domainHash  ${w.domainHash}`,
        `    messageHash ${w.messageHash}`,
      ].join("\n"),
    )
    .join("\n");
}
