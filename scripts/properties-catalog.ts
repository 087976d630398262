// Keeps invariants/PROPERTIES.md and the invariant code in step: every listed property has its
// checking function (whose failure messages carry the id), a must-fail test in the mutations file its
// section names (which expects that id), and is checked by a suite (reached from a suite's
// `invariant_*` or `afterInvariant` through the calls between functions); every check in the code is listed.
//
//   node scripts/properties-catalog.ts        prints the problems and exits 1, or a one-line summary
//
// The parsing is deliberately narrow: it reads the table rows whose first cell is an id (`XX-00`) and
// the Solidity text of invariants/, and reports what it cannot find instead of guessing.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export interface PropertyRow {
  id: string;
  /** 1-based line in the catalog. */
  line: number;
  check: string | undefined;
  mustFail: string | undefined;
  /** The mutations file named by the section's table header, relative to invariants/. */
  mutationsFile: string | undefined;
}

export interface SolidityFile {
  /** Path relative to invariants/, with forward slashes. */
  path: string;
  text: string;
}

const ID = /^[A-Z]{2}-\d{2}$/;

/** The property rows of the catalog, each with the mutations file of the table it sits in. */
export function parseCatalog(markdown: string): PropertyRow[] {
  const rows: PropertyRow[] = [];
  let mutationsFile: string | undefined;
  let columns: { check: number; mustFail: number } | undefined;
  markdown.split("\n").forEach((text, index) => {
    if (!text.startsWith("|")) return;
    const cells = text
      .slice(1, text.trimEnd().endsWith("|") ? text.trimEnd().length - 1 : undefined)
      .split("|")
      .map((c) => c.trim());
    if (cells[0] === "id") {
      const check = cells.findIndex((c) => c.startsWith("checked by"));
      const mustFail = cells.findIndex((c) => c.startsWith("must-fail test"));
      columns = check >= 0 && mustFail >= 0 ? { check, mustFail } : undefined;
      mutationsFile = /`(mutations\/[^`]+\.t\.sol)`/.exec(cells[mustFail] ?? "")?.[1];
      return;
    }
    if (!ID.test(cells[0] ?? "")) return;
    const firstCode = (cell: string | undefined, prefix: string) =>
      [...(cell ?? "").matchAll(/`([A-Za-z0-9_]+)`/g)]
        .map((m) => m[1])
        .find((name) => name.startsWith(prefix));
    rows.push({
      id: cells[0],
      line: index + 1,
      check: columns ? firstCode(cells[columns.check], "check_") : undefined,
      mustFail: columns ? firstCode(cells[columns.mustFail], "test_") : undefined,
      mutationsFile,
    });
  });
  return rows;
}

/** The text of `function <name>(` up to the next function in the same file (empty when absent). */
function functionBody(text: string, name: string): string {
  const start = text.indexOf(`function ${name}(`);
  if (start < 0) return "";
  const next = text.indexOf("\n    function ", start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

/** Solidity text without comments and string literals, line breaks kept (so nothing in them counts as a call). */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
    .replace(/\/\/[^\n]*/g, "")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
}

/** Each function name defined in `files` with the code of its bodies (names defined twice are joined). */
function functionBodies(files: readonly SolidityFile[]): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const file of files) {
    const code = codeOnly(file.text);
    const starts = [...code.matchAll(/\bfunction\s+([A-Za-z_$][\w$]*)\s*\(/g)];
    starts.forEach((match, i) => {
      const end = i + 1 < starts.length ? starts[i + 1]!.index : code.length;
      const body = code.slice(match.index + match[0].length, end);
      bodies.set(match[1]!, `${bodies.get(match[1]!) ?? ""}\n${body}`);
    });
  }
  return bodies;
}

/**
 * The functions a suite runs: from every `invariant_*` and `afterInvariant` of the suites, each
 * function whose name the reached code mentions (called, or handed on as a function value), repeated
 * until nothing new is reached. The must-fail tests (mutations/) are not part of it: a check they call
 * is not thereby checked by a suite.
 */
export function reachableFromSuites(sources: readonly SolidityFile[]): Set<string> {
  const graph = sources.filter((f) => !f.path.startsWith("mutations/"));
  const bodies = functionBodies(graph);
  const suites = sources.filter((f) => /^[^/]+\.invariants\.t\.sol$/.test(f.path));
  const entries = [...functionBodies(suites).keys()].filter(
    (name) => name.startsWith("invariant_") || name === "afterInvariant",
  );
  const reached = new Set<string>(entries);
  const queue = [...entries];
  while (queue.length > 0) {
    const body = bodies.get(queue.pop()!) ?? "";
    for (const [name] of body.matchAll(/[A-Za-z_$][\w$]*/g)) {
      if (!reached.has(name) && bodies.has(name)) {
        reached.add(name);
        queue.push(name);
      }
    }
  }
  return reached;
}

/** Every problem with the catalog against the invariant sources; empty when they agree. */
export function checkCatalog(
  catalogPath: string,
  markdown: string,
  sources: readonly SolidityFile[],
): string[] {
  const problems: string[] = [];
  const rows = parseCatalog(markdown);
  if (rows.length === 0) problems.push(`${catalogPath}: no property rows found`);
  const at = (row: PropertyRow) => `${catalogPath}:${row.line} ${row.id}`;

  const properties = sources.filter((f) => f.path.startsWith("properties/"));
  const reached = reachableFromSuites(sources);
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id)) problems.push(`${at(row)}: listed twice`);
    seen.add(row.id);

    if (row.check === undefined) {
      problems.push(`${at(row)}: no \`check_...\` function in its "checked by" cell`);
    } else {
      const defined = properties.filter((f) => f.text.includes(`function ${row.check}(`));
      if (defined.length !== 1) {
        problems.push(
          `${at(row)}: ${row.check} is defined in ${defined.length} files under invariants/properties/, expected 1`,
        );
      } else if (!functionBody(defined[0].text, row.check).includes(`"${row.id} `)) {
        problems.push(
          `${at(row)}: ${row.check} (invariants/${defined[0].path}) has no message starting with "${row.id} "`,
        );
      }
      // Run by a suite: reached from an `invariant_*` or `afterInvariant` through the calls between them.
      if (!reached.has(row.check)) {
        problems.push(
          `${at(row)}: ${row.check} is never called by a suite (no invariant_* or afterInvariant reaches it)`,
        );
      }
    }

    if (row.mutationsFile === undefined) {
      problems.push(`${at(row)}: its table header names no mutations/<Suite>.mutations.t.sol file`);
    } else if (row.mustFail === undefined) {
      problems.push(`${at(row)}: no \`test_...\` in its must-fail cell`);
    } else {
      const file = sources.find((f) => f.path === row.mutationsFile);
      const body = file ? functionBody(file.text, row.mustFail) : "";
      if (file === undefined)
        problems.push(`${at(row)}: invariants/${row.mutationsFile} not found`);
      else if (body === "")
        problems.push(`${at(row)}: ${row.mustFail} not found in invariants/${row.mutationsFile}`);
      else if (!body.includes(`_assertViolated("${row.id}"`))
        problems.push(
          `${at(row)}: ${row.mustFail} does not expect ${row.id} (no _assertViolated("${row.id}", ...))`,
        );
    }
  }

  const listed = new Set(rows.map((r) => r.check));
  for (const file of properties) {
    for (const m of file.text.matchAll(/function (check_[A-Za-z0-9_]+)\(/g)) {
      if (!listed.has(m[1]))
        problems.push(`invariants/${file.path}: ${m[1]} is not listed in ${catalogPath}`);
    }
  }
  return problems;
}

/** Every .sol file under `dir`, paths relative to it. */
export function readSolidity(dir: string): SolidityFile[] {
  const out: SolidityFile[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".sol"))
        out.push({
          path: relative(dir, path).split("\\").join("/"),
          text: readFileSync(path, "utf8"),
        });
    }
  };
  walk(dir);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalogPath = "invariants/PROPERTIES.md";
  const problems = checkCatalog(
    catalogPath,
    readFileSync(catalogPath, "utf8"),
    readSolidity("invariants"),
  );
  if (problems.length > 0) {
    for (const p of problems) console.error(`✗ ${p}`);
    process.exitCode = 1;
  } else {
    const count = parseCatalog(readFileSync(catalogPath, "utf8")).length;
    console.log(
      `✓ ${catalogPath}: ${count} properties, each with its check (id in its messages), a suite calling it and a must-fail test`,
    );
  }
}
