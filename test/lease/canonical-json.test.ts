// RFC 8785 canonicalisation: member order by UTF-16 code units, string escapes, ECMAScript number
// forms, nesting, and the inputs that have no canonical form.
import assert from "node:assert/strict";

import { canonicalize, CanonicalJsonError } from "../../consent/canonical-json.ts";

describe("canonical JSON (RFC 8785)", () => {
  it("sorts members by name at every depth and keeps array order", () => {
    assert.equal(
      canonicalize({ b: [3, 1, { z: null, a: true }], a: { d: false, c: "x" } }),
      '{"a":{"c":"x","d":false},"b":[3,1,{"a":true,"z":null}]}',
    );
    assert.equal(canonicalize({}), "{}");
    assert.equal(canonicalize([]), "[]");
  });

  it("orders names by UTF-16 code units, not code points or locale", () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 although its code point is higher.
    const names = ["\ufb33", "\u{1f600}", "\u20ac", "\u00f6", "\u0080", "1", "\r", "Z", "a"];
    const object = Object.fromEntries(names.map((name, i) => [name, i]));
    // (Object.keys would list the integer-like "1" first whatever the text says: compare the text.)
    const sorted = ["\r", "1", "Z", "a", "\u0080", "\u00f6", "\u20ac", "\u{1f600}", "\ufb33"];
    const expected = sorted.map((name) => `${JSON.stringify(name)}:${names.indexOf(name)}`);
    assert.equal(canonicalize(object), `{${expected.join(",")}}`);
  });

  it("writes non-ASCII verbatim and escapes only what JSON must", () => {
    assert.equal(canonicalize("€ö😀 ü"), '"€ö😀 ü"');
    assert.equal(canonicalize('"\\/'), '"\\"\\\\/"', "solidus is not escaped");
    assert.equal(canonicalize("\b\t\n\f\r"), '"\\b\\t\\n\\f\\r"');
    assert.equal(
      canonicalize("\u0000\u001f\u007f"),
      '"\\u0000\\u001f\u007f"',
      "lowercase hex; DEL verbatim",
    );
  });

  it("writes numbers in ECMAScript's shortest round-trip form", () => {
    const cases: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [1, "1"],
      [-1.5, "-1.5"],
      [4.5, "4.5"],
      [0.002, "0.002"],
      [1e-7, "1e-7"],
      [1e21, "1e+21"],
      [1e20, "100000000000000000000"],
      [333333333.3333333, "333333333.3333333"],
      [Number.MAX_SAFE_INTEGER, "9007199254740991"],
      [Number.MIN_VALUE, "5e-324"],
    ];
    for (const [value, text] of cases) assert.equal(canonicalize(value), text, String(value));
    assert.equal(
      canonicalize(JSON.parse("1.000")),
      "1",
      "the file's spelling of a number does not count",
    );
  });

  it("is independent of how the source text was laid out", () => {
    const a = JSON.parse('{ "x" : [ 1 , 2 ],\n  "a": "\\u00e9" }');
    const b = JSON.parse('{"a":"é","x":[1,2]}');
    assert.equal(canonicalize(a), canonicalize(b));
  });

  it("refuses values with no canonical form, saying where", () => {
    const refuses = (value: unknown, path: (string | number)[], pattern: RegExp) =>
      assert.throws(
        () => canonicalize(value),
        (error: unknown) =>
          error instanceof CanonicalJsonError &&
          pattern.test(error.message) &&
          JSON.stringify(error.path) === JSON.stringify(path),
      );
    refuses({ a: [1, Number.NaN] }, ["a", 1], /not a JSON number/);
    refuses({ a: Infinity }, ["a"], /not a JSON number/);
    refuses({ s: "x\ud800y" }, ["s"], /lone surrogate U\+D800/);
    refuses({ s: "\udc00" }, ["s"], /lone surrogate U\+DC00/);
    refuses({ ["\ud83d"]: 1 }, [], /lone surrogate/);
    refuses({ f: () => 1 }, ["f"], /function is not a JSON value/);
    refuses({ u: undefined }, ["u"], /undefined is not a JSON value/);
  });
});
