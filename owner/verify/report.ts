// The views of one batch verification (owner/verify/verify-batch.ts): terminal lines, and the Markdown
// page a signer reads before touching the hardware wallet. Both are rendered from the same data.
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

import { formatCallTree } from "../decode.ts";
import { formatTable } from "../output/table.ts";
import type { BatchVerification } from "./verify-batch.ts";

const VERDICT = {
  0: "VERIFIED: the file is what it says, the simulation passes, no risk flagged",
  1: "VERIFIED, WITH RISKS TO REVIEW: read each flagged item below before signing",
  2: "DO NOT SIGN: a check failed (see Problems)",
} as const;

/** The facts a signer compares on the device, as label/value pairs (shared by both views). */
function facts(v: BatchVerification): [string, string][] {
  return [
    ["file", v.file],
    ["Safe", `${v.safe} (chain ${v.chainId})`],
    ["nonce", `${v.nonce} (${v.nonceAssumption})`],
    ["safeTxHash", v.hashes.safeTxHash],
    ["domainHash", v.hashes.domainHash],
    ["messageHash", v.hashes.messageHash],
    ["Safe contract's hash", v.hashes.fromSafeContract],
    [
      "checksum",
      v.checksum.valid
        ? `${v.checksum.stored} (valid)`
        : `INVALID: file says ${v.checksum.stored}, content gives ${v.checksum.computed}`,
    ],
    [
      "Safe transaction",
      `${v.safeTx.operation === 1 ? "DELEGATECALL" : "call"} to ${v.safeTx.to}, value ${v.safeTx.value}, safeTxGas ${v.safeTx.safeTxGas}, baseGas ${v.safeTx.baseGas}, gasPrice ${v.safeTx.gasPrice}, gasToken ${v.safeTx.gasToken}, refundReceiver ${v.safeTx.refundReceiver}`,
    ],
    ["chain read at block", String(v.blockNumber)],
  ];
}

/** The terminal view; the facts as a table (owner/output/table.ts: no hash or address is ever split). */
export function formatVerificationText(
  v: BatchVerification,
  options: { width?: number } = {},
): string {
  return [
    `${v.name}: ${VERDICT[v.exitCode]}`,
    formatTable(["check", "value"], facts(v), options),
    "  What it does:",
    ...formatCallTree(v.tree, 2),
    ...v.simulations.map(
      (s) => `  simulated ${s.ok ? "ok     " : "REVERTS"} ${s.what}${s.ok ? "" : `: ${s.error}`}`,
    ),
    ...(v.risks.length > 0
      ? ["  RISKS:", ...v.risks.map((r) => `    [${r.kind}] ${r.text}`)]
      : ["  Risks: none flagged"]),
    ...(v.problems.length > 0 ? ["  PROBLEMS:", ...v.problems.map((p) => `    ${p}`)] : []),
  ].join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function formatVerificationMarkdown(v: BatchVerification): string {
  return [
    `# Before you sign: ${cell(v.name)}`,
    "",
    `**${VERDICT[v.exitCode]}.**`,
    "",
    "Compare the hashes your device shows with these before approving. They hold for this nonce only: if",
    "another transaction of this Safe is executed first, re-run `owner:verify-batch` with the new nonce.",
    "",
    "| | |",
    "| --- | --- |",
    ...facts(v).map(([k, value]) => `| ${k} | \`${cell(value)}\` |`),
    "",
    "## What it does",
    "",
    ...formatCallTree(v.tree).map(cell),
    "",
    "## Simulation",
    "",
    ...v.simulations.map(
      (s) =>
        `- ${s.ok ? "passes" : "**REVERTS**"}: ${cell(s.what)}${s.ok ? "" : `: ${cell(s.error ?? "")}`}`,
    ),
    "",
    "## Risks",
    "",
    ...(v.risks.length > 0
      ? v.risks.map((r) => `- **${r.kind}**: ${cell(r.text)}`)
      : ["None flagged."]),
    "",
    ...(v.problems.length > 0
      ? ["## Problems: do not sign", "", ...v.problems.map((p) => `- ${cell(p)}`), ""]
      : []),
  ].join("\n");
}

/** Writes the signer page of one file as <dir>/<file name>.md (the task's --out, the drill); returns its path. */
export function writeSignerPage(v: BatchVerification, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const page = join(dir, `${basename(v.file).replace(/\.json$/, "")}.md`);
  writeFileSync(page, `${formatVerificationMarkdown(v)}\n`);
  return page;
}
