// `npx hardhat owner:doctor --network <name>`: flags in, table or JSON out, exit 0 / 1 / 2.
// The work is owner/doctor.ts.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatDoctorTable, runDoctor, writeDoctorReports } from "../owner/doctor.ts";
import type { QueueOptions } from "../owner/timelock-queue.ts";
import { parseDuration } from "../deploy/manifest/units.ts";
import { OwnerError } from "../owner/errors.ts";
import { writeStatusPage } from "../owner/output/status-page.ts";
import { networkName, ownerFiles, readTransport, rpcTimeoutMs } from "./owner-connection.ts";
import { reportOwnerFailure } from "./owner-failure.ts";
import { regionFileIn } from "../owner/diff/region.ts";

interface DoctorArgs {
  json: boolean;
  html: boolean;
  manifest: string;
  deployment: string;
  reportsDir: string;
  rpcTimeout: string;
  logRange: string;
  staleAfter: string;
}

/** --log-range and --stale-after, checked before anything is read. */
function queueOptions(args: DoctorArgs): QueueOptions {
  const options: QueueOptions = {};
  if (args.logRange !== "") {
    if (!/^[1-9]\d*$/.test(args.logRange))
      throw new OwnerError(
        "BAD_ARGUMENT",
        `--log-range expects a whole number of blocks >= 1, found "${args.logRange}"; nothing was read`,
      );
    options.logRange = Number(args.logRange);
  }
  if (args.staleAfter !== "") {
    try {
      options.staleAfterSeconds = Number(parseDuration(args.staleAfter));
    } catch (error) {
      throw new OwnerError(
        "BAD_ARGUMENT",
        `--stale-after: ${(error as Error).message}; nothing was read`,
      );
    }
  }
  return options;
}

export default async function ownerDoctorTask(args: DoctorArgs, hre: HardhatRuntimeEnvironment) {
  const files = ownerFiles(hre, args);
  try {
    const report = await runDoctor({
      network: networkName(hre),
      manifestFile: files.manifestFile,
      deploymentFile: files.deploymentFile,
      transport: await readTransport(hre, rpcTimeoutMs(args.rpcTimeout)),
      queue: queueOptions(args),
      regionFile: regionFileIn(files.reportsDir),
    });
    const written = {
      ...writeDoctorReports(report, files.reportsDir),
      ...(args.html ? { html: writeStatusPage(report, files.reportsDir) } : {}),
    };
    if (args.json) console.log(JSON.stringify({ ...report, reports: written }, null, 2));
    else {
      console.log(formatDoctorTable(report, { color: process.stdout.isTTY === true }));
      console.log(`Reports: ${Object.values(written).join(", ")}`);
    }
    // Not a Hardhat Result: Hardhat would turn any failure into exit 1, and drift (1) must differ
    // from "could not check" (2).
    process.exitCode = report.summary.exitCode;
  } catch (error) {
    reportOwnerFailure("owner:doctor", error, hre, { json: args.json });
  }
}
