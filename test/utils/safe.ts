// Tests send Safe transactions the way the tools do: through the one Safe layer (owner/safe/sign.ts,
// protocol-kit), signed by accounts the node holds.
import type { Signer } from "ethers";

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
