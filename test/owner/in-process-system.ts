// The whole system (real Safes, timelock, modules) deployed on a fresh in-process chain, with the
// options the owner cores take to work on it: the one set-up of the in-process owner tests
// (update-chain.test.ts, verify-batch.test.ts).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { Signer } from "ethers";
import hre, { network } from "hardhat";

import { deploySystem, type DeploySystemResult } from "../../deploy/system.ts";
import { eip1193Transport, type JsonRpcProvider } from "../../owner/chain/transport.ts";
import { runDoctor } from "../../owner/doctor.ts";
import { safeHashContext } from "../../owner/safe-batches.ts";
import type { UpdateAllOptions } from "../../owner/update.ts";

const ROOT = hre.config.paths.root;

export type InProcessSystem = Awaited<ReturnType<typeof deployInProcess>>;

/** Deploys config/hardhat.json's system on a new in-process chain; files go to a temp dir `prefix…`. */
export async function deployInProcess(prefix: string) {
  const connection = await network.create("hardhat");
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const signers: Signer[] = await connection.ethers.getSigners();
  const system: DeploySystemResult = await deploySystem({
    network: "hardhat",
    provider: connection.ethers.provider,
    signers,
    readArtifact: (name) => hre.artifacts.readArtifact(name),
    rootDir: ROOT,
    deploymentsDir: dir,
    ephemeral: true,
  });
  const transport = () => eip1193Transport(connection.provider);
  const hashes = () =>
    safeHashContext(connection.provider as never, 31337, system.record.safeSuite as never);
  return {
    connection,
    dir,
    signers,
    system,
    transport,
    hashes,
    /** config/hardhat.json, parsed: the manifest the system was deployed from. */
    manifest: () => JSON.parse(readFileSync(join(ROOT, "config", "hardhat.json"), "utf8")),
    /** Writes a manifest into the temp dir; returns its path. */
    writeManifest: (json: unknown, name: string) => {
      const file = join(dir, name);
      writeFileSync(file, JSON.stringify(json));
      return file;
    },
    /** owner:update-all's options on this chain: a dry run by default, sending with its accounts. */
    updateAllOptions: (
      manifestFile: string,
      overrides: Partial<UpdateAllOptions> = {},
    ): UpdateAllOptions => ({
      network: "hardhat",
      manifestFile,
      deploymentFile: system.recordFile,
      reportsDir: join(dir, "reports"),
      transport: transport(),
      mode: "dry-run",
      hashes: async () => hashes(),
      connect: async () => ({
        signers,
        provider: connection.ethers.provider as unknown as JsonRpcProvider,
      }),
      reread: async () => transport(),
      ...overrides,
    }),
    doctor: (manifestFile: string) =>
      runDoctor({
        network: "hardhat",
        manifestFile,
        deploymentFile: system.recordFile,
        transport: transport(),
      }),
  };
}
