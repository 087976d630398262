// Splits one transaction's gas into the parts docs/gas.md reasons about (intrinsic and calldata,
// storage writes by kind, cold reads, cold accounts, logs, refund), from a debug_traceTransaction
// struct log. Used by `GAS_EXPLAIN=1 npm run gas` to show where a regression came from.

/** The fields of a struct log entry this reads (Hardhat's EDR and geth both give them). */
export interface StructLog {
  op: string;
  gasCost: number;
  depth: number;
  stack?: string[];
  refund?: number;
}

export interface GasBreakdown {
  gasUsed: number;
  /** 21,000 plus calldata: 4 per zero byte, 16 per nonzero byte. */
  intrinsic: number;
  /** SSTORE costs as charged, e.g. {"20000": 1, "2900": 3} (22100/5000/2200 include a cold read). */
  sstores: Record<string, number>;
  sstoreGas: number;
  coldSloads: number;
  warmSloads: number;
  sloadGas: number;
  /** Contracts first touched by this transaction (2,600 each instead of 100). */
  coldAccounts: number;
  logGas: number;
  /** Refund actually granted: the counter, capped at a fifth of the gas used before the refund. */
  refund: number;
  /** Everything else: computation, memory, call stipends and the warm part of calls. */
  other: number;
}

const ACCOUNT_OPS: Record<string, number> = {
  // position of the address from the top of the stack
  CALL: 1,
  CALLCODE: 1,
  STATICCALL: 1,
  DELEGATECALL: 1,
  BALANCE: 0,
  EXTCODESIZE: 0,
  EXTCODEHASH: 0,
  EXTCODECOPY: 0,
};

export function explainTrace(input: {
  structLogs: readonly StructLog[];
  gasUsed: number;
  calldata: string;
  /** Accounts warm from the start (EIP-2929/3651): sender, recipient, coinbase. */
  warmAccounts: readonly string[];
}): GasBreakdown {
  const { structLogs, gasUsed } = input;
  const bytes = Buffer.from(input.calldata.replace(/^0x/, ""), "hex");
  let intrinsic = 21_000;
  for (const byte of bytes) intrinsic += byte === 0 ? 4 : 16;

  const warm = new Set(input.warmAccounts.map(normaliseAddress));
  const sstores: Record<string, number> = {};
  let sstoreGas = 0;
  let coldSloads = 0;
  let warmSloads = 0;
  let sloadGas = 0;
  let coldAccounts = 0;
  let logGas = 0;
  let refundCounter = 0;

  for (const log of structLogs) {
    refundCounter = log.refund ?? refundCounter;
    if (log.op === "SSTORE") {
      sstores[log.gasCost] = (sstores[log.gasCost] ?? 0) + 1;
      sstoreGas += log.gasCost;
    } else if (log.op === "SLOAD") {
      if (log.gasCost >= 2_100) coldSloads++;
      else warmSloads++;
      sloadGas += log.gasCost;
    } else if (log.op.startsWith("LOG")) {
      logGas += log.gasCost;
    } else if (log.op in ACCOUNT_OPS && log.stack !== undefined) {
      const raw = log.stack[log.stack.length - 1 - ACCOUNT_OPS[log.op]];
      if (raw === undefined) continue;
      const address = normaliseAddress(raw);
      if (!warm.has(address) && !isPrecompile(address)) coldAccounts++;
      warm.add(address);
    }
  }

  // gasUsed = before - min(counter, before / 5), solved for the refund granted.
  const refund =
    refundCounter <= (gasUsed + refundCounter) / 5 ? refundCounter : Math.floor(gasUsed / 4);
  const other = gasUsed + refund - intrinsic - sstoreGas - sloadGas - coldAccounts * 2_600 - logGas;
  return {
    gasUsed,
    intrinsic,
    sstores,
    sstoreGas,
    coldSloads,
    warmSloads,
    sloadGas,
    coldAccounts,
    logGas,
    refund,
    other,
  };
}

/** One line per breakdown, for the console. */
export function formatBreakdown(b: GasBreakdown): string {
  const sstores = Object.entries(b.sstores)
    .sort(([a], [c]) => Number(c) - Number(a))
    .map(([cost, count]) => `${count}×${cost}`)
    .join(" + ");
  return [
    `intrinsic ${b.intrinsic}`,
    `SSTORE ${b.sstoreGas} (${sstores || "none"})`,
    `SLOAD ${b.sloadGas} (${b.coldSloads} cold, ${b.warmSloads} warm)`,
    `cold accounts ${b.coldAccounts}×2600`,
    `logs ${b.logGas}`,
    `other ${b.other}`,
    `refund −${b.refund}`,
  ].join(" | ");
}

function normaliseAddress(word: string): string {
  const value = BigInt(word.startsWith("0x") ? word : `0x${word}`) & ((1n << 160n) - 1n);
  return value.toString(16).padStart(40, "0");
}

function isPrecompile(address: string): boolean {
  return BigInt(`0x${address}`) <= 0x11n;
}
