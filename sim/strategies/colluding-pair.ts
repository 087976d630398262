import type { Strategy } from "./types.ts";

export const colludingPair: Strategy = {
  name: "colluding-pair",
  role: "pair",
  behaviour:
    "An employer and an agent under one owner farm the agent's reputation: the employer posts small jobs only its partner takes, the partner submits at once and the employer accepts, several times an epoch.",
};
