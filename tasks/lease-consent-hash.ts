// `npx hardhat lease:consent-hash <file> [--json]`: prints the manifest's consent hash on stdout, or
// every problem (file, JSON path, expected against found) on stderr and exits non-zero. The work is
// consent/consent-hash.ts.

import { errorResult, successfulResult } from "hardhat/utils/result";

import { hashConsentManifestFile, ConsentManifestError } from "../consent/consent-hash.ts";

interface ConsentHashArgs {
  file: string;
  json: boolean;
}

export default async function consentHashTask(args: ConsentHashArgs) {
  try {
    const result = hashConsentManifestFile(args.file);
    console.log(
      args.json
        ? JSON.stringify(
            { file: args.file, hash: result.hash, canonical: result.canonical },
            null,
            2,
          )
        : result.hash,
    );
    return successfulResult(result.hash);
  } catch (error) {
    if (!(error instanceof ConsentManifestError)) throw error;
    console.error(`lease:consent-hash failed [${error.code}]: ${error.message}`);
    return errorResult(error);
  }
}
