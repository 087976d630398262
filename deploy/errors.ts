// Errors of the deployment core. Each carries a stable `code` a program can match on and a message a
// person can act on; the task prints the message without a stack trace and exits non-zero.

import { CodedError } from "../shared/errors.ts";

export type DeployErrorCode =
  | "CONFIG_NOT_FOUND"
  | "CONFIG_INVALID"
  | "DEPLOYMENT_EXISTS"
  | "WRONG_CHAIN"
  | "MISSING_CODE"
  | "SAFE_MISMATCH"
  | "NOT_ENOUGH_ACCOUNTS"
  | "NONCE_MISMATCH"
  | "ADDRESS_MISMATCH"
  | "TRANSACTION_FAILED"
  | "VERIFICATION_FAILED"
  | "JOURNAL_INVALID"
  | "JOURNAL_MISMATCH"
  /** The run stopped after sending something (RPC fault, lost reply): re-run to resume. Exit 2. */
  | "INTERRUPTED"
  /** The RPC failed before anything was sent. Exit 2. */
  | "RPC_ERROR";

export class DeployError extends CodedError<DeployErrorCode> {
  override name = "DeployError";
}

/** Could not act, or stopped midway through a resumable run: exit 2 (other refusals exit 1). */
export const DEPLOY_EXIT_2: readonly DeployErrorCode[] = [
  "INTERRUPTED",
  "RPC_ERROR",
  "NONCE_MISMATCH",
];

export function isDeployError(error: unknown): error is DeployError {
  return error instanceof DeployError;
}
