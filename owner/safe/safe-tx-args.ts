// The Safe transaction's fields as contract arguments: `execTransaction` and `getTransactionHash`
// both take them first, in this order, then the signatures or the nonce. Written once here.

/** A Safe transaction as protocol-kit, the Transaction Builder file and verify-batch hold it. */
export interface SafeTxFields {
  to: string;
  value: string | bigint;
  data: string;
  operation: number;
  safeTxGas: string | bigint;
  baseGas: string | bigint;
  gasPrice: string | bigint;
  gasToken: string;
  refundReceiver: string;
}

/**
 * The nine leading arguments of Safe 1.4.1's `execTransaction(..., signatures)` and
 * `getTransactionHash(..., _nonce)`, in the ABI's order.
 */
export function safeTxArgs(tx: SafeTxFields) {
  return [
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
  ] as const;
}
