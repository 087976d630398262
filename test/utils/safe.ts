// Tests send Safe transactions the way the tools do: through the one Safe layer (owner/safe/sign.ts,
// protocol-kit), signed by accounts the node holds.
import type { SafeTransaction } from "@safe-global/types-kit";
import { Contract, type Signer } from "ethers";

import { safeInterface } from "../../deploy/safe.ts";

import type { JsonRpcProvider } from "../../owner/chain/transport.ts";
import { sendFromLocalSafe } from "../../owner/route.ts";

/** `send(safe, call, owners)` for the system a deployment record describes. */
export function safeSender(
  provider: JsonRpcProvider,
  record: { chainId: number; safeSuite?: Record<string, string> },
) {
  return async (
    safe: string,
    call: { to: string; data: string; value?: bigint },
    owners: readonly Signer[],
  ) =>
    sendFromLocalSafe(
      provider,
      record,
      safe,
      [{ value: 0n, ...call }],
      await Promise.all(owners.map((o) => o.getAddress())),
    );
}

/**
 * `execTransaction` sent straight to the Safe from `sender` with the signatures collected so far,
 * past the Safe layer's own threshold check: to show that the Safe itself refuses.
 */
export function execTransactionDirectly(safe: string, signed: SafeTransaction, sender: Signer) {
  const tx = signed.data;
  return new Contract(safe, safeInterface, sender).getFunction("execTransaction")(
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
    signed.encodedSignatures(),
  );
}
