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
  | "VERIFICATION_FAILED";

export class DeployError extends CodedError<DeployErrorCode> {
  override name = "DeployError";
}

export function isDeployError(error: unknown): error is DeployError {
  return error instanceof DeployError;
}
