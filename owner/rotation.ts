// Key rotation of a Safe, planned from the manifest (pure): the Safe's own calls that turn its owner
// list and threshold as read on chain into the manifest's. Swaps first (a departing signer replaced in
// place), then additions or removals, the threshold carried by each call so that it never exceeds the
// number of owners and never drops below the lower of the current and the target threshold. The
// linked-list `prevOwner` of each call comes from the owner list as it will be at that step, starting
// from `getOwners()` at the pinned block (the Safe returns its list in linked order).
import { getAddress } from "ethers";

/** The Safe's linked-list head (`SENTINEL_OWNERS` in OwnerManager): the prevOwner of the first owner. */
export const SENTINEL_OWNERS = "0x0000000000000000000000000000000000000001";

export type RotationStep =
  | { kind: "swapOwner"; prevOwner: string; oldOwner: string; newOwner: string }
  | { kind: "addOwnerWithThreshold"; owner: string; threshold: number }
  | { kind: "removeOwner"; prevOwner: string; owner: string; threshold: number }
  | { kind: "changeThreshold"; threshold: number };

export interface SafeOwnerState {
  /** In `getOwners()` order (linked order from the sentinel). */
  owners: string[];
  threshold: number;
}

export class RotationError extends Error {
  override name = "RotationError";
}

const key = (a: string) => a.toLowerCase();

/** The ABI arguments of a step, as the diff's planned call carries them (integers as decimal strings). */
export function rotationArgs(step: RotationStep): string[] {
  switch (step.kind) {
    case "swapOwner":
      return [step.prevOwner, step.oldOwner, step.newOwner];
    case "addOwnerWithThreshold":
      return [step.owner, String(step.threshold)];
    case "removeOwner":
      return [step.prevOwner, step.owner, String(step.threshold)];
    case "changeThreshold":
      return [String(step.threshold)];
  }
}

/**
 * The steps from `current` to `target` (owners as a set; threshold default: the current one). Throws
 * RotationError when the target cannot be a Safe (no owners, a repeated owner, a threshold outside
 * 1..owners).
 */
export function planOwnerRotation(
  current: SafeOwnerState,
  target: { owners: readonly string[]; threshold?: number },
): RotationStep[] {
  const want = target.owners.map((a) => getAddress(a));
  const finalThreshold = target.threshold ?? current.threshold;
  if (want.length === 0) throw new RotationError("a Safe needs at least one owner");
  if (new Set(want.map(key)).size !== want.length)
    throw new RotationError(`an owner is named twice: ${want.join(", ")}`);
  if (finalThreshold < 1 || finalThreshold > want.length)
    throw new RotationError(
      `threshold ${finalThreshold} is outside 1..${want.length} (the number of owners the manifest names)`,
    );
  const list = current.owners.map((a) => getAddress(a));
  const wanted = new Set(want.map(key));
  const present = new Set(list.map(key));
  const leaving = list.filter((a) => !wanted.has(key(a)));
  const joining = want.filter((a) => !present.has(key(a)));
  const floor = Math.min(current.threshold, finalThreshold);
  const ceiling = Math.max(current.threshold, finalThreshold);
  const prevOf = (owner: string) => {
    const i = list.findIndex((a) => key(a) === key(owner));
    return i === 0 ? SENTINEL_OWNERS : list[i - 1];
  };
  const steps: RotationStep[] = [];
  let threshold = current.threshold;
  const pairs = Math.min(leaving.length, joining.length);
  for (let i = 0; i < pairs; i++) {
    const [oldOwner, newOwner] = [leaving[i], joining[i]];
    steps.push({ kind: "swapOwner", prevOwner: prevOf(oldOwner), oldOwner, newOwner });
    list[list.findIndex((a) => key(a) === key(oldOwner))] = newOwner; // same place in the list
  }
  const adds = joining.slice(pairs);
  adds.forEach((owner, i) => {
    // Keep the threshold until the last addition, which sets the target (owners are then all there).
    threshold = i === adds.length - 1 ? finalThreshold : threshold;
    steps.push({ kind: "addOwnerWithThreshold", owner, threshold });
    list.unshift(owner); // the Safe links a new owner at the head
  });
  const removes = leaving.slice(pairs);
  removes.forEach((owner, i) => {
    const after = list.length - 1;
    // Never more than the owners left, never less than the lower of the two thresholds.
    threshold =
      i === removes.length - 1 ? finalThreshold : Math.max(floor, Math.min(ceiling, after));
    steps.push({ kind: "removeOwner", prevOwner: prevOf(owner), owner, threshold });
    list.splice(
      list.findIndex((a) => key(a) === key(owner)),
      1,
    );
  });
  if (threshold !== finalThreshold)
    steps.push({ kind: "changeThreshold", threshold: finalThreshold });
  return steps;
}

/**
 * What the Safe does with a step (OwnerManager 1.4.1's checks and linked-list updates), for tests and
 * for describing intermediate states: throws with the Safe's error code when the Safe would revert.
 */
export function applyRotationStep(
  state: SafeOwnerState,
  step: RotationStep,
  safe = "0x000000000000000000000000000000000000dEaD",
): SafeOwnerState {
  const owners = [...state.owners];
  const index = (a: string) => owners.findIndex((o) => key(o) === key(a));
  const checkNew = (a: string) => {
    if ([key(SENTINEL_OWNERS), key(safe), "0x" + "0".repeat(40)].includes(key(a)))
      throw new RotationError(`GS203: invalid owner ${a}`);
    if (index(a) >= 0) throw new RotationError(`GS204: ${a} is an owner already`);
  };
  const checkPrev = (prev: string, owner: string) => {
    const i = index(owner);
    if (i < 0 || key(i === 0 ? SENTINEL_OWNERS : owners[i - 1]) !== key(prev))
      throw new RotationError(`GS205: ${prev} does not point to ${owner}`);
  };
  const checkThreshold = (t: number, count: number) => {
    if (t > count) throw new RotationError(`GS201: threshold ${t} above ${count} owners`);
    if (t < 1) throw new RotationError("GS202: threshold below 1");
  };
  switch (step.kind) {
    case "swapOwner":
      checkNew(step.newOwner);
      checkPrev(step.prevOwner, step.oldOwner);
      owners[index(step.oldOwner)] = step.newOwner;
      return { owners, threshold: state.threshold };
    case "addOwnerWithThreshold":
      checkNew(step.owner);
      owners.unshift(step.owner);
      checkThreshold(step.threshold, owners.length);
      return { owners, threshold: step.threshold };
    case "removeOwner":
      checkThreshold(step.threshold, owners.length - 1);
      checkPrev(step.prevOwner, step.owner);
      owners.splice(index(step.owner), 1);
      return { owners, threshold: step.threshold };
    case "changeThreshold":
      checkThreshold(step.threshold, owners.length);
      return { owners, threshold: step.threshold };
  }
}
