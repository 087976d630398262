import type { Strategy } from "./types.ts";

// Lists its data product at the going price and keeps it there; never revokes a running lease;
// settles each lease once its dispute window has closed.
export const honestEarner: Strategy = {
  name: "honest-earner",
  role: "earner",
  behaviour:
    "Lists a data product at the going price and keeps it; lets every lease run its term and settles it when its dispute window closes.",
  asks: () => "going",
  revokes: () => false,
};
