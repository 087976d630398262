// HOOK for the Safe Transaction Builder writer. The owner-control tasks describe the Safe batches they
// need (a guardian Safe's pauseAll; the owners Safe's scheduleBatch and executeBatch) as plain data
// and hand them to `writeSafeBatchFiles`. The writer itself (Transaction Builder JSON with its
// checksum) is built in owner/safe/ on the `safe` branch; at merge, this function delegates to it.
import { OwnerError } from "./errors.ts";

export interface SafeBatchCall {
  to: string;
  value: bigint;
  data: string;
  /** For the Transaction Builder's display: "pauseAll()", "scheduleBatch(...)". */
  contractMethod: string;
  contractInputsValues: Record<string, string>;
}

export interface SafeBatchRequest {
  /** File name stem: "pause-guardian-0", "unpause-1-schedule". */
  name: string;
  description: string;
  chainId: number;
  safe: string;
  calls: SafeBatchCall[];
}

/** Writes one Transaction Builder file per request into `dir`; returns the paths. */
export function writeSafeBatchFiles(dir: string, requests: readonly SafeBatchRequest[]): string[] {
  throw new OwnerError(
    "NOT_AVAILABLE",
    `--safe-out is not yet available: the Safe Transaction Builder writer (owner/safe/) arrives with the safe branch. Nothing was written to ${dir} (${requests.length} batch(es): ${requests.map((r) => r.name).join(", ")}).`,
  );
}
