// Every Mandate task, declared here and implemented in its own module (loaded only when run).
import { task } from "hardhat/config";
import type { TaskDefinition } from "hardhat/types/tasks";

export const mandateTasks: TaskDefinition[] = [
  task(
    "deploy:system",
    "Deploy the whole Mandate system, governed by the timelock, and record it in config/deployments/<network>.json",
  )
    .addFlag({
      name: "force",
      description: "Overwrite an existing config/deployments/<network>.json (deploys a new system)",
    })
    .addOption({
      name: "deploymentsDir",
      description: "Directory of the deployment record (default: config/deployments)",
      defaultValue: "",
    })
    .addOption({
      name: "configFile",
      description: "Network configuration (default: config/<network>.json)",
      defaultValue: "",
    })
    .setAction(() => import("./deploy-system.ts"))
    .build(),
  task(
    "lease:consent-hash",
    "Validate a consent manifest and print its hash (keccak256 of its RFC 8785 canonical JSON), the consentHash a LeaseAgreement product stores",
  )
    .addPositionalArgument({
      name: "file",
      description: "The consent manifest (JSON), e.g. config/examples/consent.json",
    })
    .addFlag({
      name: "json",
      description: "Print { file, hash, canonical } as JSON instead of the hash alone",
    })
    .setAction(() => import("./lease-consent-hash.ts"))
    .build(),
];
