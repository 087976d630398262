// owner:doctor's core: load and validate, read the chain at one block, diff, and render the result
// as a terminal table, Markdown and JSON. Hardhat-free: the task passes a transport and file names.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { ModuleEntry } from "../deploy/modules.ts";
import { authorityEdges, type AuthorityEdge } from "./authority.ts";
import { readSystem, type ChainSnapshot } from "./chain/reader.ts";
import { formatTable } from "./output/table.ts";
import type { RpcTransport } from "./chain/transport.ts";
import { diffSystem, summarise, type DriftRow, type DoctorSummary } from "./diff.ts";
import { loadDesiredState, type DesiredState } from "./desired-state.ts";
import {
  formatRegionWarnings,
  loadRegion,
  regionWarnings,
  type RegionWarning,
} from "./diff/region.ts";
import { formatQueue, readQueue, type QueueOptions, type TimelockQueue } from "./timelock-queue.ts";

export interface DoctorReport {
  network: string;
  chainId: number;
  blockNumber: number;
  manifest: string;
  deployment: string;
  checkedAt: string;
  summary: DoctorSummary;
  rows: DriftRow[];
  /** Who controls what at the same block, for the status page's graph. */
  authority?: AuthorityEdge[];
  /** The timelock queue at the same block (owner:doctor; absent in deployment verification). */
  queue?: TimelockQueue;
  /** Parameters outside the simulation's honest-dominant region (owner/diff/region.ts); never drift. */
  regionWarnings?: RegionWarning[];
  rpc: { transport: string; requests: number; roundTrips: number; posts: number };
}

export interface DoctorOptions {
  network: string;
  manifestFile: string;
  deploymentFile: string;
  transport: RpcTransport;
  modules?: readonly ModuleEntry[];
  /** Log range and staleness of the timelock queue; the doctor always reads the queue. */
  queue?: QueueOptions;
  /** reports/sim/region.json: warn about parameters outside it (absent file: no warning). */
  regionFile?: string;
}

/** Throws OwnerError (exit 2) when it cannot check at all; otherwise every row with its status. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  return checkSystem(loadDesiredState(options), options.transport, {
    timelockQueue: options.queue ?? {},
    regionFile: options.regionFile,
  });
}

/**
 * Reads the chain at one block and diffs it against a desired state: the doctor's verdict, and
 * deploy:system's verification of the system it just deployed (deploy/verify.ts).
 */
export async function checkSystem(
  desired: DesiredState,
  transport: RpcTransport,
  options: { timelockQueue?: QueueOptions; atBlock?: number; regionFile?: string } = {},
): Promise<DoctorReport> {
  const snapshot = await readSystem(transport, desired, options);
  const rows = diffSystem(desired, snapshot);
  const queue = await queueOf(desired, transport, snapshot, rows, options.timelockQueue);
  const warnings =
    options.regionFile === undefined
      ? []
      : regionWarnings(loadRegion(options.regionFile), desired, snapshot);
  return {
    network: desired.network,
    chainId: snapshot.chainId,
    blockNumber: snapshot.blockNumber,
    manifest: desired.manifestFile,
    deployment: desired.deploymentFile,
    checkedAt: new Date().toISOString(),
    summary: summarise(rows),
    rows,
    authority: authorityEdges(desired, snapshot),
    ...(queue ? { queue } : {}),
    ...(warnings.length > 0 ? { regionWarnings: warnings } : {}),
    rpc: {
      transport: snapshot.rpc.transport,
      requests: snapshot.rpc.requests,
      roundTrips: snapshot.rpc.roundTrips,
      posts: snapshot.rpc.posts,
    },
  };
}

/**
 * The timelock queue from the snapshot's queue logs: one more round trip only when the timelock has
 * operations. Unreadable logs are an error row (could not check), like any unreadable property.
 */
async function queueOf(
  desired: DesiredState,
  transport: RpcTransport,
  snapshot: ChainSnapshot,
  rows: DriftRow[],
  options: QueueOptions | undefined,
): Promise<TimelockQueue | undefined> {
  if (snapshot.queue === undefined || options === undefined) return undefined;
  const { logs, timestamp } = snapshot.queue;
  if (!logs.ok || !timestamp.ok) {
    rows.push({
      subject: "MandateTimelock",
      address: desired.timelock,
      property: "operation queue",
      expected: "readable",
      actual: "unreadable",
      status: "error",
      fix: `could not read: ${!logs.ok ? logs.error : (timestamp as { error: string }).error}`,
    });
    return undefined;
  }
  const queue = await readQueue(transport, desired, snapshot, logs.value, timestamp.value, options);
  snapshot.rpc = { ...transport.stats, transport: transport.describe };
  return queue;
}

const MARK = { ok: "ok", drift: "DRIFT", error: "ERROR" } as const;

export function verdict(report: DoctorReport): string {
  const { ok, drift, error } = report.summary;
  if (error > 0) return `could not check ${error} item(s); ${drift} drift, ${ok} ok`;
  if (drift > 0) return `${drift} item(s) drift from the manifest; ${ok} ok`;
  return `all ${ok} checks hold`;
}

export function formatDoctorTable(
  report: DoctorReport,
  options: { color?: boolean; width?: number } = {},
): string {
  const withFix = report.rows.some((r) => r.fix !== undefined);
  const table = formatTable(
    ["", "subject", "property", "expected", "on chain", ...(withFix ? ["fix"] : [])],
    report.rows.map((row) => [
      MARK[row.status],
      row.subject,
      row.property,
      // One address per line in lists; no address is ever split (owner/output/table.ts).
      row.expected.replaceAll(", ", ",\n"),
      row.actual.replaceAll(", ", ",\n"),
      ...(withFix ? [row.fix ?? ""] : []),
    ]),
    options,
  );
  return [
    `owner:doctor ${report.network} (chain ${report.chainId}) at block ${report.blockNumber}`,
    table,
    ...formatRegionWarnings(report.regionWarnings ?? [], options),
    ...(report.queue ? formatQueue(report.queue) : []),
    `${verdict(report)}. Exit ${report.summary.exitCode}. RPC: ${report.rpc.requests} requests in ${report.rpc.roundTrips} round trips (${report.rpc.transport}).`,
  ].join("\n");
}

const md = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function formatDoctorMarkdown(report: DoctorReport): string {
  const lines = [
    `# owner:doctor: ${report.network}`,
    "",
    `Chain ${report.chainId}, block ${report.blockNumber}, checked ${report.checkedAt}.`,
    `Manifest \`${report.manifest}\`, deployment \`${report.deployment}\`.`,
    "",
    `**${verdict(report)}** (exit ${report.summary.exitCode}).`,
    "",
  ];
  const problems = report.rows.filter((r) => r.status !== "ok");
  if (problems.length > 0) {
    lines.push("## To fix", "");
    for (const r of problems)
      lines.push(`- **${r.subject} ${r.property}** (${r.status}): ${md(r.fix ?? "")}`);
    lines.push("");
  }
  lines.push(
    "## Authority and parameters",
    "",
    "| status | subject | address | property | expected | on chain |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const r of report.rows)
    lines.push(
      `| ${MARK[r.status]} | ${r.subject} | \`${r.address}\` | ${md(r.property)} | ${md(r.expected)} | ${md(r.actual)} |`,
    );
  if (report.regionWarnings)
    lines.push(
      "",
      "## Warnings (simulation region)",
      "",
      ...report.regionWarnings.map((w) => `- **${w.subject} ${w.property}**: ${md(w.message)}`),
    );
  if (report.queue)
    lines.push("", "## Timelock queue", "", "```text", ...formatQueue(report.queue), "```");
  lines.push(
    "",
    `RPC: ${report.rpc.requests} requests in ${report.rpc.roundTrips} round trips, all at block ${report.blockNumber}.`,
    "",
  );
  return lines.join("\n");
}

/** Writes reports/<network>/doctor.md and doctor.json; returns their paths. */
export function writeDoctorReports(
  report: DoctorReport,
  reportsDir: string,
): { markdown: string; json: string } {
  const dir = join(reportsDir, report.network);
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, "doctor.md");
  const json = join(dir, "doctor.json");
  writeFileSync(markdown, formatDoctorMarkdown(report));
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { markdown, json };
}
