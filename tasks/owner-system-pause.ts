// `npx hardhat owner:system-pause --network <name> --action status|pause|unpause [--execute | --safe-out <dir>]`.
// Dry run unless --execute. Prints the state before (and after, when it sent something). Exit 0 when
// done, when only reporting, or when already in the target state; 2 when it could not act.
import { resolve } from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { asOwnerError, OwnerError } from "../owner/errors.ts";
import {
  formatPauseStatus,
  inTargetState,
  PAUSE_ACTIONS,
  pauseRoute,
  planUnpause,
  readPauseStatus,
  safeBatchesFor,
  summaryLine,
  unpauseRoute,
  unpauseSteps,
  type PauseAction,
} from "../owner/pause.ts";
import {
  formatWrittenBatches,
  safeHashContext,
  writeSafeBatchFiles,
  type SafeBatchRequest,
} from "../owner/safe-batches.ts";
import { networkName, ownerFiles, readTransport, safeProvider } from "./owner-connection.ts";

interface SystemPauseArgs {
  action: string;
  execute: boolean;
  safeOut: string;
  deployment: string;
}

export default async function ownerSystemPauseTask(
  args: SystemPauseArgs,
  hre: HardhatRuntimeEnvironment,
) {
  try {
    await run(args, hre);
    process.exitCode = 0;
  } catch (error) {
    const known = asOwnerError(error);
    if (known === undefined) throw error;
    console.error(`owner:system-pause FAILED [${known.code}]: ${known.message}`);
    process.exitCode = 2;
  }
}

async function run(args: SystemPauseArgs, hre: HardhatRuntimeEnvironment): Promise<void> {
  if (!(PAUSE_ACTIONS as readonly string[]).includes(args.action))
    throw new OwnerError(
      "BAD_ARGUMENT",
      `--action must be one of ${PAUSE_ACTIONS.join(", ")}, found ${JSON.stringify(args.action)}; nothing was sent`,
    );
  const action = args.action as PauseAction;
  if (args.execute && args.safeOut !== "")
    throw new OwnerError(
      "BAD_ARGUMENT",
      "--execute and --safe-out exclude each other; nothing was sent",
    );
  const network = networkName(hre);
  const { deploymentFile } = ownerFiles(hre, args);

  const transport = await readTransport(hre);
  const before = await readPauseStatus(transport, { network, deploymentFile });
  console.log(formatPauseStatus(before, action === "status" ? "Status" : "Before"));
  if (action === "status") return;

  if (inTargetState(before, action)) {
    console.log(
      `\nAlready ${action === "pause" ? "paused" : "unpaused"}: ${summaryLine(before)} Nothing to do; nothing was sent.`,
    );
    return;
  }

  // Sending (and planning the unpause operation) needs Hardhat's connection and accounts.
  const connection = await hre.network.getOrCreate();
  const provider = connection.ethers.provider;
  const signers = await connection.ethers.getSigners();

  const writeBatches = async (batches: { requests: SafeBatchRequest[]; notes: string[] }) => {
    for (const note of batches.notes) console.log(`\n${note}`);
    if (batches.requests.length === 0) {
      console.log("Nothing to write; nothing was sent.");
      return;
    }
    const written = await writeSafeBatchFiles(
      resolve(args.safeOut),
      batches.requests,
      safeHashContext(await safeProvider(hre), before.chainId, before.safeSuite),
    );
    console.log(`\nWrote ${written.length} Safe Transaction Builder file(s); nothing was sent:`);
    console.log(formatWrittenBatches(written));
    return written;
  };

  if (action === "pause") {
    if (args.safeOut !== "") {
      await writeBatches(safeBatchesFor("pause", before));
      console.log(
        "Any one guardian Safe's owners sign its file (compare the hashes on the device).",
      );
      return;
    }
    const route = await pauseRoute(before, signers, provider);
    if (!args.execute) {
      console.log(
        `\nDRY RUN, nothing was sent. To pause, this would send:\n  ${route.describe}\nRe-run with --execute to send it.`,
      );
      return;
    }
    console.log(`\nSending: ${route.describe}`);
    console.log(`  tx ${await route.send()}`);
  } else {
    const op = await planUnpause(before, provider);
    if (args.safeOut !== "") {
      console.log(
        `\nUnpausing goes through the timelock:\n  ${unpauseSteps(before, op).join("\n  ")}`,
      );
      await writeBatches(safeBatchesFor("unpause", before, op));
      console.log(
        "The owners' Safe signs the schedule now and the execute file once the delay has passed.",
      );
      return;
    }
    if (!args.execute) {
      console.log(
        `\nDRY RUN, nothing was sent. Unpausing goes through the timelock:\n  ${unpauseSteps(before, op).join("\n  ")}\nRe-run with --execute (development chains) or --safe-out <dir> (live chains).`,
      );
      return;
    }
    const route = await unpauseRoute(before, op, signers, provider);
    console.log(`\nSending:\n  ${route.describe.join("\n  ")}`);
    await route.send((line) => console.log(line));
  }

  const after = await readPauseStatus(await readTransport(hre), { network, deploymentFile });
  console.log(`\n${formatPauseStatus(after, "After")}`);
  if (!inTargetState(after, action))
    throw new OwnerError(
      "TRANSACTION_FAILED",
      `sent, but the system is not ${action === "pause" ? "fully paused" : "fully unpaused"}: a module refused (see ModulePauseFailed events of SystemPause ${after.systemPause})`,
    );
}
