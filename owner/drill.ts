// owner:drill's core: the whole owner life cycle in one process on a development chain, with the
// real Safes and timelock, every Safe transaction signed by owner keys through protocol-kit from the
// files on disk. Deploy, doctor, change parameters, update-all writes the batches, owners sign and
// execute the schedule, time passes, execute, doctor, a guardian pauses, status, governance
// unpauses, doctor. Each step checks its outcome; everything is written under <reportsDir>/<network>/drill/.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { getAddress, type Eip1193Provider, type Signer } from "ethers";

import type { AccountRef } from "../deploy/manifest/fields.ts";
import { formatDuration } from "../deploy/manifest/units.ts";
import type { ArtifactReader } from "../deploy/execute.ts";
import { MODULES, type ModuleEntry } from "../deploy/modules.ts";
import { deploySystem } from "../deploy/system.ts";
import { moveDevClock } from "./chain/dev-clock.ts";
import { eip1193Transport, type JsonRpcProvider } from "./chain/transport.ts";
import { formatDoctorMarkdown, runDoctor, verdict, type DoctorReport } from "./doctor.ts";
import { OwnerError } from "./errors.ts";
import { changeFirstDurations } from "./manifest-edit.ts";
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

export interface DrillStep {
  name: string;
  seconds: number;
  outcome: string;
}

export interface DrillResult {
  dir: string;
  steps: DrillStep[];
  seconds: number;
  changes: ReturnType<typeof changeFirstDurations>["changes"];
}

const fail = (message: string) => new OwnerError("TRANSACTION_FAILED", `drill: ${message}`);

export async function runDrill(options: DrillOptions): Promise<DrillResult> {
  const log = options.log ?? (() => {});
  const modules = options.modules ?? MODULES;
  const { network, provider } = options;
  const dir = join(options.reportsDir, network, "drill");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const steps: DrillStep[] = [];
  let stepNumber = 0;
  const step = async (name: string, body: () => Promise<string>) => {
    stepNumber++;
    log(`\n[${stepNumber}] ${name}`);
    const t0 = Date.now();
    const outcome = await body();
    const seconds = (Date.now() - t0) / 1000;
    steps.push({ name, seconds, outcome });
    log(`    -> ${outcome} (${seconds.toFixed(1)} s)`);
  };
  const localAccounts = await Promise.all(
    options.signers.map(async (s) => getAddress(await s.getAddress())),
  );
  /** A dev key for each "account:N" (or address of a local account) that owns a Safe. */
  const keyOf = (ref: AccountRef | string) => {
    const index =
      typeof ref !== "string" && "localAccount" in ref
        ? ref.localAccount
        : localAccounts.indexOf(getAddress(typeof ref === "string" ? ref : ref.address));
    if (index < 0) throw fail(`no local key for Safe owner ${JSON.stringify(ref)}`);
    return devAccountKey(index);
  };

  const manifestFile = options.manifestFile ?? join(options.rootDir, "config", `${network}.json`);
  let recordFile = "";
  let hashes: SafeHashContext | undefined;
  let deployedSafes: { ownersSafe: string; guardians: string[] } | undefined;
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  const { manifest: changed, changes } = changeFirstDurations(manifest, modules);
  const changedFile = join(dir, "manifest.changed.json");
  writeFileSync(changedFile, `${JSON.stringify(changed, null, 2)}\n`);
  const ownersSafeKeys: string[] = (manifest.governance.ownersSafe.owners as string[]).map((o) =>
    keyOf(parseRef(o)),
  );
  const threshold: number = manifest.governance.ownersSafe.threshold;
  const guardianKeys: string[] = (manifest.governance.guardians[0]?.owners ?? []).map((o: string) =>
    keyOf(parseRef(o)),
  );
  const guardianThreshold: number = manifest.governance.guardians[0]?.threshold ?? 0;

  const doctor = async (label: string, file: string, manifestPath: string) => {
    const report: DoctorReport = await runDoctor({
      network,
      manifestFile: manifestPath,
      deploymentFile: recordFile,
      transport: eip1193Transport(provider, `in-process ${network}`),
      modules,
    });
    writeFileSync(join(dir, `${file}.md`), formatDoctorMarkdown(report));
    writeFileSync(join(dir, `${file}.json`), `${JSON.stringify(report, null, 2)}\n`);
    log(
      `    ${label}: ${verdict(report)} (exit ${report.summary.exitCode}), ${join(dir, `${file}.md`)}`,
    );
    return report;
  };
  const expectDoctor = async (file: string, manifestPath: string, exitCode: 0 | 1) => {
    const report = await doctor("doctor", file, manifestPath);
    if (report.summary.exitCode !== exitCode)
      throw fail(
        `${file}: expected doctor exit ${exitCode}, found ${report.summary.exitCode}: ${report.rows
          .filter((r) => r.status !== "ok")
          .map((r) => `${r.subject} ${r.property}: ${r.actual}`)
          .join("; ")}`,
      );
    return `${verdict(report)}, exit ${exitCode}`;
  };
  /** Owners sign a written file with protocol-kit; a relayer (account 0) executes it. */
  const signFile = async (written: WrittenSafeBatch, keys: readonly string[]) => {
    const connection = { ...hashes!, safeAddress: written.safe };
    const proposed = await proposeFromTxBuilderFile(connection, written.path);
    if (proposed.safeTxHash !== written.safeTxHash)
      throw fail(`${written.path}: safeTxHash ${proposed.safeTxHash} differs from the printed one`);
    const signed = await signSafeTransaction(connection, proposed, keys);
    const executed = await executeSafeTransaction(connection, signed, devAccountKey(0));
    log(
      `    ${keys.length} owners signed ${written.name} (safeTxHash ${written.safeTxHash}), executed in tx ${executed.txHash}`,
    );
  };
  const find = (written: WrittenSafeBatch[], suffix: string) => {
    const w = written.find((x) => x.name.endsWith(suffix));
    if (w === undefined) throw fail(`no ${suffix} file was written`);
    return w;
  };

  await step("Deploy the whole system with its Safes and timelock", async () => {
    const result = await deploySystem({
      network,
      provider: options.ethersProvider,
      signers: options.signers,
      readArtifact: options.readArtifact,
      rootDir: options.rootDir,
      configFile: manifestFile,
      deploymentsDir: dir,
      ephemeral: true,
      modules,
    });
    recordFile = result.recordFile;
    hashes = safeHashContext(provider, result.config.chainId, result.record.safeSuite as never);
    deployedSafes = {
      ownersSafe: result.plan.governance.ownersSafe.address,
      guardians: result.plan.governance.guardians.map((g) => g.address),
    };
    return `${result.deployed.length} transactions, ${modules.length} modules, owners' Safe ${deployedSafes.ownersSafe} (${threshold} of ${ownersSafeKeys.length}), record ${recordFile}`;
  });

  await step("Doctor: the fresh system against its manifest", () =>
    expectDoctor("1-doctor", manifestFile, 0),
  );

  let updateFiles: WrittenSafeBatch[] = [];
  await step(
    "Change parameters in a copy of the manifest; update-all writes the Safe batches",
    async () => {
      for (const c of changes) log(`    ${c.module}.${c.parameter}: ${c.from} -> ${c.to}`);
      const result = await runUpdateAll({
        network,
        manifestFile: changedFile,
        deploymentFile: recordFile,
        reportsDir: options.reportsDir,
        transport: eip1193Transport(provider, `in-process ${network}`),
        modules,
        mode: "safe-out",
        safeOut: join(dir, "update-all"),
        hashes: async () => hashes!,
        log: (line) => log(indent(line)),
      });
      updateFiles = result.written ?? [];
      if (result.prepared.plan.steps.length !== changes.length)
        throw fail(
          `update-all planned ${result.prepared.plan.steps.length} calls for ${changes.length} changes`,
        );
      return `${changes.length} change(s) -> operation ${result.prepared.operation?.op.id}, ${updateFiles.length} files`;
    },
  );

  await step(
    `${threshold} owners sign the schedule with protocol-kit; the Safe executes it`,
    async () => {
      await signFile(find(updateFiles, "1-schedule"), ownersSafeKeys.slice(0, threshold));
      return "scheduled";
    },
  );

  const delay = BigInt(
    (JSON.parse(readFileSync(find(updateFiles, "1-schedule").path, "utf8")).transactions[0]
      .contractInputsValues.delay as string) ?? "0",
  );
  await step(`Time moves past the timelock delay (${formatDuration(delay)})`, async () => {
    await moveDevClock(provider, { delay });
    return `+${delay} s`;
  });

  await step("Owners sign and the Safe executes the operation", async () => {
    await signFile(find(updateFiles, "2-execute"), ownersSafeKeys.slice(-threshold));
    return "executed";
  });

  await step("Doctor against the changed manifest: no drift", () =>
    expectDoctor("2-doctor-after-update", changedFile, 0),
  );

  // The pause steps are owner:system-pause's own runs (--safe-out, status); the owners then sign.
  const systemPause = (action: string, safeOut?: string) =>
    runSystemPause({
      network,
      deploymentFile: recordFile,
      action,
      mode: safeOut === undefined ? "dry-run" : "safe-out",
      safeOut,
      transport: eip1193Transport(provider, `in-process ${network}`),
      hashes: async () => hashes!,
      connect: async () => ({ signers: options.signers, provider: options.ethersProvider }),
      log: (line) => log(indent(line)),
    } satisfies SystemPauseOptions);
  await step("A guardian Safe pauses everything", async () => {
    const { written } = await systemPause("pause", join(dir, "pause"));
    await signFile(written![0], guardianKeys.slice(0, guardianThreshold));
    return `guardian ${written![0].safe} sent pauseAll()`;
  });

  await step("Status", async () => {
    const { before: status } = await systemPause("status");
    if (!inTargetState(status, "pause")) throw fail("not every module is paused");
    return `all ${status.modules.length} modules paused`;
  });

  await step("Governance unpauses: schedule, delay, execute through the owners' Safe", async () => {
    const { op, written } = await systemPause("unpause", join(dir, "unpause"));
    await signFile(find(written!, "1-schedule"), ownersSafeKeys.slice(0, threshold));
    await moveDevClock(provider, { delay: op!.delay });
    await signFile(find(written!, "2-execute"), ownersSafeKeys.slice(-threshold));
    const { before: after } = await systemPause("status");
    if (!inTargetState(after, "unpause")) throw fail("not every module is running again");
    return `operation ${op!.id} executed; all ${after.modules.length} modules running`;
  });

  await step("Final doctor", () => expectDoctor("3-doctor-final", changedFile, 0));

  const seconds = (Date.now() - started) / 1000;
  writeFileSync(
    join(dir, "drill.md"),
    [
      `# owner:drill on ${network}`,
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
  return { dir, steps, seconds, changes };
}

const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");

function parseRef(text: string): AccountRef {
  const local = /^account:(\d+)$/.exec(text);
  return local ? { localAccount: Number(local[1]) } : { address: getAddress(text) };
}
