// `npx hardhat owner:watch --network <name>`: flags in, alerts out until stopped (Ctrl-C), at
// --until-block, or with --once when caught up. Exit 0 when stopped; 2 when it could not start.
// The work is owner/watch/.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { asOwnerError, OwnerError } from "../owner/errors.ts";
import { watchNetwork } from "../owner/watch/run.ts";
import { networkName, ownerFiles, readTransport } from "./owner-connection.ts";

interface WatchArgs {
  confirmations: string;
  logRange: string;
  diffEvery: string;
  poll: string;
  fromBlock: string;
  untilBlock: string;
  once: boolean;
  jsonl: string;
  webhook: string;
  manifest: string;
  deployment: string;
  reportsDir: string;
}

/** A whole-number flag, or undefined when not given. */
function whole(flag: string, text: string): number | undefined {
  if (text === "") return undefined;
  if (!/^\d+$/.test(text))
    throw new OwnerError("BAD_ARGUMENT", `--${flag} expects a whole number, found "${text}"`);
  return Number(text);
}

export default async function ownerWatchTask(args: WatchArgs, hre: HardhatRuntimeEnvironment) {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const files = ownerFiles(hre, args);
    if (args.webhook !== "" && !/^https?:\/\//.test(args.webhook))
      throw new OwnerError(
        "BAD_ARGUMENT",
        `--webhook expects an http(s) URL, found "${args.webhook}"`,
      );
    await watchNetwork({
      network: networkName(hre),
      ...files,
      transport: await readTransport(hre),
      confirmations: whole("confirmations", args.confirmations),
      logRange: whole("log-range", args.logRange),
      diffEvery: whole("diff-every", args.diffEvery),
      pollMs: whole("poll", args.poll),
      fromBlock: whole("from-block", args.fromBlock),
      untilBlock: whole("until-block", args.untilBlock),
      once: args.once,
      jsonl: args.jsonl === "" ? undefined : args.jsonl,
      webhook: args.webhook === "" ? undefined : args.webhook,
      signal: controller.signal,
    });
    process.exitCode = 0;
  } catch (error) {
    const known = asOwnerError(error);
    if (known === undefined) throw error;
    console.error(`owner:watch could not start [${known.code}]: ${known.message}`);
    process.exitCode = 2;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
