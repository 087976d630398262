// Edits of a manifest's parameters, for drills and tests: picked generically from the module list
// (deploy/modules.ts), never by naming a module, so new modules join the drill by being declared.
import type { ModuleEntry } from "../deploy/modules.ts";

export interface ParameterChange {
  module: string;
  parameter: string;
  from: string;
  to: string;
  /** The on-chain integers. */
  fromValue: bigint;
  toValue: bigint;
}

/**
 * For each module, its first duration parameter doubled (halved when doubling leaves the bounds);
 * modules without a duration parameter are left alone. Returns a changed copy and the changes.
 */
export function changeFirstDurations(
  manifest: { modules: Record<string, Record<string, unknown>> },
  modules: readonly ModuleEntry[],
): { manifest: typeof manifest; changes: ParameterChange[] } {
  const copy = structuredClone(manifest);
  const changes: ParameterChange[] = [];
  for (const entry of modules) {
    const found = Object.entries(entry.parameters).find(([, spec]) => spec.unit === "duration");
    const values = copy.modules[entry.name];
    if (found === undefined || values === undefined) continue;
    const [name, spec] = found;
    const current = spec.schema.parse(values[name]);
    const doubled = current * 2n;
    const halved = current / 2n;
    const next =
      doubled <= spec.bounds.max ? doubled : halved >= spec.bounds.min ? halved : undefined;
    if (next === undefined || next === current) continue;
    values[name] = spec.format(next);
    changes.push({
      module: entry.name,
      parameter: name,
      from: spec.format(current),
      to: spec.format(next),
      fromValue: current,
      toValue: next,
    });
  }
  return { manifest: copy, changes };
}

export interface OwnerRotation {
  /** "ownersSafe", "guardians.0". */
  safe: string;
  from: string;
  to: string;
}

/**
 * For the owners' Safe and each guardian Safe that lists its owners, the first owner replaced by the
 * next of `fresh` (default: the local accounts after the highest "account:N" the manifest names).
 * Returns a changed copy and the rotations.
 */
export function rotateFirstOwners(
  manifest: {
    governance: { ownersSafe: { owners?: string[] }; guardians: { owners?: string[] }[] };
  },
  fresh?: readonly string[],
): { manifest: typeof manifest; rotations: OwnerRotation[] } {
  const copy = structuredClone(manifest);
  if (fresh === undefined) {
    const used = [...JSON.stringify(manifest).matchAll(/"account:(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    const next = Math.max(0, ...used) + 1;
    const count = 1 + copy.governance.guardians.length;
    fresh = Array.from({ length: count }, (_, i) => `account:${next + i}`);
  }
  const rotations: OwnerRotation[] = [];
  const safes = [
    ["ownersSafe", copy.governance.ownersSafe] as const,
    ...copy.governance.guardians.map((g, i) => [`guardians.${i}`, g] as const),
  ];
  for (const [safe, spec] of safes) {
    if (spec.owners === undefined || spec.owners.length === 0) continue;
    const to = fresh[rotations.length];
    if (to === undefined) throw new Error(`no fresh owner left for ${safe}`);
    rotations.push({ safe, from: spec.owners[0], to });
    spec.owners[0] = to;
  }
  return { manifest: copy, rotations };
}
