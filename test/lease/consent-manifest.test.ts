// Consent manifests without a chain: the example is valid and hashes to its documented value, the
// hash depends only on content, every problem is reported with its JSON path, and the committed JSON
// Schema is the one the zod schema generates.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { keccak256, toUtf8Bytes } from "ethers";

import {
  ConsentManifestError,
  hashConsentManifest,
  hashConsentManifestFile,
} from "../../consent/consent-hash.ts";
import { consentManifestJsonSchema } from "../../consent/manifest.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const EXAMPLE = join(ROOT, "config", "examples", "consent.json");
/** The example's hash, as printed in docs/consent-manifests.md. */
export const EXAMPLE_HASH = "0x47c111517326e7d5290124426b79660d12f0d929269673d0a80d605d43fe2354";

function example(): any {
  return JSON.parse(readFileSync(EXAMPLE, "utf8"));
}

function problemsOf(data: unknown): readonly string[] {
  try {
    hashConsentManifest(data, "m.json");
  } catch (error) {
    assert.ok(error instanceof ConsentManifestError, String(error));
    assert.equal(error.code, "MANIFEST_INVALID");
    return error.details;
  }
  assert.fail("the manifest was accepted");
}

describe("consent manifests", () => {
  it("hashes the example to the documented value: keccak256 of its canonical UTF-8", () => {
    const result = hashConsentManifestFile(EXAMPLE);
    assert.equal(result.hash, EXAMPLE_HASH);
    assert.equal(result.hash, keccak256(toUtf8Bytes(result.canonical)));
    const doc = readFileSync(join(ROOT, "docs", "consent-manifests.md"), "utf8");
    assert.ok(doc.includes(EXAMPLE_HASH), "docs/consent-manifests.md shows the example's hash");
    assert.ok(doc.includes(result.canonical), "docs/consent-manifests.md shows the canonical form");
  });

  it("gives the same hash however the file is laid out, and another for any change in content", () => {
    const data = example();
    const reordered = Object.fromEntries(Object.entries(data).reverse());
    const dir = mkdtempSync(join(tmpdir(), "mandate-consent-"));
    const file = join(dir, "compact.json");
    writeFileSync(file, JSON.stringify(reordered));
    assert.equal(hashConsentManifestFile(file).hash, EXAMPLE_HASH);

    assert.notEqual(hashConsentManifest({ ...data, revision: 2 }, "x").hash, EXAMPLE_HASH);
    const swapped = { ...data, jurisdictions: ["FR", "DE", "NL"] };
    assert.notEqual(hashConsentManifest(swapped, "x").hash, EXAMPLE_HASH, "array order counts");
  });

  it("reports every problem at once, each with its file, JSON path, expected and found", () => {
    const data = example();
    data.manifestVersion = 2;
    data.dataProduct.id = "Cycling Traces";
    data.dataProduct.dataCategories = ["location", "dna", "location"];
    data.earner = data.earner.toLowerCase();
    data.chainId = 0;
    data.purposes = ["resale", "analytics"];
    data.retention.maxDays = 1.5;
    delete data.retention.deleteAtLeaseEnd;
    data.jurisdictions = ["de"];
    data.revocation.refund = "none";
    data.issuedAt = "2025-06-01";
    data.expiresAt = "2025-05-01T00:00:00Z";
    data.notes = "extra";

    assert.deepEqual(problemsOf(data), [
      "m.json: manifestVersion: expected one of 1, found number 2",
      'm.json: dataProduct.id: expected a lowercase slug such as fitness-traces-eu, found string "Cycling Traces"',
      'm.json: dataProduct.dataCategories[1]: expected one of "location", "health", "fitness", "browsing", "purchases", "financial", "social", "demographic", "sensor", "biometric", found string "dna"',
      'm.json: dataProduct.dataCategories[2]: expected distinct items, found "location" again (first at [0])',
      'm.json: earner: expected the EIP-55 checksummed form "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", found "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"',
      "m.json: chainId: expected at least 1, found number 0",
      "m.json: retention.maxDays: expected int, found number 1.5",
      "m.json: retention.deleteAtLeaseEnd: expected boolean, found nothing",
      'm.json: jurisdictions[0]: expected an ISO 3166-1 alpha-2 country code such as DE, found string "de"',
      'm.json: revocation.refund: expected one of "pro-rata", found string "none"',
      'm.json: issuedAt: expected an RFC 3339 UTC date-time such as 2025-01-31T12:00:00Z, found string "2025-06-01"',
      "m.json: notes: unknown key (expected no such key here)",
      'm.json: purposes[0]: expected a purpose that is not also in prohibitedUses, found "resale" in both',
      'm.json: expiresAt: expected a time after issuedAt (2025-06-01), found "2025-05-01T00:00:00Z"',
    ]);
  });

  it("checks expiry against issue, and accepts an optional later expiry", () => {
    const data = { ...example(), expiresAt: "2025-06-01T09:00:00Z" };
    assert.deepEqual(problemsOf(data), [
      'm.json: expiresAt: expected a time after issuedAt (2025-06-01T09:00:00Z), found "2025-06-01T09:00:00Z"',
    ]);
    data.expiresAt = "2026-06-01T09:00:00Z";
    assert.match(hashConsentManifest(data, "m.json").hash, /^0x[0-9a-f]{64}$/);
  });

  it("reports a missing file and a file that is not JSON", () => {
    assert.throws(
      () => hashConsentManifestFile(join(ROOT, "config", "examples", "missing.json")),
      (error: ConsentManifestError) => error.code === "MANIFEST_NOT_FOUND",
    );
    const dir = mkdtempSync(join(tmpdir(), "mandate-consent-"));
    const file = join(dir, "broken.json");
    writeFileSync(file, '{ "manifestVersion": 1, ');
    assert.throws(
      () => hashConsentManifestFile(file),
      (error: ConsentManifestError) =>
        error.code === "MANIFEST_NOT_JSON" &&
        error.details[0].startsWith(`${file}: (root): expected JSON`),
    );
    assert.deepEqual(problemsOf([]), ["m.json: (root): expected object, found an array"]);
  });

  it("keeps config/schemas/consent-manifest.schema.json in step with the zod schema", () => {
    const committed = JSON.parse(
      readFileSync(join(ROOT, "config", "schemas", "consent-manifest.schema.json"), "utf8"),
    );
    assert.deepEqual(
      committed,
      JSON.parse(JSON.stringify(consentManifestJsonSchema())),
      "run: node scripts/write-consent-schema.ts",
    );
    assert.equal(committed.additionalProperties, false);
  });
});
