// The consent manifest of a data product: what a lessee may and may not do with the data, for how
// long, where, and how consent is revoked. This zod schema is the source of truth; the JSON Schema in
// config/schemas/consent-manifest.schema.json is generated from it (scripts/write-consent-schema.ts).
// See docs/consent-manifests.md.
import { getAddress, isAddress } from "ethers";
import { z } from "zod";

import { boundedText } from "../../lib/json.ts";

/** The manifest format this schema describes (`manifestVersion`). */
export const MANIFEST_VERSION = 1;

/** Uses of data, one vocabulary for what is allowed (`purposes`) and what is not (`prohibitedUses`). */
export const DATA_USES = [
  "academic-research",
  "commercial-research",
  "analytics",
  "product-improvement",
  "model-training",
  "public-health",
  "advertising",
  "advertising-targeting",
  "automated-decision-making",
  "re-identification",
  "resale",
  "law-enforcement",
  "surveillance",
] as const;

/** Kinds of personal data a product may contain. */
export const DATA_CATEGORIES = [
  "location",
  "health",
  "fitness",
  "browsing",
  "purchases",
  "financial",
  "social",
  "demographic",
  "sensor",
  "biometric",
] as const;

const dataUse = z.enum(DATA_USES);
const dataCategory = z.enum(DATA_CATEGORIES);

/** An EVM address written in its EIP-55 checksummed form only, so that an address hashes one way. */
const checksummedAddress = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, { error: "expected a 0x-prefixed 20-byte hex address" })
  .refine((value) => isAddress(value) && getAddress(value) === value, {
    error: (issue) =>
      `expected the EIP-55 checksummed form ${safeChecksum(issue.input)}, found ${boundedText(JSON.stringify(issue.input))}`,
  });

function safeChecksum(value: unknown): string {
  try {
    return JSON.stringify(getAddress(String(value).toLowerCase()));
  } catch {
    return "of the address";
  }
}

/**
 * Cross-checks run even when other parts of the manifest failed (zod skips them by default), so that
 * one run reports every problem; they therefore read their input defensively.
 */
const ALWAYS = { when: () => true };

/** A list whose items must be distinct; each repeat is reported at its own index. */
function distinct<T extends z.ZodType<string>>(item: T) {
  return z.array(item).superRefine((items, ctx) => {
    if (!Array.isArray(items)) return;
    const seen = new Map<unknown, number>();
    items.forEach((value: unknown, index) => {
      const first = seen.get(value);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [index],
          input: value,
          message: `expected distinct items, found ${JSON.stringify(value)} again (first at [${first}])`,
        });
      } else seen.set(value, index);
    });
  }, ALWAYS);
}

/**
 * One spelling per instant, so one moment hashes one way: UTC (`Z`, no offset), to the second (no
 * fraction). `2025-01-31T12:00:00.000Z` and `2025-01-31T13:00:00+01:00` are refused.
 */
const RFC3339_UTC =
  "an RFC 3339 UTC date-time to the second such as 2025-01-31T12:00:00Z (no fraction, no offset)";

export const consentManifestSchema = z
  .strictObject({
    manifestVersion: z.literal(MANIFEST_VERSION),
    dataProduct: z.strictObject({
      id: z
        .string()
        .max(64)
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
          error: "expected a lowercase slug such as fitness-traces-eu",
        }),
      title: z.string().min(1).max(200),
      dataCategories: distinct(dataCategory).min(1),
    }),
    earner: checksummedAddress,
    chainId: z.number().int().min(1),
    purposes: distinct(dataUse).min(1),
    prohibitedUses: distinct(dataUse),
    retention: z.strictObject({
      maxDays: z.number().int().min(0).max(3_650),
      deleteAtLeaseEnd: z.boolean(),
    }),
    jurisdictions: distinct(
      z.string().regex(/^[A-Z]{2}$/, {
        error: "expected an ISO 3166-1 alpha-2 country code such as DE",
      }),
    ).min(1),
    revocation: z.strictObject({
      refund: z.literal("pro-rata"),
      deleteWithinDays: z.number().int().min(0).max(90),
    }),
    revision: z.number().int().min(1),
    issuedAt: z.iso.datetime({ precision: 0, error: `expected ${RFC3339_UTC}` }),
    expiresAt: z.iso.datetime({ precision: 0, error: `expected ${RFC3339_UTC}` }).optional(),
  })
  .superRefine((manifest, ctx) => {
    for (const issue of crossFieldIssues(manifest)) ctx.addIssue({ code: "custom", ...issue });
  }, ALWAYS);

export interface CrossFieldIssue {
  path: (string | number)[];
  input: unknown;
  message: string;
}

/**
 * The rules between fields: no purpose also prohibited, expiry after issue. Exported because zod skips
 * refinements after a fatal issue elsewhere (a non-integer number), and the command still reports
 * these; it reads raw input defensively for the same reason.
 */
export function crossFieldIssues(data: unknown): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  if (typeof data !== "object" || data === null) return issues;
  const manifest = data as Record<string, unknown>;
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const prohibited = new Set(list(manifest.prohibitedUses));
  list(manifest.purposes).forEach((purpose, index) => {
    if (prohibited.has(purpose))
      issues.push({
        path: ["purposes", index],
        input: purpose,
        message: `expected a purpose that is not also in prohibitedUses, found ${JSON.stringify(purpose)} in both`,
      });
  });
  const { issuedAt, expiresAt } = manifest;
  if (
    typeof issuedAt === "string" &&
    typeof expiresAt === "string" &&
    Date.parse(expiresAt) <= Date.parse(issuedAt)
  ) {
    issues.push({
      path: ["expiresAt"],
      input: expiresAt,
      message: `expected a time after issuedAt (${issuedAt}), found ${JSON.stringify(expiresAt)}`,
    });
  }
  return issues;
}

export type ConsentManifest = z.output<typeof consentManifestSchema>;

/**
 * The JSON Schema of a manifest file (draft 2020-12), for editors and other languages' validators.
 * Checksums, distinct items and the cross-field rules have no JSON Schema form here; the zod schema
 * (what the command runs) checks them.
 */
export function consentManifestJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(consentManifestSchema, { io: "input" }) as Record<string, unknown>),
    title: "Mandate consent manifest",
    description:
      "What a lessee may do with a data product's data. Hashed as keccak256 of its RFC 8785 canonical form; see docs/consent-manifests.md.",
  };
}
