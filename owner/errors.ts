// Errors of the owner-control core. Each has a stable `code` a program can match on, a message a
// person can act on, and means "could not check or act; nothing was sent" (exit code 2).
import { isDeployError } from "../deploy/errors.ts";
import { CodedError } from "../shared/errors.ts";

export type OwnerErrorCode =
  | "CONFIG_NOT_FOUND"
  | "CONFIG_INVALID"
  | "DEPLOYMENT_NOT_FOUND"
  | "DEPLOYMENT_INVALID"
  | "WRONG_CHAIN"
  | "MISSING_CODE"
  | "CONFIG_VARIABLE_MISSING"
  | "RPC_UNREACHABLE"
  | "RPC_ERROR"
  | "BAD_ARGUMENT"
  | "NOT_AUTHORISED"
  | "NOT_AVAILABLE"
  | "SIMULATION_FAILED"
  | "GOVERNANCE_LOCKOUT"
  | "TRANSACTION_FAILED"
  /** Sent (the hash is known) but its receipt could not be read: it may have landed. */
  | "RECEIPT_UNKNOWN";

export class OwnerError extends CodedError<OwnerErrorCode> {
  override name = "OwnerError";
}

/** Manifest errors come from the shared loader as DeployErrors; both are "could not check". */
export function asOwnerError(error: unknown): OwnerError | undefined {
  if (error instanceof OwnerError) return error;
  const inner = causedBy(error);
  if (inner !== undefined) return inner;
  if (
    isDeployError(error) &&
    (error.code === "CONFIG_INVALID" || error.code === "CONFIG_NOT_FOUND")
  ) {
    const wrapped = new OwnerError(error.code, error.message.split("\n")[0], error.details);
    return wrapped;
  }
  return undefined;
}

/**
 * An OwnerError wrapped by a library on its way up (viem inside protocol-kit keeps it as `cause`,
 * ethers as `error`): an RPC failure our transport named stays that failure, not UNEXPECTED.
 */
function causedBy(error: unknown): OwnerError | undefined {
  let current = error;
  for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth++) {
    const next =
      (current as { cause?: unknown; error?: unknown }).cause ??
      (current as { error?: unknown }).error;
    if (next instanceof OwnerError) return next;
    current = next;
  }
  return undefined;
}

/** Exit codes shared by the owner-control tasks. */
export const EXIT = { OK: 0, DRIFT: 1, CANNOT_CHECK: 2 } as const;
