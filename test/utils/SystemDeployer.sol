// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DisputeModule} from "../../contracts/disputes/DisputeModule.sol";
import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {JobRegistry} from "../../contracts/jobs/JobRegistry.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";
import {SystemPause} from "../../contracts/pause/SystemPause.sol";
import {ReputationEngine} from "../../contracts/reputation/ReputationEngine.sol";
import {StakeManager} from "../../contracts/staking/StakeManager.sol";

import {Defaults} from "./Defaults.sol";

/// @title SystemDeployer
/// @notice The one place a Solidity test (unit base, integration, invariant suite) deploys Mandate.
/// It takes the steps of deploy/plan.ts for the governance core: every address predicted first, then
/// MandateTimelock (the owners' Safe its proposer and executor), the modules of deploy/modules.ts in
/// its order, each owned by the timelock and paused by SystemPause from its constructor and naming
/// the modules after it by their predicted addresses, then SystemPause registering every module.
/// Nothing is wired afterwards: there is no hand-over, as in the real deployment. The token and the
/// Safes are the caller's stand-ins (tests have no Safe suite). `describe` renders the steps so that
/// test/integration/DeploymentOrder.t.sol can compare them with the plan (test/fixtures/).
/// @dev Internal functions only: the creations run in the calling test contract, from its nonce.
library SystemDeployer {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @notice The initial parameters, as `config.modules` of a manifest holds them.
    struct Parameters {
        uint256 minDelay;
        uint256 unbondingPeriod;
        uint256 halfLife;
        uint256 scoreCap;
        DisputeModule.InitialParameters disputes;
        JobRegistry.InitialParameters jobs;
        LeaseParameters leases;
    }

    struct LeaseParameters {
        uint256 protocolFeeBps;
        uint256 disputeWindow;
        uint256 minLeaseDuration;
        uint256 maxLeaseDuration;
    }

    /// @notice The manifest's governance section: who the deployment names. The executors are the
    /// owners' Safe (`"executors": ["ownersSafe"]` in every manifest of config/).
    struct Config {
        IERC20 token;
        address ownersSafe;
        address[] guardians;
        address treasury;
        /// @dev DisputeModule's arbitrator.
        address arbitrator;
        Parameters params;
    }

    /// @notice What a module's constructor may use (ModuleContext in deploy/modules.ts).
    struct Context {
        Config config;
        address timelock;
        address systemPause;
        /// @dev The module list's names and predicted addresses, in deployment order.
        string[] names;
        address[] modules;
    }

    /// @notice One entry of a module list (ModuleEntry in deploy/modules.ts).
    struct Module {
        string name;
        bytes creationCode;
        function(Context memory) internal view returns (bytes memory) constructorArgs;
    }

    /// @notice One creation, as it was sent: the ABI-encoded constructor arguments and the address.
    struct Step {
        string name;
        bytes args;
        address created;
    }

    struct Deployment {
        MandateTimelock timelock;
        /// @dev In the order of the module list.
        address[] modules;
        SystemPause systemPause;
        Step[] steps;
    }

    /// @notice The system of deploy/modules.ts.
    struct System {
        MandateTimelock timelock;
        StakeManager stakeManager;
        ReputationEngine reputation;
        DisputeModule disputes;
        JobRegistry registry;
        LeaseAgreement leases;
        SystemPause systemPause;
        Step[] steps;
    }

    /// @notice A creation did not land at the address every constructor was given for it.
    error SystemDeployer_NotAtPredictedAddress(string name, address predicted, address created);
    /// @notice A module entry names a module that is not in the list.
    error SystemDeployer_UnknownModule(string name);

    // ---------------------------------------------------------------- deployment

    /// @notice Deploys the whole system of deploy/modules.ts.
    function deploySystem(Config memory config) internal returns (System memory system) {
        Deployment memory d = deploy(config, modules());
        system.timelock = d.timelock;
        system.stakeManager = StakeManager(d.modules[0]);
        system.reputation = ReputationEngine(d.modules[1]);
        system.disputes = DisputeModule(d.modules[2]);
        system.registry = JobRegistry(d.modules[3]);
        system.leases = LeaseAgreement(d.modules[4]);
        system.systemPause = d.systemPause;
        system.steps = d.steps;
    }

    /// @notice Deploys the timelock, `list` in order, then SystemPause registering every module of
    /// `list`, as planDeployment does for a module list. Unit tests pass their own list (a module with
    /// mocks around it); everything else uses `deploySystem`.
    function deploy(
        Config memory config,
        Module[] memory list
    ) internal returns (Deployment memory d) {
        Context memory context = _predict(config, list);
        d.steps = new Step[](list.length + 2);
        d.steps[0] = _create(
            "MandateTimelock",
            type(MandateTimelock).creationCode,
            abi.encode(config.params.minDelay, _one(config.ownersSafe), _one(config.ownersSafe)),
            context.timelock
        );
        for (uint256 i; i < list.length; ++i) {
            d.steps[1 + i] = _create(
                list[i].name,
                list[i].creationCode,
                list[i].constructorArgs(context),
                context.modules[i]
            );
        }
        d.steps[list.length + 1] = _create(
            "SystemPause",
            type(SystemPause).creationCode,
            abi.encode(context.timelock, context.modules, config.guardians),
            context.systemPause
        );
        d.timelock = MandateTimelock(payable(context.timelock));
        d.modules = context.modules;
        d.systemPause = SystemPause(context.systemPause);
    }

    /// @notice The predicted address of module `name` (ModuleContext.moduleAddress).
    function moduleAddress(
        Context memory context,
        string memory name
    ) internal pure returns (address) {
        for (uint256 i; i < context.names.length; ++i) {
            if (keccak256(bytes(context.names[i])) == keccak256(bytes(name))) {
                return context.modules[i];
            }
        }
        revert SystemDeployer_UnknownModule(name);
    }

    /// @notice A test deployment's governance section: the owners' Safe, one guardian, the test
    /// defaults (`defaultParameters`). Every base (unit, market, invariant) deploys with it.
    function testConfig(
        IERC20 token,
        address ownersSafe,
        address guardian,
        address treasury,
        address arbitrator
    ) internal pure returns (Config memory) {
        return
            Config({
                token: token,
                ownersSafe: ownersSafe,
                guardians: _one(guardian),
                treasury: treasury,
                arbitrator: arbitrator,
                params: defaultParameters()
            });
    }

    /// @notice StakeManager's constructor arguments in `c`, authorising `lockers` from the first
    /// block: the real system's JobRegistry, or a unit base's stand-in modules.
    function stakeManagerArgs(
        Context memory c,
        address[] memory lockers
    ) internal pure returns (bytes memory) {
        return
            abi.encode(
                c.timelock,
                c.systemPause,
                c.config.token,
                c.config.params.unbondingPeriod,
                lockers
            );
    }

    /// @notice The test defaults of test/utils/Defaults.sol (the values of config/hardhat.json).
    function defaultParameters() internal pure returns (Parameters memory) {
        return
            Parameters({
                minDelay: Defaults.TIMELOCK_DELAY,
                unbondingPeriod: Defaults.UNBONDING_PERIOD,
                halfLife: Defaults.HALF_LIFE,
                scoreCap: Defaults.SCORE_CAP,
                disputes: DisputeModule.InitialParameters({
                    minBond: Defaults.MIN_BOND,
                    bondShareBps: Defaults.BOND_SHARE_BPS,
                    disputeFeeBps: Defaults.DISPUTE_FEE_BPS,
                    rulingPeriod: Defaults.RULING_PERIOD,
                    defaultOutcome: Defaults.DEFAULT_OUTCOME
                }),
                jobs: JobRegistry.InitialParameters({
                    protocolFeeBps: Defaults.PROTOCOL_FEE_BPS,
                    reviewWindow: Defaults.REVIEW_WINDOW,
                    disputeWindow: Defaults.DISPUTE_WINDOW,
                    jobStake: Defaults.JOB_STAKE,
                    slashShareBps: Defaults.SLASH_SHARE_BPS,
                    minReputation: Defaults.MIN_REPUTATION,
                    reputationReward: Defaults.REPUTATION_REWARD,
                    reputationPenalty: Defaults.REPUTATION_PENALTY,
                    maxJobDuration: Defaults.MAX_JOB_DURATION,
                    reputationPrice: Defaults.REPUTATION_PRICE,
                    idleLimit: Defaults.IDLE_LIMIT,
                    ungatedReward: Defaults.UNGATED_REWARD
                }),
                leases: LeaseParameters({
                    protocolFeeBps: Defaults.LEASE_PROTOCOL_FEE_BPS,
                    disputeWindow: Defaults.LEASE_DISPUTE_WINDOW,
                    minLeaseDuration: Defaults.MIN_LEASE_DURATION,
                    maxLeaseDuration: Defaults.MAX_LEASE_DURATION
                })
            });
    }

    // ---------------------------------------------------------------- the modules of deploy/modules.ts

    /// @notice deploy/modules.ts's MODULES, in its order, each with the same constructor arguments.
    function modules() internal pure returns (Module[] memory list) {
        list = new Module[](5);
        list[0] = Module("StakeManager", type(StakeManager).creationCode, _stakeManagerArgs);
        list[1] = Module("ReputationEngine", type(ReputationEngine).creationCode, _reputationArgs);
        list[2] = Module("DisputeModule", type(DisputeModule).creationCode, _disputeArgs);
        list[3] = Module("JobRegistry", type(JobRegistry).creationCode, _registryArgs);
        list[4] = Module("LeaseAgreement", type(LeaseAgreement).creationCode, _leaseArgs);
    }

    /// @dev JobRegistry locks, releases and slashes stake: authorised by its predicted address.
    function _stakeManagerArgs(Context memory c) private pure returns (bytes memory) {
        return stakeManagerArgs(c, _one(moduleAddress(c, "JobRegistry")));
    }

    /// @dev JobRegistry raises and lowers agents' scores.
    function _reputationArgs(Context memory c) private pure returns (bytes memory) {
        return
            abi.encode(
                c.timelock,
                c.systemPause,
                c.config.params.halfLife,
                c.config.params.scoreCap,
                _one(moduleAddress(c, "JobRegistry"))
            );
    }

    /// @dev Its clients, JobRegistry and LeaseAgreement, by their predicted addresses.
    function _disputeArgs(Context memory c) private pure returns (bytes memory) {
        address[] memory clients = new address[](2);
        clients[0] = moduleAddress(c, "JobRegistry");
        clients[1] = moduleAddress(c, "LeaseAgreement");
        return
            abi.encode(
                c.timelock,
                c.systemPause,
                c.config.token,
                c.config.arbitrator,
                c.config.treasury,
                c.config.params.disputes,
                clients
            );
    }

    function _registryArgs(Context memory c) private pure returns (bytes memory) {
        return
            abi.encode(
                c.timelock,
                c.systemPause,
                c.config.treasury,
                moduleAddress(c, "StakeManager"),
                moduleAddress(c, "ReputationEngine"),
                moduleAddress(c, "DisputeModule"),
                c.config.params.jobs
            );
    }

    function _leaseArgs(Context memory c) private pure returns (bytes memory) {
        LeaseParameters memory p = c.config.params.leases;
        return
            abi.encode(
                c.timelock,
                c.systemPause,
                c.config.token,
                moduleAddress(c, "DisputeModule"),
                c.config.treasury,
                p.protocolFeeBps,
                p.disputeWindow,
                p.minLeaseDuration,
                p.maxLeaseDuration
            );
    }

    // ---------------------------------------------------------------- the steps as text

    /// @notice One line per creation: its name and, in argument order, every address its constructor
    /// was given, named (a step's name, or token, ownersSafe, guardian<i>, treasury, arbitrator, in
    /// that precedence). test/deploy/deployment-order.test.ts renders planDeployment's steps the same
    /// way into test/fixtures/deployment-order.txt.
    function describe(
        Step[] memory steps,
        Config memory config
    ) internal pure returns (string memory text) {
        (address[] memory known, string[] memory names) = _knownAddresses(steps, config);
        for (uint256 s; s < steps.length; ++s) {
            string memory line = string.concat(steps[s].name, "(");
            bytes memory args = steps[s].args;
            bool first = true;
            for (uint256 offset; offset + 32 <= args.length; offset += 32) {
                uint256 word;
                assembly ("memory-safe") {
                    word := mload(add(add(args, 0x20), offset))
                }
                for (uint256 k; word != 0 && k < known.length; ++k) {
                    if (word == uint256(uint160(known[k]))) {
                        line = string.concat(line, first ? "" : ", ", names[k]);
                        first = false;
                        break;
                    }
                }
            }
            text = string.concat(text, line, ")\n");
        }
    }

    function _knownAddresses(
        Step[] memory steps,
        Config memory config
    ) private pure returns (address[] memory known, string[] memory names) {
        uint256 count = steps.length + 4 + config.guardians.length;
        known = new address[](count);
        names = new string[](count);
        uint256 n;
        for (uint256 s; s < steps.length; ++s) {
            (known[n], names[n]) = (steps[s].created, steps[s].name);
            ++n;
        }
        (known[n], names[n]) = (address(config.token), "token");
        (known[n + 1], names[n + 1]) = (config.ownersSafe, "ownersSafe");
        n += 2;
        for (uint256 g; g < config.guardians.length; ++g) {
            (known[n], names[n]) = (config.guardians[g], string.concat("guardian", VM.toString(g)));
            ++n;
        }
        (known[n], names[n]) = (config.treasury, "treasury");
        (known[n + 1], names[n + 1]) = (config.arbitrator, "arbitrator");
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Every address before the first creation: the timelock, each module, SystemPause.
    function _predict(
        Config memory config,
        Module[] memory list
    ) private view returns (Context memory context) {
        uint256 nonce = VM.getNonce(address(this));
        context.config = config;
        context.timelock = VM.computeCreateAddress(address(this), nonce);
        context.names = new string[](list.length);
        context.modules = new address[](list.length);
        for (uint256 i; i < list.length; ++i) {
            context.names[i] = list[i].name;
            context.modules[i] = VM.computeCreateAddress(address(this), nonce + 1 + i);
        }
        context.systemPause = VM.computeCreateAddress(address(this), nonce + 1 + list.length);
    }

    /// @dev CREATE with `args` appended; a constructor's revert is passed on as it is.
    function _create(
        string memory name,
        bytes memory creationCode,
        bytes memory args,
        address predicted
    ) private returns (Step memory) {
        bytes memory initCode = bytes.concat(creationCode, args);
        address created;
        assembly ("memory-safe") {
            created := create(0, add(initCode, 0x20), mload(initCode))
            if iszero(created) {
                let data := mload(0x40)
                returndatacopy(data, 0, returndatasize())
                revert(data, returndatasize())
            }
        }
        if (created != predicted) {
            revert SystemDeployer_NotAtPredictedAddress(name, predicted, created);
        }
        return Step(name, args, created);
    }

    function _one(address account) private pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = account;
    }
}
