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
    .addFlag({
      name: "noCompile",
      description:
        "Use the compiled artifacts as they are (skip Hardhat's build, as `hardhat run --no-compile` does)",
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
    .addOption({
      name: "rpcTimeout",
      description: "Seconds any one RPC request may take before the run gives up (default 30)",
      defaultValue: "",
    })
    .setAction(() => import("./deploy-system.ts"))
    .build(),
  task(
    "owner:doctor",
    "Check the deployed system against config/<network>.json, live from chain: authority and parameters (exit 0 holds, 1 drift, 2 could not check)",
  )
    .addFlag({ name: "json", description: "Print the report as JSON (for programs)" })
    .addFlag({
      name: "html",
      description:
        "Also write reports/<network>/status.html: a self-contained status page (authority graph, checks, pause states, timelock queue)",
    })
    .addOption({
      name: "manifest",
      description: "Manifest file (default: config/<network>.json)",
      defaultValue: "",
    })
    .addOption({
      name: "deployment",
      description: "Deployment record (default: config/deployments/<network>.json)",
      defaultValue: "",
    })
    .addOption({
      name: "reportsDir",
      description: "Where <network>/doctor.md and doctor.json are written (default: reports)",
      defaultValue: "",
    })
    .addOption({
      name: "rpcTimeout",
      description: "Seconds any one RPC request may take before the run gives up (default 30)",
      defaultValue: "",
    })
    .addOption({
      name: "logRange",
      description:
        "Largest eth_getLogs range in blocks when reading the timelock queue (default: 2000)",
      defaultValue: "",
    })
    .addOption({
      name: "staleAfter",
      description:
        "Warn about an operation Ready but not executed for longer than this (default: 7d)",
      defaultValue: "",
    })
    .setAction(() => import("./owner-doctor.ts"))
    .build(),
  task(
    "owner:verify-batch",
    "What a Safe Transaction Builder file does, before a signer signs it: checksum, hashes at a nonce, every call decoded, simulation, risks (exit 0 verified, 1 risks to review, 2 do not sign)",
  )
    .addVariadicArgument({ name: "files", description: "Transaction Builder JSON files" })
    .addOption({
      name: "nonce",
      description: "The Safe nonce to compute the hashes at (default: the Safe's next nonce)",
      defaultValue: "",
    })
    .addOption({
      name: "out",
      description: "Write one Markdown signer page per file into this directory",
      defaultValue: "",
    })
    .addOption({
      name: "manifest",
      description: "Manifest file (default: config/<network>.json)",
      defaultValue: "",
    })
    .addOption({
      name: "deployment",
      description: "Deployment record (default: config/deployments/<network>.json)",
      defaultValue: "",
    })
    .setAction(() => import("./owner-verify-batch.ts"))
    .build(),
  task(
    "owner:system-pause",
    "Show, pause or unpause every module through SystemPause (dry run unless --execute)",
  )
    .addFlag({
      name: "json",
      description: "Print the result as JSON on stdout (the text goes to stderr)",
    })
    .addOption({
      name: "action",
      description: "status | pause | unpause",
      defaultValue: "status",
    })
    .addFlag({
      name: "execute",
      description:
        "Send the transactions (pause: as a guardian; unpause: through the timelock, development chains only)",
    })
    .addOption({
      name: "safeOut",
      description: "Write Safe Transaction Builder batches to this directory instead of sending",
      defaultValue: "",
    })
    .addOption({
      name: "nonce",
      description:
        "With --safe-out: the Safe nonce of the first file, as N (every Safe) or 0xSafe=N,0xOther=M (default: each Safe's next nonce, assuming nothing is queued)",
      defaultValue: "",
    })
    .addOption({
      name: "deployment",
      description: "Deployment record (default: config/deployments/<network>.json)",
      defaultValue: "",
    })
    .addOption({
      name: "rpcTimeout",
      description: "Seconds any one RPC request may take before the run gives up (default 30)",
      defaultValue: "",
    })
    .setAction(() => import("./owner-system-pause.ts"))
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
  task(
    "owner:update-all",
    "Diff every parameter and governance setting against config/<network>.json and fix the drift: dry run by default, --safe-out writes Safe batches, --execute sends (exit 0 nothing left, 1 drift, 2 could not act)",
  )
    .addFlag({
      name: "json",
      description: "Print the result as JSON on stdout (the text goes to stderr)",
    })
    .addFlag({
      name: "execute",
      description:
        "Send: calls the connected account may make, and on development chains the Safe and timelock steps with the node's keys",
    })
    .addOption({
      name: "safeOut",
      description: "Write Safe Transaction Builder batches to this directory instead of sending",
      defaultValue: "",
    })
    .addFlag({
      name: "allowGovernanceChange",
      description:
        "Plan a change that breaks a lockout rule (the owners' Safe loses a timelock role, a Safe's threshold exceeds its owners, an admin stays, no guardian is left); the rule is printed first",
    })
    .addOption({
      name: "nonce",
      description:
        "With --safe-out: the Safe nonce of the first file, as N (every Safe) or 0xSafe=N,0xOther=M (default: each Safe's next nonce, assuming nothing is queued)",
      defaultValue: "",
    })
    .addOption({
      name: "only",
      description:
        "Only these subjects (comma-separated: module names, SystemPause, MandateTimelock, OwnersSafe, Guardian0)",
      defaultValue: "",
    })
    .addOption({
      name: "skip",
      description: "Leave out these subjects (comma-separated)",
      defaultValue: "",
    })
    .addOption({
      name: "manifest",
      description: "Manifest file (default: config/<network>.json)",
      defaultValue: "",
    })
    .addOption({
      name: "deployment",
      description: "Deployment record (default: config/deployments/<network>.json)",
      defaultValue: "",
    })
    .addOption({
      name: "reportsDir",
      description: "Where <network>/receipts/*.jsonl are written (default: reports)",
      defaultValue: "",
    })
    .addOption({
      name: "rpcTimeout",
      description: "Seconds any one RPC request may take before the run gives up (default 30)",
      defaultValue: "",
    })
    .setAction(() => import("./owner-update-all.ts"))
    .build(),
  task(
    "owner:watch",
    "Follow the chain and alert on authority changes, pauses, timelock operations and drift from config/<network>.json, each alert once (reports/<network>/watch/)",
  )
    .addOption({
      name: "confirmations",
      description:
        "Blocks a block must be buried under before it is processed (default: 0 on chain 31337, 12 elsewhere)",
      defaultValue: "",
    })
    .addOption({
      name: "logRange",
      description: "Largest eth_getLogs range in blocks (default: 2000)",
      defaultValue: "",
    })
    .addOption({
      name: "diffEvery",
      description: "Run the doctor's diff at least every N blocks (default: 100)",
      defaultValue: "",
    })
    .addOption({
      name: "poll",
      description:
        "Milliseconds between polls of the head (default: 500 on chain 31337, 4000 elsewhere)",
      defaultValue: "",
    })
    .addOption({
      name: "fromBlock",
      description:
        "Where a first start begins (default: the confirmed head); ignored when a checkpoint exists",
      defaultValue: "",
    })
    .addOption({
      name: "untilBlock",
      description: "Stop once this block is processed",
      defaultValue: "",
    })
    .addFlag({ name: "once", description: "Stop once caught up with the confirmed head" })
    .addOption({
      name: "jsonl",
      description: "Also append every alert to this JSON-lines file",
      defaultValue: "",
    })
    .addOption({
      name: "webhook",
      description:
        "POST every alert as JSON to this URL (retried; queued on disk while it is down)",
      defaultValue: "",
    })
    .addOption({
      name: "manifest",
      description: "Manifest file (default: config/<network>.json)",
      defaultValue: "",
    })
    .addOption({
      name: "deployment",
      description: "Deployment record (default: config/deployments/<network>.json)",
      defaultValue: "",
    })
    .addOption({
      name: "reportsDir",
      description: "Where <network>/watch/ is kept (default: reports)",
      defaultValue: "",
    })
    .setAction(() => import("./owner-watch.ts"))
    .build(),
  task(
    "owner:drill",
    "The owner life cycle end to end on the in-process chain: deploy, doctor, update-all Safe batches signed by 3 owners, timelock, pause, unpause, doctor (reports/hardhat/drill/)",
  )
    .addOption({
      name: "reportsDir",
      description: "Where <network>/drill/ is written (default: reports)",
      defaultValue: "",
    })
    .addFlag({
      name: "noCompile",
      description:
        "Use the compiled artifacts as they are (skip Hardhat's build, as `hardhat run --no-compile` does)",
    })
    .setAction(() => import("./owner-drill.ts"))
    .build(),
];
