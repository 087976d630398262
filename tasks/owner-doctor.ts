// `npx hardhat owner:doctor --network <name>`: flags in, table or JSON out, exit 0 / 1 / 2.
// The work is owner/doctor.ts.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatDoctorTable, runDoctor, writeDoctorReports } from "../owner/doctor.ts";
import { networkName, ownerFiles, readTransport, rpcTimeoutMs } from "./owner-connection.ts";
import { reportOwnerFailure } from "./owner-failure.ts";

interface DoctorArgs {
  json: boolean;
  manifest: string;
  deployment: string;
  reportsDir: string;
  rpcTimeout: string;
}

export default async function ownerDoctorTask(args: DoctorArgs, hre: HardhatRuntimeEnvironment) {
  const files = ownerFiles(hre, args);
  try {
    const report = await runDoctor({
      network: networkName(hre),
      manifestFile: files.manifestFile,
      deploymentFile: files.deploymentFile,
      transport: await readTransport(hre, rpcTimeoutMs(args.rpcTimeout)),
    });
    const written = writeDoctorReports(report, files.reportsDir);
    if (args.json) console.log(JSON.stringify({ ...report, reports: written }, null, 2));
    else {
      console.log(formatDoctorTable(report, { color: process.stdout.isTTY === true }));
      console.log(`Reports: ${written.markdown}, ${written.json}`);
    }
    // Not a Hardhat Result: Hardhat would turn any failure into exit 1, and drift (1) must differ
    // from "could not check" (2).
    process.exitCode = report.summary.exitCode;
  } catch (error) {
    reportOwnerFailure("owner:doctor", error, hre, { json: args.json });
  }
}
