// The strict JSON reader behind every file people write (network manifests, deployment records,
// consent manifests): what JSON.parse would accept silently is refused, each problem located.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import fc from "fast-check";

import {
  boundedText,
  firstInvalidUtf8,
  formatJsonPath,
  JsonFileError,
  parseJsonBytes,
  readJsonFile,
} from "../../lib/json.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

function refusal(input: Uint8Array | string): JsonFileError {
  try {
    parseJsonBytes(typeof input === "string" ? bytes(input) : input, "f.json");
  } catch (error) {
    assert.ok(error instanceof JsonFileError, String(error));
    return error;
  }
  assert.fail("the input was accepted");
}

describe("strict JSON files", () => {
  it("returns what JSON.parse returns for plain JSON, any text and layout", () => {
    const text = '{\n  "a": [1, 2.5, -3e2, true, null],\n  "é": {"😀": "x"}, "b": {"a": 1}\n}';
    assert.deepEqual(parseJsonBytes(bytes(text), "f.json"), JSON.parse(text));
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 1);
        assert.deepEqual(parseJsonBytes(bytes(text), "f.json"), JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a byte-order mark, naming it", () => {
    const error = refusal(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("{}")]));
    assert.equal(error.code, "BOM");
    assert.deepEqual(error.details, [
      "f.json:1:1: starts with a UTF-8 byte-order mark (BOM); save the file as UTF-8 without a BOM",
    ]);
  });

  it("refuses bytes that are not UTF-8, naming the byte, its line and column", () => {
    const cases: [number[], number][] = [
      [[0x80], 0], // a continuation byte alone
      [[0xc0, 0xaf], 0], // overlong "/"
      [[0xe0, 0x80, 0xaf], 0], // overlong, three bytes
      [[0xed, 0xa0, 0x80], 0], // a UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0xf5, 0x80, 0x80, 0x80], 0], // no such lead byte
      [[0x61, 0xe2, 0x82], 1], // cut short at the end
      [[0xc3, 0xa9, 0xff], 2], // after a valid "é"
    ];
    for (const [sequence, offset] of cases) {
      assert.equal(firstInvalidUtf8(new Uint8Array(sequence)), offset, sequence.join(","));
    }
    const file = new Uint8Array([...bytes('{\n  "title": "caf'), 0xe9, ...bytes('"\n}')]);
    const error = refusal(file);
    assert.equal(error.code, "NOT_UTF8");
    assert.deepEqual(error.details, [
      "f.json:2:16: byte 17 (0xe9) does not begin a well-formed UTF-8 sequence; save the file as UTF-8",
    ]);
  });

  it("locates the first invalid byte exactly where Node's own check says the text stops being UTF-8", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (sample) => {
        const at = firstInvalidUtf8(sample);
        if (at === undefined) {
          assert.doesNotThrow(() => new TextDecoder("utf-8", { fatal: true }).decode(sample));
        } else {
          assert.throws(() => new TextDecoder("utf-8", { fatal: true }).decode(sample));
          // Everything before it decodes; the sequence starting there does not.
          assert.doesNotThrow(() =>
            new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, at)),
          );
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses what is not strict JSON, with line and column", () => {
    for (const [text, where] of [
      ['{\n  "a": 1,\n}', "f.json:3:1"],
      ['{"a": 01}', "f.json:1:7"],
      ["{'a': 1}", "f.json:1:2"],
      ['{"a": 1} extra', "f.json:1:10"],
      ['{"a": 1 /* note */}', "f.json:1:9"],
      ['{"a": ', "f.json"],
    ] as const) {
      const error = refusal(text);
      assert.equal(error.code, "NOT_JSON", text);
      assert.ok(error.details[0]!.startsWith(`${where}`), `${text}: ${error.details[0]}`);
    }
  });

  it("refuses a member name given twice in one object, at any depth, naming both places", () => {
    const error = refusal('{\n  "a": 1,\n  "b": {"c": 2, "c": 3},\n  "a": [{"d": 1, "d": 1}]\n}');
    assert.equal(error.code, "DUPLICATE_KEY");
    assert.deepEqual(error.details, [
      "f.json:3:17: b.c: duplicate member name (first at 3:9); JSON.parse would keep only the last",
      "f.json:4:3: a: duplicate member name (first at 2:3); JSON.parse would keep only the last",
      "f.json:4:18: a[0].d: duplicate member name (first at 4:10); JSON.parse would keep only the last",
    ]);
    // The same name in different objects is fine.
    assert.deepEqual(parseJsonBytes(bytes('{"a": {"x": 1}, "b": {"x": 2}}'), "f.json"), {
      a: { x: 1 },
      b: { x: 2 },
    });
  });

  it("reads a file, refusing one that is missing or larger than the bound before reading it", () => {
    const dir = mkdtempSync(join(tmpdir(), "strict-json-"));
    try {
      const file = join(dir, "big.json");
      writeFileSync(file, JSON.stringify({ field: "x".repeat(5000) }));
      assert.deepEqual(Object.keys(readJsonFile(file) as object), ["field"]);
      assert.throws(
        () => readJsonFile(file, 1000),
        (error: JsonFileError) =>
          error.code === "TOO_LARGE" &&
          error.details[0] ===
            `${file}: 5012 bytes, more than the 1000 a file of this kind may have`,
      );
      assert.throws(
        () => readJsonFile(join(dir, "absent.json")),
        (error: JsonFileError) => error.code === "NOT_FOUND",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("bounds every echoed value", () => {
    assert.equal(boundedText("short"), "short");
    assert.equal(boundedText("x".repeat(130)), `${"x".repeat(120)}… (10 more characters)`);
    assert.equal(formatJsonPath(["modules", "a b", 0, "x"]), 'modules["a b"][0].x');
    assert.ok(formatJsonPath(["k".repeat(10_000) + " "]).length < 100);
  });
});
