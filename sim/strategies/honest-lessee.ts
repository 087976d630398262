import type { Strategy } from "./types.ts";

// Leases its earner's product without a break (a new lease when the running one ends or is revoked,
// up to its budget), pays as agreed and never disputes.
export const honestLessee: Strategy = {
  name: "honest-lessee",
  role: "lessee",
  behaviour:
    "Leases its earner's data product without a break, at the listed price up to its budget, and never disputes.",
  disputesLease: () => false,
};
