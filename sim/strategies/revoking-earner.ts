import type { Strategy } from "./types.ts";

// Holds its lessees up. The contract lets an earner revoke consent at any time for only a pro-rata
// refund, so a running term's price binds the earner no longer than it likes: once a lessee depends
// on its data (a lease runs, or was just revoked) it asks the scenario's hold-up price and revokes
// every running lease priced below that, leaving the lessee to lease again at the new price; when
// no lessee depends on it (a term about to end) it asks the going price, to be leased again. It
// settles its leases like anyone.
export const revokingEarner: Strategy = {
  name: "revoking-earner",
  role: "earner",
  behaviour:
    "Lists at the going price; once a lease runs, raises the price to its hold-up price and revokes the running lease, so that its lessee leases again at the higher price.",
  asks: (lesseeDepends) => (lesseeDepends ? "hold-up" : "going"),
  revokes: (lease) => lease.listedPerSecond > lease.pricePerSecond,
};
