// Consent manifests without a chain: the example is valid and hashes to its documented value, the
// hash depends only on content, every problem is reported with its JSON path, and the committed JSON
// Schema is the one the zod schema generates.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { keccak256, toUtf8Bytes } from "ethers";

import {
  ConsentManifestError,
  hashConsentManifest,
  hashConsentManifestFile,
} from "../../consent/consent-hash.ts";
import { consentManifestJsonSchema } from "../../consent/manifest.ts";
import { EXAMPLE_HASH } from "./consent-example.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const EXAMPLE = join(ROOT, "config", "examples", "consent.json");

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
      'm.json: issuedAt: expected an RFC 3339 UTC date-time to the second such as 2025-01-31T12:00:00Z (no fraction, no offset), found string "2025-06-01"',
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
        error.code === "MANIFEST_NOT_JSON" && error.details[0]!.startsWith(`${file}:1:`),
    );
    assert.deepEqual(problemsOf([]), ["m.json: (root): expected object, found an array"]);
  });

  /** The example's text with `edit` applied, written to a scratch file; the refusal it gets. */
  function refusalOfFile(edit: (text: string) => string | Uint8Array): ConsentManifestError {
    const dir = mkdtempSync(join(tmpdir(), "mandate-consent-"));
    const file = join(dir, "m.json");
    writeFileSync(file, edit(readFileSync(EXAMPLE, "utf8")));
    try {
      hashConsentManifestFile(file);
    } catch (error) {
      assert.ok(error instanceof ConsentManifestError, String(error));
      return error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.fail("the manifest was accepted");
  }

  it("refuses a member name given twice, naming both places (JSON.parse would hash the last)", () => {
    const error = refusalOfFile((text) =>
      text.replace('"revision": 1,', '"revision": 1,\n  "revision": 2,'),
    );
    assert.equal(error.code, "MANIFEST_NOT_JSON");
    assert.equal(error.details.length, 1);
    assert.match(
      error.details[0]!,
      /m\.json:\d+:3: revision: duplicate member name \(first at \d+:3\)/,
    );
  });

  it("refuses bytes that are not UTF-8 (they would hash as U+FFFD), naming the byte", () => {
    const error = refusalOfFile((text) => {
      const bytes = Buffer.from(text.replace("Cycling traces", "Cycling trac\u0000s"), "utf8");
      bytes[bytes.indexOf(0)] = 0xe9; // Latin-1 "é", not UTF-8
      return bytes;
    });
    assert.equal(error.code, "MANIFEST_NOT_JSON");
    assert.match(
      error.details[0]!,
      /m\.json:\d+:\d+: byte \d+ \(0xe9\) does not begin a well-formed UTF-8 sequence/,
    );
    const bom = refusalOfFile((text) => `\ufeff${text}`);
    assert.match(bom.details[0]!, /m\.json:1:1: starts with a UTF-8 byte-order mark \(BOM\)/);
  });

  it("refuses text not in Unicode NFC, showing where NFC differs", () => {
    const data = example();
    data.dataProduct.title = "Cafe\u0301 visits";
    assert.deepEqual(problemsOf(data), [
      "m.json: dataProduct.title: expected text in Unicode NFC, found another normal form: from character 3, U+0065 U+0301 U+0020 U+0076 where NFC has U+00E9 U+0020 U+0076 U+0069",
    ]);
    data.dataProduct.title = "Caf\u00e9 visits";
    assert.match(hashConsentManifest(data, "m.json").hash, /^0x[0-9a-f]{64}$/);
  });

  it("accepts one spelling per instant: UTC to the second", () => {
    for (const spelling of [
      "2025-06-01T09:00:00.000Z",
      "2025-06-01T11:00:00+02:00",
      "2025-06-01T09:00Z",
    ]) {
      const problems = problemsOf({ ...example(), issuedAt: spelling });
      assert.equal(problems.length, 1, spelling);
      assert.match(
        problems[0]!,
        /^m\.json: issuedAt: expected an RFC 3339 UTC date-time to the second/,
      );
    }
  });

  it("bounds the file and every value it echoes", () => {
    const tooLarge = refusalOfFile((text) =>
      text.replace('"cycling-traces-eu"', JSON.stringify("x".repeat(300_000))),
    );
    assert.equal(tooLarge.code, "MANIFEST_NOT_JSON");
    assert.match(tooLarge.details[0]!, /bytes, more than the 262144 a file of this kind may have/);
    const data = example();
    data.dataProduct.id = "X".repeat(200_000);
    data.earner = "y".repeat(100_000);
    const problems = problemsOf(data);
    assert.ok(problems.length >= 2, problems.join("\n"));
    for (const line of problems)
      assert.ok(line.length < 400, `${line.length} characters: ${line.slice(0, 200)}`);
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
