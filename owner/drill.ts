// owner:drill's core: the whole owner life cycle in one process on a development chain, with the
// real Safes and timelock, every Safe transaction signed by owner keys through protocol-kit from the
// files on disk, each file checked by verify-batch's core first. Four stages, each a method below:
// deploy and doctor; parameters through update-all's batches, the timelock delay and a doctor; a
// guardian pauses and governance unpauses (system-pause's core); one owner of each Safe rotated
// through the manifest and a final doctor. Each step checks its outcome; everything is written
// under <reportsDir>/<network>/drill/.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { getAddress, type Eip1193Provider, type Signer } from "ethers";

import { accountRef } from "../deploy/manifest/fields.ts";
import { formatDuration } from "../deploy/manifest/units.ts";
import type { ArtifactReader } from "../deploy/execute.ts";
import { MODULES, type ModuleEntry } from "../deploy/modules.ts";
import { deploySystem } from "../deploy/system.ts";
import { moveDevClock } from "./chain/dev-clock.ts";
import { eip1193Transport, type JsonRpcProvider } from "./chain/transport.ts";
import { formatDoctorMarkdown, runDoctor, verdict, type DoctorReport } from "./doctor.ts";
import { OwnerError } from "./errors.ts";
import * as manifestEdit from "./manifest-edit.ts";
import { inTargetState } from "./pause.ts";
import { safeHashContext, type SafeHashContext, type WrittenSafeBatch } from "./safe-batches.ts";
import {
  devAccountKey,
  executeSafeTransaction,
  proposeFromTxBuilderFile,
  signSafeTransaction,
} from "./safe/sign.ts";
import { runSystemPause, type SystemPauseOptions } from "./system-pause.ts";
import { runUpdateAll } from "./update.ts";
import { writeSignerPage } from "./verify/report.ts";
import { verifyBatch } from "./verify/verify-batch.ts";

export interface DrillOptions {
  network: string;
  /** The in-process chain's EIP-1193 provider (protocol-kit and the reads use it). */
  provider: Eip1193Provider;
  ethersProvider: JsonRpcProvider;
  signers: readonly Signer[];
  readArtifact: ArtifactReader;
  rootDir: string;
  reportsDir: string;
  /** Default config/<network>.json. */
  manifestFile?: string;
  modules?: readonly ModuleEntry[];
  log?: (line: string) => void;
}

export interface DrillResult {
  dir: string;
  steps: { name: string; seconds: number; outcome: string }[];
  seconds: number;
  changes: manifestEdit.ParameterChange[];
}

const fail = (message: string) => new OwnerError("TRANSACTION_FAILED", `drill: ${message}`);

/** The whole drill: four stages, each a list of checked steps (see the file's opening comment). */
export async function runDrill(options: DrillOptions): Promise<DrillResult> {
  const drill = await Drill.start(options);
  await drill.deployAndCheck();
  await drill.updateThroughTheTimelock();
  await drill.pauseAndUnpause();
  await drill.rotateOwners();
  return drill.finish();
}

/** One drill run: its files, keys and the state the steps hand on to each other. */
class Drill {
  readonly options: DrillOptions;
  readonly log: (line: string) => void;
  readonly modules: readonly ModuleEntry[];
  readonly dir: string;
  readonly manifestFile: string;
  readonly changedFile: string;
  readonly changes: manifestEdit.ParameterChange[];
  /** The changed manifest with the first owner of each Safe rotated to an unused local account. */
  readonly rotatedFile: string;
  readonly rotations: manifestEdit.OwnerRotation[];
  readonly owners: { keys: string[]; threshold: number };
  readonly guardians: { keys: string[]; threshold: number };
  readonly started = Date.now();
  readonly steps: DrillResult["steps"] = [];
  recordFile = "";
  hashes: SafeHashContext | undefined;
  deployedSafes: { ownersSafe: string; guardians: string[] } | undefined;

  private constructor(
    options: DrillOptions,
    manifestFile: string,
    keyOf: (ref: string) => string,
    manifest: {
      modules: Record<string, Record<string, unknown>>;
      governance: {
        ownersSafe: { owners: string[]; threshold: number };
        guardians: { owners?: string[]; threshold?: number }[];
      };
    },
  ) {
    this.options = options;
    this.log = options.log ?? (() => {});
    this.modules = options.modules ?? MODULES;
    this.dir = join(options.reportsDir, options.network, "drill");
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    this.manifestFile = manifestFile;
    const { manifest: changed, changes } = manifestEdit.changeFirstDurations(
      manifest,
      this.modules,
    );
    this.changes = changes;
    this.changedFile = join(this.dir, "manifest.changed.json");
    writeFileSync(this.changedFile, `${JSON.stringify(changed, null, 2)}\n`);
    const rotated = manifestEdit.rotateFirstOwners(changed as never);
    this.rotations = rotated.rotations;
    this.rotatedFile = join(this.dir, "manifest.rotated.json");
    writeFileSync(this.rotatedFile, `${JSON.stringify(rotated.manifest, null, 2)}\n`);
    const { ownersSafe, guardians } = manifest.governance;
    this.owners = { keys: ownersSafe.owners.map(keyOf), threshold: ownersSafe.threshold };
    this.guardians = {
      keys: (guardians[0]?.owners ?? []).map(keyOf),
      threshold: guardians[0]?.threshold ?? 0,
    };
  }

  static async start(options: DrillOptions): Promise<Drill> {
    const localAccounts = await Promise.all(
      options.signers.map(async (s) => getAddress(await s.getAddress())),
    );
    /** A dev key for each "account:N" (or address of a local account) that owns a Safe. */
    const keyOf = (text: string) => {
      const ref = accountRef.parse(text);
      const index = "localAccount" in ref ? ref.localAccount : localAccounts.indexOf(ref.address);
      if (index < 0) throw fail(`no local key for Safe owner ${JSON.stringify(ref)}`);
      return devAccountKey(index);
    };
    const manifestFile =
      options.manifestFile ?? join(options.rootDir, "config", `${options.network}.json`);
    return new Drill(options, manifestFile, keyOf, JSON.parse(readFileSync(manifestFile, "utf8")));
  }

  async step(name: string, body: () => Promise<string>): Promise<void> {
    this.log(`\n[${this.steps.length + 1}] ${name}`);
    const t0 = Date.now();
    const outcome = await body();
    const seconds = (Date.now() - t0) / 1000;
    this.steps.push({ name, seconds, outcome });
    this.log(`    -> ${outcome} (${seconds.toFixed(1)} s)`);
  }

  transport() {
    return eip1193Transport(this.options.provider, `in-process ${this.options.network}`);
  }

  async expectDoctor(file: string, manifestPath: string, exitCode: 0 | 1): Promise<string> {
    const report: DoctorReport = await runDoctor({
      network: this.options.network,
      manifestFile: manifestPath,
      deploymentFile: this.recordFile,
      transport: this.transport(),
      modules: this.modules,
    });
    writeFileSync(join(this.dir, `${file}.md`), formatDoctorMarkdown(report));
    writeFileSync(join(this.dir, `${file}.json`), `${JSON.stringify(report, null, 2)}\n`);
    this.log(
      `    doctor: ${verdict(report)} (exit ${report.summary.exitCode}), ${join(this.dir, `${file}.md`)}`,
    );
    if (report.summary.exitCode !== exitCode)
      throw fail(
        `${file}: expected doctor exit ${exitCode}, found ${report.summary.exitCode}: ${report.rows
          .filter((r) => r.status !== "ok")
          .map((r) => `${r.subject} ${r.property}: ${r.actual}`)
          .join("; ")}`,
      );
    return `${verdict(report)}, exit ${exitCode}`;
  }

  /** Owners sign a written file with protocol-kit; a relayer (account 0) executes it. */
  async signFile(written: WrittenSafeBatch, keys: readonly string[]): Promise<void> {
    // The signers read the verify-batch page first; a file it says not to sign is not signed.
    const check = await verifyBatch({
      file: written.path,
      network: this.options.network,
      manifestFile: this.manifestFile,
      deploymentFile: this.recordFile,
      transport: this.transport(),
      hashes: this.hashes!,
    });
    writeSignerPage(check, join(this.dir, "pages"));
    if (check.exitCode === 2 || check.hashes.safeTxHash !== written.safeTxHash)
      throw fail(`verify-batch on ${written.path}: ${check.problems.join("; ") || "hash differs"}`);
    this.log(
      `    verify-batch ${written.name}: ${check.risks.length} risk(s) flagged${check.risks.map((r) => ` [${r.kind}] ${r.text}`).join(";")}; page pages/${written.name}.md`,
    );
    const connection = { ...this.hashes!, safeAddress: written.safe };
    const proposed = await proposeFromTxBuilderFile(connection, written.path);
    if (proposed.safeTxHash !== written.safeTxHash)
      throw fail(`${written.path}: safeTxHash ${proposed.safeTxHash} differs from the printed one`);
    const signed = await signSafeTransaction(connection, proposed, keys);
    const executed = await executeSafeTransaction(connection, signed, devAccountKey(0));
    this.log(
      `    ${keys.length} owners signed ${written.name} (safeTxHash ${written.safeTxHash}), executed in tx ${executed.txHash}`,
    );
  }

  /** The first `threshold` owners' keys, or the last (another set of signers). */
  signers(who: { keys: string[]; threshold: number }, last = false): string[] {
    return last ? who.keys.slice(-who.threshold) : who.keys.slice(0, who.threshold);
  }

  async deployAndCheck(): Promise<void> {
    const { options, modules, owners } = this;
    await this.step("Deploy the whole system with its Safes and timelock", async () => {
      const result = await deploySystem({
        network: options.network,
        provider: options.ethersProvider,
        signers: options.signers,
        readArtifact: options.readArtifact,
        rootDir: options.rootDir,
        configFile: this.manifestFile,
        deploymentsDir: this.dir,
        ephemeral: true,
        modules,
      });
      this.recordFile = result.recordFile;
      this.hashes = safeHashContext(
        options.provider,
        result.config.chainId,
        result.record.safeSuite as never,
      );
      this.deployedSafes = {
        ownersSafe: result.plan.governance.ownersSafe.address,
        guardians: result.plan.governance.guardians.map((g) => g.address),
      };
      return `${result.deployed.length} transactions, ${modules.length} modules, owners' Safe ${this.deployedSafes.ownersSafe} (${owners.threshold} of ${owners.keys.length}), record ${this.recordFile}`;
    });
    await this.step("Doctor: the fresh system against its manifest", () =>
      this.expectDoctor("1-doctor", this.manifestFile, 0),
    );
  }

  async updateThroughTheTimelock(): Promise<void> {
    const { options, changes, owners } = this;
    let files: WrittenSafeBatch[] = [];
    await this.step(
      "Change parameters in a copy of the manifest; update-all writes the Safe batches",
      async () => {
        for (const c of changes) this.log(`    ${c.module}.${c.parameter}: ${c.from} -> ${c.to}`);
        const result = await this.updateAllFiles(this.changedFile, "update-all");
        files = result.written ?? [];
        if (result.prepared.plan.steps.length !== changes.length)
          throw fail(
            `update-all planned ${result.prepared.plan.steps.length} calls for ${changes.length} changes`,
          );
        return `${changes.length} change(s) -> operation ${result.prepared.operation?.op.id}, ${files.length} files`;
      },
    );
    await this.step(
      `${owners.threshold} owners sign the schedule with protocol-kit; the Safe executes it`,
      async () => {
        await this.signFile(find(files, "1-schedule"), this.signers(owners));
        return "scheduled";
      },
    );
    const delay = BigInt(
      (JSON.parse(readFileSync(find(files, "1-schedule").path, "utf8")).transactions[0]
        .contractInputsValues.delay as string) ?? "0",
    );
    await this.step(`Time moves past the timelock delay (${formatDuration(delay)})`, async () => {
      await moveDevClock(options.provider, { delay });
      return `+${delay} s`;
    });
    await this.step("Owners sign and the Safe executes the operation", async () => {
      await this.signFile(find(files, "2-execute"), this.signers(owners, true));
      return "executed";
    });
    await this.step("Doctor against the changed manifest: no drift", () =>
      this.expectDoctor("2-doctor-after-update", this.changedFile, 0),
    );
  }

  /** owner:update-all's own run with --safe-out <drill>/<out>: the batches the owners then sign. */
  updateAllFiles(manifestFile: string, out: string) {
    return runUpdateAll({
      network: this.options.network,
      manifestFile,
      deploymentFile: this.recordFile,
      reportsDir: this.options.reportsDir,
      transport: this.transport(),
      modules: this.modules,
      mode: "safe-out",
      safeOut: join(this.dir, out),
      hashes: async () => this.hashes!,
      log: (line) => this.log(indent(line)),
    });
  }

  /** The pause steps are owner:system-pause's own runs (--safe-out, status); the owners then sign. */
  systemPause(action: string, safeOut?: string) {
    const { options } = this;
    return runSystemPause({
      network: options.network,
      deploymentFile: this.recordFile,
      action,
      mode: safeOut === undefined ? "dry-run" : "safe-out",
      safeOut,
      transport: this.transport(),
      hashes: async () => this.hashes!,
      connect: async () => ({ signers: options.signers, provider: options.ethersProvider }),
      log: (line) => this.log(indent(line)),
    } satisfies SystemPauseOptions);
  }

  async pauseAndUnpause(): Promise<void> {
    const { owners, guardians } = this;
    await this.step("A guardian Safe pauses everything", async () => {
      const { written } = await this.systemPause("pause", join(this.dir, "pause"));
      await this.signFile(written![0], this.signers(guardians));
      return `guardian ${written![0].safe} sent pauseAll()`;
    });
    await this.step("Status", async () => {
      const { before: status } = await this.systemPause("status");
      if (!inTargetState(status, "pause")) throw fail("not every module is paused");
      return `all ${status.modules.length} modules paused`;
    });
    await this.step(
      "Governance unpauses: schedule, delay, execute through the owners' Safe",
      async () => {
        const { op, written } = await this.systemPause("unpause", join(this.dir, "unpause"));
        await this.signFile(find(written!, "1-schedule"), this.signers(owners));
        await moveDevClock(this.options.provider, { delay: op!.delay });
        await this.signFile(find(written!, "2-execute"), this.signers(owners, true));
        const { before: after } = await this.systemPause("status");
        if (!inTargetState(after, "unpause")) throw fail("not every module is running again");
        return `operation ${op!.id} executed; all ${after.modules.length} modules running`;
      },
    );
  }

  /** One owner of each Safe replaced through the manifest: update-all plans it, the Safes' owners sign. */
  async rotateOwners(): Promise<void> {
    const { owners, guardians } = this;
    await this.step("Rotate the first owner of each Safe through the manifest", async () => {
      for (const r of this.rotations) this.log(`    ${r.safe}: ${r.from} -> ${r.to}`);
      const result = await this.updateAllFiles(this.rotatedFile, "rotation");
      const written = result.written ?? [];
      if (written.length !== this.rotations.length)
        throw fail(`rotation wrote ${written.length} files for ${this.rotations.length} Safes`);
      for (const file of written)
        await this.signFile(
          file,
          this.signers(file.safe === this.deployedSafes!.ownersSafe ? owners : guardians),
        );
      return `${this.rotations.length} Safe(s) rotated: ${written.map((w) => w.name).join(", ")}`;
    });
    await this.step("Final doctor against the rotated manifest", () =>
      this.expectDoctor("3-doctor-final", this.rotatedFile, 0),
    );
  }

  /** Writes drill.md, the steps' summary. */
  finish(): DrillResult {
    const { dir, steps, deployedSafes } = this;
    const seconds = (Date.now() - this.started) / 1000;
    writeFileSync(
      join(dir, "drill.md"),
      [
        `# owner:drill on ${this.options.network}`,
        "",
        `${new Date().toISOString()}, ${seconds.toFixed(1)} s. Owners' Safe ${deployedSafes?.ownersSafe}, guardians ${deployedSafes?.guardians.join(", ")}.`,
        "",
        "| # | step | outcome | s |",
        "| --- | --- | --- | --- |",
        ...steps.map(
          (s, i) =>
            `| ${i + 1} | ${s.name} | ${s.outcome.replace(/\|/g, "\\|")} | ${s.seconds.toFixed(1)} |`,
        ),
        "",
      ].join("\n"),
    );
    return { dir, steps, seconds, changes: this.changes };
  }
}

const find = (written: readonly WrittenSafeBatch[], suffix: string) => {
  const w = written.find((x) => x.name.endsWith(suffix));
  if (w === undefined) throw fail(`no ${suffix} file was written`);
  return w;
};

const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
