// Moving a development chain's clock past a timelock delay (evm_increaseTime, then a block mined at
// the new time): how the drill and the --execute paths of update-all and system-pause wait out the
// delay on a local node. Refuses any chain but the development chain id.
import { DEV_CHAIN_ID } from "../../deploy/manifest/schema.ts";
import { OwnerError } from "../errors.ts";
import type { Eip1193Provider } from "./transport.ts";

/** Where the clock must get to: `delay` seconds from the latest block, or past a `readyAt` timestamp. */
export type ClockTarget = { delay: bigint } | { readyAt: bigint };

/** Moves the clock so that `target` has passed; returns the seconds moved (0 when it had passed). */
export async function moveDevClock(
  provider: Eip1193Provider,
  target: ClockTarget,
): Promise<bigint> {
  const request = (method: string, params: unknown[] = []) => provider.request({ method, params });
  const chainId = Number(BigInt((await request("eth_chainId")) as string));
  if (chainId !== DEV_CHAIN_ID)
    throw new OwnerError(
      "NOT_AUTHORISED",
      `the clock moves only on the development chain ${DEV_CHAIN_ID}, not on chain ${chainId}`,
    );
  let seconds: bigint;
  if ("delay" in target) seconds = target.delay;
  else {
    const latest = (await request("eth_getBlockByNumber", ["latest", false])) as {
      timestamp: string;
    };
    seconds = target.readyAt - BigInt(latest.timestamp);
  }
  if (seconds <= 0n) return 0n;
  await request("evm_increaseTime", [Number(seconds)]);
  await request("evm_mine");
  return seconds;
}
