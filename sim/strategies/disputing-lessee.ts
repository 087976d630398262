import type { Strategy } from "./types.ts";

// Leases like an honest lessee, then disputes every lease whose term has ended (or was revoked),
// without cause, betting that a wrong or silent ruling refunds what it owes the earner.
export const disputingLessee: Strategy = {
  name: "disputing-lessee",
  role: "lessee",
  behaviour:
    "Leases like an honest lessee, then disputes every lease once its term ends, without cause, betting on a wrong or silent ruling to refund what it owes.",
  disputesLease: () => true,
};
