// `npx hardhat owner:system-pause --network <name> --action status|pause|unpause [--execute | --safe-out <dir>]`.
// Dry run unless --execute. Prints the state before (and after, when it sent something). Exit 0 when
// done, when only reporting, or when already in the target state; 2 when it could not act.
// The work is owner/system-pause.ts.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { OwnerError } from "../owner/errors.ts";
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
    await runSystemPause({
      network: networkName(hre),
      deploymentFile: ownerFiles(hre, args).deploymentFile,
      action: args.action,
      mode: args.execute ? "execute" : args.safeOut !== "" ? "safe-out" : "dry-run",
      safeOut: args.safeOut,
      nonce: parseNonceOption(args.nonce),
      transport: await readTransport(hre, rpcTimeoutMs(args.rpcTimeout)),
      hashes: async (status) =>
        safeHashContext(await safeProvider(hre), status.chainId, status.safeSuite),
      connect: (purpose) => ownerAccounts(hre, purpose, rpcTimeoutMs(args.rpcTimeout)),
      reread: () => readTransport(hre, rpcTimeoutMs(args.rpcTimeout)),
      log: (line) => console.log(line),
    });
    process.exitCode = 0;
  } catch (error) {
    reportOwnerFailure("owner:system-pause", error, hre);
  }
}
