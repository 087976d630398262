// The one shape of a tooling error: a stable `code` a program can match on, a message a person can act
// on, and one line per problem in `details` (config issues, failed checks), listed under the message.

export class CodedError<Code extends string> extends Error {
  readonly code: Code;
  /** One line per problem, when there are several. */
  readonly details: readonly string[];

  constructor(code: Code, message: string, details: readonly string[] = []) {
    super(
      details.length === 0
        ? message
        : `${message}\n${details.map((line) => `  - ${line}`).join("\n")}`,
    );
    this.code = code;
    this.details = details;
  }
}

/**
 * A transaction was sent (its hash is known) but its receipt could not be read: the RPC failed while
 * waiting. It may well be on chain; it must never be reported as "not sent".
 */
export class ReceiptUnknownError extends Error {
  override name = "ReceiptUnknownError";
  readonly txHash: string;
  /** Why the receipt could not be read: the first line of the RPC failure, bounded. */
  readonly reason: string;

  constructor(txHash: string, cause: unknown) {
    const reason = ((cause as Error)?.message ?? String(cause)).split("\n")[0].slice(0, 300);
    super(`sent (tx ${txHash}), receipt unknown: ${reason}`);
    this.txHash = txHash;
    this.reason = reason;
  }
}

/** Waits with `wait` for the receipt of `txHash`; a failure to read it is ReceiptUnknownError. */
export async function receiptOf<T>(txHash: string, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    throw new ReceiptUnknownError(txHash, error);
  }
}
