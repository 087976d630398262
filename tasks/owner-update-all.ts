// `npx hardhat owner:update-all --network <name> [--execute | --safe-out <dir>] [--only a,b] [--skip c]`:
// flags in, plan / files / receipts out. Exit 0 nothing left to do, 1 drift remains (a dry run that
// found drift), 2 could not check or act (nothing sent, or a run stopped midway: see the message).
// The work is owner/update.ts.
import { resolve } from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { OwnerError } from "../owner/errors.ts";
import { toJson, updateAllJson } from "../owner/output/json.ts";
import { parseNonceOption, safeHashContext } from "../owner/safe-batches.ts";
import { runUpdateAll } from "../owner/update.ts";
import { loadDeploymentRecord } from "../owner/desired-state.ts";
import {
  networkName,
  ownerAccounts,
  ownerFiles,
  readTransport,
  rpcTimeoutMs,
  safeProvider,
} from "./owner-connection.ts";
import { reportOwnerFailure } from "./owner-failure.ts";
import { regionFileIn } from "../owner/diff/region.ts";

interface UpdateAllArgs {
  json: boolean;
  execute: boolean;
  allowGovernanceChange: boolean;
  safeOut: string;
  nonce: string;
  only: string;
  skip: string;
  manifest: string;
  deployment: string;
  reportsDir: string;
  rpcTimeout: string;
}

const list = (text: string) =>
  text === ""
    ? undefined
    : text
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");

export default async function ownerUpdateAllTask(
  args: UpdateAllArgs,
  hre: HardhatRuntimeEnvironment,
) {
  try {
    if (args.execute && args.safeOut !== "")
      throw new OwnerError(
        "BAD_ARGUMENT",
        "--execute and --safe-out exclude each other; nothing was sent",
      );
    const files = ownerFiles(hre, args);
    const network = networkName(hre);
    const timeoutMs = rpcTimeoutMs(args.rpcTimeout);
    const mode = args.execute ? "execute" : args.safeOut !== "" ? "safe-out" : "dry-run";
    const result = await runUpdateAll({
      network,
      manifestFile: files.manifestFile,
      deploymentFile: files.deploymentFile,
      reportsDir: files.reportsDir,
      regionFile: regionFileIn(files.reportsDir),
      transport: await readTransport(hre, timeoutMs),
      filter: { only: list(args.only), skip: list(args.skip) },
      allowGovernanceChange: args.allowGovernanceChange,
      mode,
      safeOut: args.safeOut === "" ? undefined : resolve(args.safeOut),
      nonce: parseNonceOption(args.nonce),
      hashes: async () =>
        safeHashContext(
          await safeProvider(hre, timeoutMs),
          loadDeploymentRecord(files.deploymentFile).chainId,
          loadDeploymentRecord(files.deploymentFile).safeSuite,
        ),
      connect: () => ownerAccounts(hre, "send", timeoutMs),
      reread: () => readTransport(hre, timeoutMs),
      // Under --json, stdout holds the one JSON document; the text goes to stderr.
      log: (line) => (args.json ? console.error(line) : console.log(line)),
    });
    if (args.json) console.log(toJson(updateAllJson(result, mode)));
    process.exitCode = result.exitCode;
  } catch (error) {
    reportOwnerFailure("owner:update-all", error, hre, { json: args.json });
  }
}
