// `npx hardhat owner:verify-batch FILE... --network <name> [--nonce n] [--out dir]`: an independent
// account of each Transaction Builder file before it is signed. Exit 0 verified, 1 verified with
// risks to review, 2 a check failed or a file could not be verified. The work is owner/verify/.
import { resolve } from "node:path";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { loadDeploymentRecord } from "../owner/desired-state.ts";
import { asOwnerError, OwnerError } from "../owner/errors.ts";
import { parseNonceOption, safeHashContext } from "../owner/safe-batches.ts";
import { formatVerificationText, writeSignerPage } from "../owner/verify/report.ts";
import { verifyBatch } from "../owner/verify/verify-batch.ts";
import { networkName, ownerFiles, readTransport, safeProvider } from "./owner-connection.ts";

interface VerifyArgs {
  files: string[];
  nonce: string;
  out: string;
  manifest: string;
  deployment: string;
}

export default async function ownerVerifyBatchTask(
  args: VerifyArgs,
  hre: HardhatRuntimeEnvironment,
) {
  let worst = 0;
  try {
    if (args.files.length === 0)
      throw new OwnerError("BAD_ARGUMENT", "name at least one batch file");
    const nonce = parseNonceOption(args.nonce);
    if (nonce.bySafe !== undefined)
      throw new OwnerError(
        "BAD_ARGUMENT",
        "--nonce takes one number here (the nonce each file is checked at)",
      );
    const files = ownerFiles(hre, args);
    const record = loadDeploymentRecord(files.deploymentFile);
    const hashes = safeHashContext(await safeProvider(hre), record.chainId, record.safeSuite);
    for (const file of args.files) {
      const v = await verifyBatch({
        file: resolve(file),
        network: networkName(hre),
        manifestFile: files.manifestFile,
        deploymentFile: files.deploymentFile,
        transport: await readTransport(hre),
        hashes,
        nonce: nonce.base,
      });
      console.log(`${formatVerificationText(v)}\n`);
      if (args.out !== "") console.log(`  signer page: ${writeSignerPage(v, resolve(args.out))}\n`);
      worst = Math.max(worst, v.exitCode);
    }
    process.exitCode = worst;
  } catch (error) {
    const known = asOwnerError(error);
    if (known === undefined) throw error;
    console.error(`owner:verify-batch could not verify [${known.code}]: ${known.message}`);
    process.exitCode = 2;
  }
}
