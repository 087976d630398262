// The consent hash of a manifest file: load, validate, canonicalise (RFC 8785), keccak256 of the UTF-8
// bytes. The `lease:consent-hash` task and the tests call this; LeaseAgreement stores the result.
import { keccak256, toUtf8Bytes } from "ethers";

import { describeFound, formatIssue, formatJsonPath } from "../deploy/manifest/schema.ts";
import { CodedError } from "../shared/errors.ts";
import { readJsonFileOr } from "../shared/json.ts";
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
  const unnormalised = textNotInNfc(data);
  if (!result.success || unnormalised.length > 0) {
    const lines = (result.success ? [] : result.error.issues.flatMap(describeIssue))
      .concat(result.success ? [] : crossFieldIssues(data))
      .concat(unnormalised)
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
  return { manifest: result.data!, canonical, hash: keccak256(toUtf8Bytes(canonical)) };
}

/** The largest consent manifest read: a manifest is a page of terms (the example is under 1 KiB). */
export const MAX_CONSENT_MANIFEST_BYTES = 256 * 1024;

/**
 * Reads `file` and hashes it. The file must be UTF-8 without a BOM, strict JSON with no member name
 * twice in one object, and at most MAX_CONSENT_MANIFEST_BYTES (MANIFEST_NOT_JSON names the place).
 */
export function hashConsentManifestFile(file: string): ConsentHashResult {
  const data = readJsonFileOr(
    file,
    {
      notFound: () =>
        new ConsentManifestError("MANIFEST_NOT_FOUND", `${file} not found or not readable`),
      unreadable: (error) =>
        new ConsentManifestError("MANIFEST_NOT_JSON", error.message.split("\n")[0]!, error.details),
    },
    MAX_CONSENT_MANIFEST_BYTES,
  );
  return hashConsentManifest(data, file);
}

type Problem = { path: readonly PropertyKey[]; message: string };

/**
 * Every member name and string not in Unicode Normalization Form C. The same words in NFC and NFD
 * look alike and hash differently, so the manifest must be written in NFC (docs/consent-manifests.md).
 */
export function textNotInNfc(data: unknown, path: PropertyKey[] = []): Problem[] {
  const notNfc = (text: string) => text !== text.normalize("NFC");
  const found = (text: string) => {
    // The first place NFC changes, as code points: "e U+0301" (NFD) against "U+00E9" (NFC).
    const nfc = text.normalize("NFC");
    let at = 0;
    while (at < text.length && text[at] === nfc[at]) at++;
    const codePoints = (s: string) =>
      [...s.slice(at, at + 4)]
        .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`)
        .join(" ");
    return (
      `expected text in Unicode NFC, found another normal form: from character ${at}, ` +
      `${codePoints(text)} where NFC has ${codePoints(nfc)}`
    );
  };
  if (typeof data === "string") return notNfc(data) ? [{ path, message: found(data) }] : [];
  if (Array.isArray(data))
    return data.flatMap((item, index) => textNotInNfc(item, [...path, index]));
  if (data === null || typeof data !== "object") return [];
  return Object.entries(data).flatMap(([key, value]) => [
    ...(notNfc(key) ? [{ path: [...path, key], message: `member name: ${found(key)}` }] : []),
    ...textNotInNfc(value, [...path, key]),
  ]);
}

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
