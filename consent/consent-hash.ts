// The consent hash of a manifest file: load, validate, canonicalise (RFC 8785), keccak256 of the UTF-8
// bytes. The `lease:consent-hash` task and the tests call this; LeaseAgreement stores the result.
import { readFileSync } from "node:fs";

import { keccak256, toUtf8Bytes } from "ethers";

import { describeFound, formatIssue, formatJsonPath } from "../deploy/manifest/schema.ts";
import { CodedError } from "../shared/errors.ts";
import { canonicalize, CanonicalJsonError } from "./canonical-json.ts";
import { consentManifestSchema, crossFieldIssues, type ConsentManifest } from "./manifest.ts";

export type ConsentManifestErrorCode =
  "MANIFEST_NOT_FOUND" | "MANIFEST_NOT_JSON" | "MANIFEST_INVALID" | "MANIFEST_NOT_CANONICAL";

/**
 * What is wrong with a manifest file: a stable `code`, and one line per problem in `details`
 * (`file: path: expected ..., found ...`).
 */
export class ConsentManifestError extends CodedError<ConsentManifestErrorCode> {
  override name = "ConsentManifestError";
}

export interface ConsentHashResult {
  manifest: ConsentManifest;
  /** The RFC 8785 canonical JSON that is hashed. */
  canonical: string;
  /** keccak256 of the canonical JSON's UTF-8 bytes, 0x-prefixed: the `consentHash` on chain. */
  hash: string;
}

/** Validates parsed JSON and hashes it; throws MANIFEST_INVALID listing every problem. */
export function hashConsentManifest(data: unknown, file: string): ConsentHashResult {
  const result = consentManifestSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const lines = result.error.issues
      .flatMap(describeIssue)
      .concat(crossFieldIssues(data))
      .map((p) => `${file}: ${formatJsonPath(p.path)}: ${p.message}`);
    // The cross-field rules ran inside zod too, unless a fatal issue stopped them: report each once.
    const problems = [...new Set(lines)];
    throw new ConsentManifestError(
      "MANIFEST_INVALID",
      `${file} is not a valid consent manifest (${problems.length} problem${problems.length === 1 ? "" : "s"}):`,
      problems,
    );
  }
  // The hash covers the document as written (the schema transforms nothing), not a re-encoding.
  let canonical: string;
  try {
    canonical = canonicalize(data);
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error;
    throw new ConsentManifestError("MANIFEST_NOT_CANONICAL", `${file} has no canonical form:`, [
      `${file}: ${formatJsonPath(error.path)}: ${error.message}`,
    ]);
  }
  return { manifest: result.data, canonical, hash: keccak256(toUtf8Bytes(canonical)) };
}

/** Reads `file` and hashes it. */
export function hashConsentManifestFile(file: string): ConsentHashResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ConsentManifestError("MANIFEST_NOT_FOUND", `${file} not found or not readable`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConsentManifestError("MANIFEST_NOT_JSON", `${file} is not JSON:`, [
      `${file}: (root): expected JSON, ${(error as Error).message}`,
    ]);
  }
  return hashConsentManifest(data, file);
}

type Problem = { path: readonly PropertyKey[]; message: string };

/** The network config's issue wording, plus "found" for the formats it leaves to zod's message. */
function describeIssue(issue: Parameters<typeof formatIssue>[0]): Problem[] {
  if (issue.code === "invalid_format") {
    const expected = issue.message.startsWith("expected")
      ? issue.message
      : `expected ${issue.format}`;
    return [{ path: issue.path, message: `${expected}, found ${describeFound(issue.input)}` }];
  }
  return formatIssue(issue);
}
