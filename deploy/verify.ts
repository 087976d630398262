// The check after a deployment is owner:doctor's: the desired state that the manifest and the record
// just built describe, read back from chain at one block and diffed under the one governance policy
// (owner/policy.ts). deploy:system and owner:doctor therefore give the same verdict on the same chain.
import { asEip1193, eip1193Transport, type JsonRpcProvider } from "../owner/chain/transport.ts";
import type { DriftRow } from "../owner/diff.ts";
import { checkSystem, type DoctorReport } from "../owner/doctor.ts";
import { joinDesiredState, parseDeploymentRecord } from "../owner/desired-state.ts";
import type { NetworkConfig } from "./manifest/schema.ts";
import { DeployError } from "./errors.ts";
import type { ModuleEntry } from "./modules.ts";
import type { DeploymentPlan } from "./plan.ts";

export interface VerifyDeploymentInput {
  provider: JsonRpcProvider;
  network: string;
  config: NetworkConfig;
  /** The deployment record as written (deploy/record.ts); validated as owner control reads it. */
  record: unknown;
  configFile: string;
  recordFile: string;
  modules: readonly ModuleEntry[];
}

/** The doctor's report on the freshly deployed system. */
export async function verifyDeployment(input: VerifyDeploymentInput): Promise<DoctorReport> {
  const desired = joinDesiredState(
    input.config,
    parseDeploymentRecord(input.record, input.recordFile),
    {
      network: input.network,
      manifestFile: input.configFile,
      deploymentFile: input.recordFile,
      modules: input.modules,
    },
  );
  const transport = eip1193Transport(asEip1193(input.provider), `deploy:system ${input.network}`);
  return checkSystem(desired, transport);
}

/** A readable "who controls what" summary of the verification rows, failed rows marked. */
export function formatAuthoritySummary(plan: DeploymentPlan, rows: readonly DriftRow[]): string {
  const lines = [
    `Authority summary: ${plan.network} (chain ${plan.chainId}), deployer ${plan.deployer}`,
    `  token ${plan.token}, treasury ${plan.governance.treasury}, arbitrator ${plan.governance.arbitrator}`,
  ];
  let subject = "";
  for (const row of rows) {
    const heading = `${row.subject} ${row.address}`;
    if (heading !== subject) {
      subject = heading;
      lines.push(`  ${subject}`);
    }
    lines.push(
      row.status === "ok"
        ? `    ok    ${row.property}: ${row.actual}`
        : `    FAIL  ${row.property}: expected ${row.expected}, found ${row.actual}`,
    );
  }
  const failed = rows.filter((r) => r.status !== "ok").length;
  lines.push(
    failed === 0
      ? `  all ${rows.length} checks passed; the deployer holds no role and no ownership`
      : `  ${failed} of ${rows.length} checks FAILED`,
  );
  return lines.join("\n");
}

export function assertChecksPass(rows: readonly DriftRow[]): void {
  const failed = rows.filter((r) => r.status !== "ok");
  if (failed.length > 0) {
    throw new DeployError(
      "VERIFICATION_FAILED",
      `the deployed system does not have the intended authority (${failed.length} check(s) failed)`,
      failed.map(
        (r) =>
          `${r.subject} ${r.address}: ${r.property}: expected ${r.expected}, found ${r.actual}`,
      ),
    );
  }
}
