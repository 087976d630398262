// The events catalog: from compiled contracts (ABI, NatSpec, where each event is declared) to the
// Markdown of docs/events.md. Pure; scripts/events-catalog.ts does the reading and writing.
import { id } from "ethers";

export type AbiParam = {
  name?: string;
  type: string;
  internalType?: string;
  indexed?: boolean;
  components?: readonly AbiParam[];
};

export type AbiEvent = {
  type: "event";
  name: string;
  anonymous?: boolean;
  inputs: readonly AbiParam[];
};

/** solc's `userdoc` and `devdoc` shapes, as far as events go (keys are event signatures). */
export type UserDoc = { events?: Record<string, { notice?: string }> };
export type DevDoc = {
  events?: Record<string, { details?: string; params?: Record<string, string> }>;
};

/** Where an event is declared: a contract/interface/library, or file level (contractName undefined). */
export type Declaration = { sourceName: string; contractName: string | undefined };

export type ContractInput = {
  /** Repository-relative, e.g. "contracts/staking/StakeManager.sol". */
  sourceName: string;
  contractName: string;
  /** Has creation bytecode: a contract or library, not an interface or abstract contract. */
  deployable: boolean;
  abi: readonly unknown[];
  userdoc: UserDoc | undefined;
  devdoc: DevDoc | undefined;
  /** Declaration of each ABI event, keyed by signature; missing entries count as the project's own. */
  declarations: Readonly<Record<string, Declaration>>;
};

export type CatalogField = {
  name: string;
  type: string;
  internalType: string | undefined;
  indexed: boolean;
  description: string;
};

export type CatalogEvent = {
  name: string;
  signature: string;
  /** keccak256 of the signature; undefined for an anonymous event, which has no topic0. */
  topic0: string | undefined;
  notice: string;
  details: string;
  declaration: Declaration | undefined;
  /** Declared outside the project (OpenZeppelin, solady...) and carries no NatSpec there. */
  undocumentedUpstream: boolean;
  fields: CatalogField[];
};

export type CatalogSection = {
  sourceName: string;
  contractName: string;
  /** True for an interface or abstract contract listed only for events no deployable contract has. */
  declarationOnly: boolean;
  events: CatalogEvent[];
};

export type CatalogOptions = {
  /** Production sources live under this folder ("contracts"). */
  root: string;
  /** Predicate over repository-relative paths: true drops the file (mocks and the like). */
  isExcluded: (sourceName: string) => boolean;
};

export type CatalogResult = {
  sections: CatalogSection[];
  /** Missing project NatSpec: each one fails the generator. */
  problems: string[];
  /** Library events without upstream NatSpec: listed, not fatal (the project cannot fix them). */
  warnings: string[];
};

/** The canonical type of a parameter as it appears in a signature: tuples spelled out. */
export function canonicalType(param: AbiParam): string {
  if (!param.type.startsWith("tuple")) return param.type;
  const inner = (param.components ?? []).map(canonicalType).join(",");
  return `(${inner})${param.type.slice("tuple".length)}`;
}

export function eventSignature(event: AbiEvent): string {
  return `${event.name}(${event.inputs.map(canonicalType).join(",")})`;
}

export function eventTopic0(signature: string): string {
  return id(signature);
}

export function isAbiEvent(entry: unknown): entry is AbiEvent {
  return (
    typeof entry === "object" && entry !== null && (entry as { type?: unknown }).type === "event"
  );
}

/** Collapses NatSpec's line breaks and runs of spaces; Markdown tables need one line. */
export function oneLine(text: string | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isUnder(sourceName: string, root: string): boolean {
  return sourceName.startsWith(`${root.replace(/\/+$/, "")}/`);
}

/**
 * Descriptions for library events that ship without NatSpec (OpenZeppelin's ownership events), so the
 * catalog explains every event a Mandate contract emits. Used only when the library says nothing.
 */
const UPSTREAM_NOTES: Record<string, { notice: string; params: Record<string, string> }> = {
  "OwnershipTransferred(address,address)": {
    notice:
      "Ownership moved to `newOwner`: at construction (to the timelock) or when a pending owner accepted.",
    params: {
      previousOwner: "The owner before (zero at construction).",
      newOwner: "The owner now.",
    },
  },
  "OwnershipTransferStarted(address,address)": {
    notice:
      "The owner proposed `newOwner`, who becomes owner only by calling `acceptOwnership` (two-step transfer).",
    params: { previousOwner: "The current owner.", newOwner: "The pending owner." },
  },
};

function describeDeclaration(declaration: Declaration | undefined): string {
  if (declaration === undefined) return "";
  const where = declaration.contractName ?? "file level";
  return ` (declared in ${where}, ${declaration.sourceName})`;
}

/** One contract's events, with their docs checked. */
function catalogEvents(
  contract: ContractInput,
  options: CatalogOptions,
  result: CatalogResult,
): CatalogEvent[] {
  const events: CatalogEvent[] = [];
  for (const entry of contract.abi) {
    if (!isAbiEvent(entry)) continue;
    const signature = eventSignature(entry);
    const declaration = contract.declarations[signature];
    const ours = declaration === undefined || isUnder(declaration.sourceName, options.root);
    const user = contract.userdoc?.events?.[signature];
    const dev = contract.devdoc?.events?.[signature];
    const fallback = ours || user?.notice || dev?.details ? undefined : UPSTREAM_NOTES[signature];
    const notice = oneLine(user?.notice ?? fallback?.notice);
    const details = oneLine(dev?.details);
    const params = dev?.params ?? fallback?.params ?? {};
    const where = `${contract.contractName}: event ${signature}${describeDeclaration(declaration)}`;

    const fields: CatalogField[] = entry.inputs.map((input, index) => ({
      name: input.name ?? "",
      type: canonicalType(input),
      internalType: input.internalType,
      indexed: input.indexed === true,
      description: input.name ? oneLine(params[input.name]) : "",
    }));
    let undocumentedUpstream = false;
    if (ours) {
      if (notice === "") result.problems.push(`${where} has no @notice`);
      fields.forEach((field, index) => {
        if (field.name === "") result.problems.push(`${where}: field ${index + 1} has no name`);
        else if (field.description === "")
          result.problems.push(`${where}: field "${field.name}" has no @param`);
      });
    } else if (notice === "" && details === "") {
      undocumentedUpstream = true;
      result.warnings.push(`${where} has no NatSpec upstream; listed without a description`);
    }
    events.push({
      name: entry.name,
      signature,
      topic0: entry.anonymous === true ? undefined : eventTopic0(signature),
      notice,
      details,
      declaration,
      undocumentedUpstream,
      fields,
    });
  }
  return events.sort((a, b) => compare(a.name, b.name) || compare(a.signature, b.signature));
}

/**
 * Builds the catalog: one section per deployable production contract with events (its ABI holds
 * inherited and library-declared events too), plus interfaces or abstract contracts for events that
 * no deployable contract has yet. Sorted by source path, contract name, event name and signature.
 */
export function buildCatalog(
  contracts: readonly ContractInput[],
  options: CatalogOptions,
): CatalogResult {
  const result: CatalogResult = { sections: [], problems: [], warnings: [] };
  const production = contracts
    .filter((c) => isUnder(c.sourceName, options.root) && !options.isExcluded(c.sourceName))
    .sort((a, b) => compare(a.sourceName, b.sourceName) || compare(a.contractName, b.contractName));

  const deployed = new Set<string>();
  for (const contract of production.filter((c) => c.deployable)) {
    const events = catalogEvents(contract, options, result);
    events.forEach((e) => deployed.add(e.signature));
    if (events.length > 0) {
      result.sections.push({ ...pick(contract), declarationOnly: false, events });
    }
  }
  for (const contract of production.filter((c) => !c.deployable)) {
    const abi = contract.abi.filter((e) => !isAbiEvent(e) || !deployed.has(eventSignature(e)));
    const events = catalogEvents({ ...contract, abi }, options, result);
    if (events.length > 0)
      result.sections.push({ ...pick(contract), declarationOnly: true, events });
  }
  result.sections.sort(
    (a, b) => compare(a.sourceName, b.sourceName) || compare(a.contractName, b.contractName),
  );
  result.problems = [...new Set(result.problems)].sort();
  result.warnings = [...new Set(result.warnings)].sort();
  return result;
}

function pick(contract: ContractInput): { sourceName: string; contractName: string } {
  return { sourceName: contract.sourceName, contractName: contract.contractName };
}

/** Escapes what would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function anchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");
}

function renderType(field: CatalogField): string {
  const internal = field.internalType;
  // Show what the Solidity source says (enum, struct, contract type) next to the ABI type.
  if (
    internal === undefined ||
    internal === field.type ||
    internal.replace(/^struct /, "") === field.type
  ) {
    return `\`${field.type}\``;
  }
  return `\`${field.type}\` (\`${internal}\`)`;
}

export const CATALOG_TITLE = "# Mandate events";

/** The Markdown of docs/events.md. Deterministic: no dates, no absolute paths. */
export function renderCatalog(sections: readonly CatalogSection[]): string {
  const out: string[] = [
    CATALOG_TITLE,
    "",
    "<!-- Generated by `npm run events` (scripts/events-catalog.ts) from the compiled ABIs and NatSpec. Do not edit by hand. -->",
    "",
    "Every event in the ABI of Mandate's production contracts (`contracts/`, mocks excluded), with its",
    "fields, signature and topic0 (keccak256 of the signature), described by the NatSpec in the sources.",
    "Inherited library events (OpenZeppelin, solady) are listed under the contract whose ABI has them.",
    "`npm run events:check` fails when this file is out of date.",
    "",
  ];
  if (sections.length === 0) {
    out.push("No production contract declares or emits an event yet.", "");
    return out.join("\n");
  }
  out.push("| Contract | Source | Events |", "| --- | --- | --- |");
  for (const section of sections) {
    out.push(
      `| [${section.contractName}](#${anchor(section.contractName)}) | \`${section.sourceName}\` | ${section.events.length} |`,
    );
  }
  for (const section of sections) {
    out.push("", `## ${section.contractName}`, "", `Source: \`${section.sourceName}\``);
    if (section.declarationOnly) {
      out.push("", "Declared here; no deployable contract has these events in its ABI yet.");
    }
    for (const event of section.events) {
      out.push("", `### ${event.name}`, "");
      if (event.notice !== "") out.push(event.notice, "");
      if (event.details !== "")
        out.push(event.notice === "" ? event.details : `Details: ${event.details}`, "");
      if (event.undocumentedUpstream) out.push("_No NatSpec upstream._", "");
      out.push(`- Signature: \`${event.signature}\``);
      out.push(
        event.topic0 === undefined
          ? "- topic0: none (anonymous event)"
          : `- topic0: \`${event.topic0}\``,
      );
      if (event.declaration !== undefined) {
        const where = event.declaration.contractName ?? "file level";
        out.push(`- Declared in: \`${where}\` (\`${event.declaration.sourceName}\`)`);
      }
      out.push("");
      if (event.fields.length === 0) {
        out.push("No fields.");
        continue;
      }
      out.push("| Field | Type | Indexed | Description |", "| --- | --- | --- | --- |");
      for (const field of event.fields) {
        const name = field.name === "" ? "_(unnamed)_" : `\`${field.name}\``;
        out.push(
          `| ${name} | ${renderType(field)} | ${field.indexed ? "yes" : "no"} | ${cell(field.description)} |`,
        );
      }
    }
  }
  out.push("");
  return out.join("\n");
}

/** The "Contract: Signature" keys a rendered catalog lists, for a readable --check summary. */
export function listedEvents(markdown: string): Set<string> {
  const keys = new Set<string>();
  let contract = "";
  for (const line of markdown.split("\n")) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) contract = heading[1]!;
    const signature = /^- Signature: `(.+)`$/.exec(line);
    if (signature) keys.add(`${contract}: ${signature[1]}`);
  }
  return keys;
}

/** A short account of how the file on disk differs from the regenerated one; empty when equal. */
export function summarizeDifference(onDisk: string, expected: string, limit = 10): string[] {
  if (onDisk === expected) return [];
  const summary: string[] = [];
  const before = listedEvents(onDisk);
  const after = listedEvents(expected);
  const added = [...after].filter((k) => !before.has(k)).sort();
  const removed = [...before].filter((k) => !after.has(k)).sort();
  const list = (label: string, keys: string[]) => {
    if (keys.length === 0) return;
    summary.push(`${label} (${keys.length}):`);
    for (const key of keys.slice(0, limit)) summary.push(`  ${key}`);
    if (keys.length > limit) summary.push(`  ... and ${keys.length - limit} more`);
  };
  list("missing from the file", added);
  list("no longer in the contracts", removed);
  const oldLines = onDisk.split("\n");
  const newLines = expected.split("\n");
  let changed = 0;
  let first = -1;
  for (let i = 0; i < Math.max(oldLines.length, newLines.length); i++) {
    if (oldLines[i] !== newLines[i]) {
      changed++;
      if (first < 0) first = i;
    }
  }
  summary.push(
    `${changed} line(s) differ; first at line ${first + 1}:`,
    `  file:     ${JSON.stringify(oldLines[first] ?? "<end of file>")}`,
    `  expected: ${JSON.stringify(newLines[first] ?? "<end of file>")}`,
  );
  return summary;
}
