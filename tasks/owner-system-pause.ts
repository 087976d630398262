// `npx hardhat owner:system-pause --network <name> --action status|pause|unpause [--execute | --safe-out <dir>]`.
// Dry run unless --execute. Prints the state before (and after, when it sent something). Exit 0 when
// done, when only reporting, or when already in the target state; 2 when it could not act.
// The work is owner/system-pause.ts.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { OwnerError } from "../owner/errors.ts";
import { systemPauseJson, toJson } from "../owner/output/json.ts";
import { parseNonceOption, safeHashContext } from "../owner/safe-batches.ts";
import { runSystemPause } from "../owner/system-pause.ts";
import {
  networkName,
  ownerAccounts,
  ownerFiles,
  readTransport,
  rpcTimeoutMs,
  safeProvider,
} from "./owner-connection.ts";
import { reportOwnerFailure } from "./owner-failure.ts";

interface SystemPauseArgs {
  json: boolean;
  action: string;
  execute: boolean;
  safeOut: string;
  nonce: string;
  deployment: string;
  rpcTimeout: string;
}

export default async function ownerSystemPauseTask(
  args: SystemPauseArgs,
  hre: HardhatRuntimeEnvironment,
) {
  try {
    if (args.execute && args.safeOut !== "")
      throw new OwnerError(
        "BAD_ARGUMENT",
        "--execute and --safe-out exclude each other; nothing was sent",
      );
    const timeoutMs = rpcTimeoutMs(args.rpcTimeout);
    const mode = args.execute ? "execute" : args.safeOut !== "" ? "safe-out" : "dry-run";
    const lines: string[] = [];
    const result = await runSystemPause({
      network: networkName(hre),
      deploymentFile: ownerFiles(hre, args).deploymentFile,
      action: args.action,
      mode,
      safeOut: args.safeOut,
      nonce: parseNonceOption(args.nonce),
      transport: await readTransport(hre, timeoutMs),
      hashes: async (status) =>
        safeHashContext(await safeProvider(hre, timeoutMs), status.chainId, status.safeSuite),
      connect: (purpose) => ownerAccounts(hre, purpose, timeoutMs),
      reread: () => readTransport(hre, timeoutMs),
      // Under --json, stdout holds the one JSON document; the text goes to stderr (and into it).
      log: (line) => {
        lines.push(line);
        if (args.json) console.error(line);
        else console.log(line);
      },
    });
    if (args.json) console.log(toJson(systemPauseJson(result, mode, lines)));
    process.exitCode = 0;
  } catch (error) {
    reportOwnerFailure("owner:system-pause", error, hre, { json: args.json });
  }
}
