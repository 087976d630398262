// Reads Hardhat 3's build output for the events catalog: artifacts (ABI, bytecode) and the
// build-info they point to (`<id>.json` holds the compiler input, `<id>.output.json` the output with
// userdoc, devdoc and the AST that says where each event is declared).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

import {
  eventSignature,
  eventTopic0,
  isAbiEvent,
  type ContractInput,
  type Declaration,
  type DevDoc,
  type UserDoc,
} from "./catalog.ts";

export class BuildOutputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "BuildOutputError";
    this.code = code;
  }
}

export const NATSPEC_SETTING =
  'solidity.settings.outputSelection: { "*": { "*": ["userdoc", "devdoc"] } } in hardhat.config.ts';

type Artifact = {
  _format: string;
  contractName: string;
  sourceName: string;
  inputSourceName?: string;
  abi: unknown[];
  bytecode: string;
  buildInfoId?: string;
};

type AstNode = {
  nodeType: string;
  id: number;
  name?: string;
  nodes?: AstNode[];
  eventSelector?: string;
  linearizedBaseContracts?: number[];
  usedEvents?: number[];
};

type BuildInfoOutput = {
  output: {
    contracts?: Record<string, Record<string, { userdoc?: UserDoc; devdoc?: DevDoc }>>;
    sources?: Record<string, { ast?: AstNode }>;
  };
};

type BuildInfoInput = {
  userSourceNameMap?: Record<string, string>;
  input?: { sources?: Record<string, { content?: string }> };
};

/**
 * Hardhat 3 compiles "project/contracts/x.sol" and "npm/@scope/pkg@1.2.3/path.sol"; people read
 * "contracts/x.sol" and "@scope/pkg/path.sol".
 */
export function readableSourceName(inputSourceName: string): string {
  if (inputSourceName.startsWith("project/")) return inputSourceName.slice("project/".length);
  if (!inputSourceName.startsWith("npm/")) return inputSourceName;
  const rest = inputSourceName.slice("npm/".length);
  const parts = rest.split("/");
  const packageParts = parts[0]!.startsWith("@") ? 2 : 1;
  const packageName = parts.slice(0, packageParts).join("/");
  const withoutVersion = packageName.replace(/@[^@/]+$/, "");
  return [withoutVersion, ...parts.slice(packageParts)].join("/");
}

/** A declared event: where, and the ids the AST uses to relate it to contracts. */
export type EventDeclarationSite = Declaration & {
  eventId: number;
  contractId: number | undefined;
};

/**
 * Every event declaration in a set of source ASTs, keyed by selector (topic0 without 0x).
 * Several sources may declare the same signature; the caller chooses by inheritance.
 */
export function collectEventDeclarations(
  sources: Readonly<Record<string, { ast?: AstNode }>>,
): Map<string, EventDeclarationSite[]> {
  const bySelector = new Map<string, EventDeclarationSite[]>();
  const add = (node: AstNode, sourceName: string, contract: AstNode | undefined) => {
    if (node.nodeType !== "EventDefinition" || node.eventSelector === undefined) return;
    const list = bySelector.get(node.eventSelector) ?? [];
    list.push({
      sourceName: readableSourceName(sourceName),
      contractName: contract?.name,
      eventId: node.id,
      contractId: contract?.id,
    });
    bySelector.set(node.eventSelector, list);
  };
  for (const [sourceName, { ast }] of Object.entries(sources).sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    for (const node of ast?.nodes ?? []) {
      if (node.nodeType === "ContractDefinition") {
        for (const member of node.nodes ?? []) add(member, sourceName, node);
      } else {
        add(node, sourceName, undefined); // file-level event (solc >= 0.8.22)
      }
    }
  }
  return bySelector;
}

/**
 * Where an event of `contract` is declared: in its own inheritance line first, then among the events
 * it uses (emitted from a library or another contract's declaration), then the first site found.
 */
export function chooseDeclaration(
  sites: readonly EventDeclarationSite[] | undefined,
  contract: Pick<AstNode, "linearizedBaseContracts" | "usedEvents"> | undefined,
): Declaration | undefined {
  if (sites === undefined || sites.length === 0) return undefined;
  const bases = contract?.linearizedBaseContracts ?? [];
  const used = contract?.usedEvents ?? [];
  for (const base of bases) {
    const site = sites.find((s) => s.contractId === base);
    if (site) return { sourceName: site.sourceName, contractName: site.contractName };
  }
  const site = sites.find((s) => used.includes(s.eventId)) ?? sites[0]!;
  return { sourceName: site.sourceName, contractName: site.contractName };
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (error) {
    throw new BuildOutputError("UNREADABLE", `cannot read ${path}: ${(error as Error).message}`);
  }
}

function listArtifactFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "build-info") found.push(...listArtifactFiles(path));
    } else if (entry.name.endsWith(".json")) {
      found.push(path);
    }
  }
  return found.sort();
}

function listSolidityFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listSolidityFiles(path));
    else if (entry.name.endsWith(".sol")) found.push(path);
  }
  return found.sort();
}

/**
 * Loads every contract Hardhat compiled from `root` with its NatSpec and event declarations.
 * Refuses stale output: each .sol file under `root` must have been compiled from its current text.
 */
export function loadHardhatContracts(
  projectDir: string,
  artifactsDir: string,
  root: string,
): ContractInput[] {
  if (!existsSync(artifactsDir)) {
    throw new BuildOutputError(
      "NO_ARTIFACTS",
      `${artifactsDir} not found: run npx hardhat compile first`,
    );
  }
  const artifacts = listArtifactFiles(artifactsDir)
    .map((path) => readJson<Artifact>(path))
    .filter((a) => typeof a._format === "string" && a._format.startsWith("hh3-artifact"))
    .filter((a) => a.sourceName.startsWith(`${root}/`));
  const builds = readBuilds(artifactsDir, artifacts);
  const stale = findStaleSources(
    projectDir,
    root,
    artifacts.map((a) => ({ sourceName: a.sourceName, buildInfoId: a.buildInfoId ?? "" })),
    builds.compiledTexts,
  );
  if (stale.length > 0) {
    throw new BuildOutputError(
      "STALE",
      `artifacts are older than the sources (${stale.slice(0, 5).join(", ")}${stale.length > 5 ? ", ..." : ""}): ` +
        "run npx hardhat compile first",
    );
  }
  const declarationsByBuild = new Map<string, Map<string, EventDeclarationSite[]>>();
  return artifacts.map((artifact) => contractInput(artifact, builds.outputs, declarationsByBuild));
}

/**
 * The build-info outputs the artifacts name and, per build, the text each source had when compiled.
 * An older build may still hold an older text of a file that a newer build recompiled, so each
 * artifact is later checked against its own build.
 */
function readBuilds(
  artifactsDir: string,
  artifacts: readonly Artifact[],
): { outputs: Map<string, BuildInfoOutput>; compiledTexts: Map<string, Map<string, string>> } {
  const buildInfoIds = [
    ...new Set(artifacts.map((a) => a.buildInfoId).filter((i) => i !== undefined)),
  ].sort();
  const outputs = new Map<string, BuildInfoOutput>();
  const compiledTexts = new Map<string, Map<string, string>>();
  for (const buildInfoId of buildInfoIds) {
    const inputPath = join(artifactsDir, "build-info", `${buildInfoId}.json`);
    const outputPath = join(artifactsDir, "build-info", `${buildInfoId}.output.json`);
    if (!existsSync(outputPath)) {
      throw new BuildOutputError(
        "NO_BUILD_INFO",
        `${outputPath} not found: run npx hardhat compile again`,
      );
    }
    outputs.set(buildInfoId, readJson<BuildInfoOutput>(outputPath));
    const texts = new Map<string, string>();
    for (const [inputName, source] of Object.entries(
      readJson<BuildInfoInput>(inputPath).input?.sources ?? {},
    )) {
      if (source.content !== undefined) texts.set(readableSourceName(inputName), source.content);
    }
    compiledTexts.set(buildInfoId, texts);
  }
  return { outputs, compiledTexts };
}

/** One artifact with its NatSpec and the source sites of its events, from its own build. */
function contractInput(
  artifact: Artifact,
  outputs: ReadonlyMap<string, BuildInfoOutput>,
  declarationsByBuild: Map<string, Map<string, EventDeclarationSite[]>>,
): ContractInput {
  const buildInfoId = artifact.buildInfoId ?? "";
  const output = outputs.get(buildInfoId)?.output;
  const inputSourceName = artifact.inputSourceName ?? `project/${artifact.sourceName}`;
  const compiled = output?.contracts?.[inputSourceName]?.[artifact.contractName];
  if (compiled === undefined) {
    throw new BuildOutputError(
      "NOT_IN_BUILD_INFO",
      `${artifact.sourceName}:${artifact.contractName} is missing from build-info ${buildInfoId}: run npx hardhat compile again`,
    );
  }
  if (compiled.userdoc === undefined || compiled.devdoc === undefined) {
    throw new BuildOutputError(
      "NO_NATSPEC",
      `the build output has no userdoc/devdoc (NatSpec) for ${artifact.sourceName}:${artifact.contractName}; ` +
        `add ${NATSPEC_SETTING}, then compile again`,
    );
  }
  let sites = declarationsByBuild.get(buildInfoId);
  if (sites === undefined) {
    sites = collectEventDeclarations(output?.sources ?? {});
    declarationsByBuild.set(buildInfoId, sites);
  }
  const contractNode = output?.sources?.[inputSourceName]?.ast?.nodes?.find(
    (n) => n.nodeType === "ContractDefinition" && n.name === artifact.contractName,
  );
  return {
    sourceName: artifact.sourceName,
    contractName: artifact.contractName,
    deployable: typeof artifact.bytecode === "string" && artifact.bytecode.length > 2,
    abi: artifact.abi,
    userdoc: compiled.userdoc,
    devdoc: compiled.devdoc,
    declarations: declarationsFor(artifact.abi, sites, contractNode),
  };
}

/**
 * The .sol files under `root` whose compiled text differs from the text on disk: a file with
 * artifacts must match in each artifact's own build; a file without any (only free functions or
 * constants) must match in some build. Files that were never compiled count as stale too.
 */
export function findStaleSources(
  projectDir: string,
  root: string,
  artifacts: readonly { sourceName: string; buildInfoId: string }[],
  compiledTexts: ReadonlyMap<string, ReadonlyMap<string, string>>,
): string[] {
  const stale: string[] = [];
  for (const path of listSolidityFiles(join(projectDir, root))) {
    const source = relative(projectDir, path).replace(/\\/g, "/");
    const text = readFileSync(path, "utf8");
    const builds = [
      ...new Set(artifacts.filter((a) => a.sourceName === source).map((a) => a.buildInfoId)),
    ];
    const fresh =
      builds.length > 0
        ? builds.every((id) => compiledTexts.get(id)?.get(source) === text)
        : [...compiledTexts.values()].some((texts) => texts.get(source) === text);
    if (!fresh) stale.push(source);
  }
  return stale;
}

function declarationsFor(
  abi: readonly unknown[],
  sites: Map<string, EventDeclarationSite[]>,
  contractNode: AstNode | undefined,
): Record<string, Declaration> {
  const declarations: Record<string, Declaration> = {};
  for (const entry of abi) {
    if (!isAbiEvent(entry)) continue;
    const signature = eventSignature(entry);
    const selector = eventTopic0(signature).slice(2);
    const declaration = chooseDeclaration(sites.get(selector), contractNode);
    if (declaration !== undefined) declarations[signature] = declaration;
  }
  return declarations;
}
