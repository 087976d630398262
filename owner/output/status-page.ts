// The status page: one self-contained HTML file (reports/<network>/status.html) generated from the
// doctor's report JSON (and the watch's last alerts): the authority graph (owner/authority.ts) drawn by Cytoscape.js,
// inlined from node_modules so the page needs no server and no network; every drift row; the pause
// state of each module; the timelock queue with live countdowns; the last alerts. The page's own
// script is status-page.client.js, also inlined.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import type { AuthorityEdge } from "../authority.ts";
import type { DoctorReport } from "../doctor.ts";
import type { DriftRow } from "../diff.ts";
import type { Alert } from "../watch/alerts.ts";
import { writeAtomically } from "../watch/store.ts";

export interface StatusPageData {
  report: DoctorReport;
  graph: { nodes: string[]; edges: AuthorityEdge[] };
  pause: { module: string; state: "running" | "PAUSED" | "UNREADABLE" }[];
  alerts: Alert[];
  generatedAt: string;
}

/** The graph's nodes and edges, from the report's `authority` (what the chain answered). */
export function authorityGraph(report: DoctorReport): StatusPageData["graph"] {
  const edges = report.authority ?? [];
  return { nodes: [...new Set(edges.flatMap((e) => [e.from, e.to]))], edges };
}

export function pauseStates(rows: readonly DriftRow[]): StatusPageData["pause"] {
  return rows
    .filter((r) => r.property === "paused")
    .map((r) => ({
      module: r.subject,
      state: r.status === "error" ? "UNREADABLE" : r.actual === "PAUSED" ? "PAUSED" : "running",
    }));
}

const requireHere = createRequire(import.meta.url);

export function renderStatusPage(report: DoctorReport, alerts: readonly Alert[] = []): string {
  const data: StatusPageData = {
    report,
    graph: authorityGraph(report),
    pause: pauseStates(report.rows),
    alerts: [...alerts].reverse().slice(0, 50),
    generatedAt: new Date().toISOString(),
  };
  const cytoscape = readFileSync(requireHere.resolve("cytoscape/dist/cytoscape.min.js"), "utf8");
  const client = readFileSync(new URL("./status-page.client.js", import.meta.url), "utf8");
  // JSON inside <script>: "<" escaped, so no value can close the tag.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  const inline = (code: string) => code.replace(/<\/script/gi, "<\\/script");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Mandate status: ${report.network}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
tr.drift td { background: #fff1c2; } tr.error td { background: #ffd6d6; }
.PAUSED, .UNREADABLE, .critical { color: #b00020; font-weight: bold; } .running { color: #1b7f3b; }
#graph { width: 100%; height: 420px; border: 1px solid #ccc; }
.verdict { font-weight: bold; }
</style>
</head>
<body>
<h1>Mandate status: <span id="network"></span></h1>
<p id="summary"></p>
<h2>Authority</h2><div id="graph"></div>
<h2>Pause switch</h2><table id="pause"><thead><tr><th>module</th><th>state</th></tr></thead><tbody></tbody></table>
<h2>Timelock queue</h2><div id="queue"></div>
<h2>Checks</h2><table id="rows"><thead><tr><th>status</th><th>subject</th><th>property</th><th>expected</th><th>on chain</th><th>fix</th></tr></thead><tbody></tbody></table>
<h2>Last alerts</h2><table id="alerts"><thead><tr><th>block</th><th>severity</th><th>kind</th><th>alert</th></tr></thead><tbody></tbody></table>
<script>${inline(cytoscape)}</script>
<script id="status-data" type="application/json">${json}</script>
<script>${inline(client)}</script>
</body>
</html>
`;
}

/** Writes reports/<network>/status.html; returns its path. */
export function writeStatusPage(
  report: DoctorReport,
  reportsDir: string,
  alerts: readonly Alert[] = [],
): string {
  const dir = join(reportsDir, report.network);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "status.html");
  // A browser open on the page never sees half a file.
  writeAtomically(file, renderStatusPage(report, alerts));
  return file;
}
