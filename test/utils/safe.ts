// Tests send Safe transactions the way the tools do: through the one Safe layer (owner/safe/sign.ts,
// protocol-kit), signed by accounts the node holds.
import type { SafeTransaction } from "@safe-global/types-kit";
import { Contract, type Signer } from "ethers";

import { safeInterface } from "../../deploy/safe.ts";

import type { JsonRpcProvider } from "../../owner/chain/transport.ts";
import { sendFromLocalSafe } from "../../owner/route.ts";
import { safeTxArgs } from "../../owner/safe/safe-tx-args.ts";

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
  return new Contract(safe, safeInterface, sender).getFunction("execTransaction")(
    ...safeTxArgs(signed.data),
    signed.encodedSignatures(),
  );
}
