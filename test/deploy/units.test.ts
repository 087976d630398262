// Exact human units of the configuration files: decimals (points, token amounts) and shares.
import assert from "node:assert/strict";

import {
  AmountError,
  formatDecimal,
  formatShare,
  DurationError,
  parseDecimal,
  parseDuration,
  parseShare,
} from "../../deploy/config/units.ts";

describe("decimal amounts", () => {
  it("scales whole and fractional values exactly", () => {
    assert.equal(parseDecimal("1000", 18), 1000n * 10n ** 18n);
    assert.equal(parseDecimal("2.5", 18), 25n * 10n ** 17n);
    assert.equal(parseDecimal(7, 6), 7_000_000n);
    assert.equal(parseDecimal("0.000001", 6), 1n);
    assert.equal(parseDecimal("1.50", 1), 15n, "trailing zeros beyond the decimals are exact");
  });

  it("refuses what it cannot represent exactly, and what is not a number", () => {
    assert.throws(
      () => parseDecimal("0.0000001", 6),
      (error: unknown) =>
        error instanceof AmountError && /more than 6 decimal places/.test(error.message),
    );
    for (const bad of ["", "-1", "1e18", "1,5", " ", "0x10", "1.2.3"]) {
      assert.throws(() => parseDecimal(bad, 18), AmountError, bad);
    }
    assert.throws(
      () => parseDecimal(1.5, 18),
      AmountError,
      "a non-integer JSON number is ambiguous",
    );
  });

  it("round-trips through its rendering", () => {
    for (const text of ["0", "1", "2.5", "1000", "0.000000000000000001", "123456789.987654321"]) {
      assert.equal(formatDecimal(parseDecimal(text, 18), 18), text);
    }
  });
});

describe("shares", () => {
  it("converts percentages to basis points exactly", () => {
    assert.equal(parseShare("2.5%"), 250n);
    assert.equal(parseShare("100%"), 10_000n);
    assert.equal(parseShare("0.01%"), 1n);
    assert.equal(parseShare("0%"), 0n);
    assert.equal(formatShare(250n), "2.5%");
  });

  it("refuses a share finer than one basis point or without a percent sign", () => {
    assert.throws(() => parseShare("0.001%"), /not a whole number of basis points/);
    assert.throws(() => parseShare("2.5"), /expected a share such as "2.5%"/);
  });
});

describe("values echoed back", () => {
  it('quotes a number as a number: a share written as 250 is not shown as the string "250"', () => {
    assert.throws(
      () => parseShare(250),
      (error: Error) =>
        error.message === 'expected a share such as "2.5%" (a string with %), found number 250',
    );
    assert.throws(() => parseShare("250"), /found "250"$/);
  });

  it("refuses numbers and durations longer than any uint256 before converting them, quoting 120 characters at most", () => {
    const huge = "9".repeat(5_000_000);
    assert.throws(
      () => parseDecimal(huge, 18),
      (error: Error) => error instanceof AmountError && error.message.length < 300,
    );
    assert.throws(
      () => parseDuration(`${huge}s`),
      (error: Error) =>
        error instanceof DurationError &&
        error.message.startsWith("expected a duration such as") &&
        error.message.length < 300,
    );
    assert.throws(() => parseDecimal(huge, 18), /expected at most 100 characters for a number/);
    // The largest uint256 still reads.
    const max = (2n ** 256n - 1n).toString();
    assert.equal(parseDecimal(max, 0), 2n ** 256n - 1n);
  });
});
