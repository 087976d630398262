// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {IPaymentCredits} from "../../contracts/interfaces/IPaymentCredits.sol";
import {IStakeManager} from "../../contracts/interfaces/IStakeManager.sol";
import {FreezableToken} from "../../contracts/mocks/FreezableToken.sol";
import {LeaseHandler} from "../handlers/LeaseHandler.sol";
import {SwitchHandler} from "../handlers/SwitchHandler.sol";
import {LeaseProperties} from "./LeaseProperties.sol";
import {MarketProperties} from "./MarketProperties.sol";
import {SystemDeployer} from "../../test/utils/SystemDeployer.sol";

/// @title SystemProperties
/// @notice Mandate as `deploy:system` deploys it, every module at once: StakeManager, ReputationEngine,
/// one DisputeModule serving JobRegistry and LeaseAgreement, the timelock owning all of them and
/// SystemPause, one guardian. The market, lease and switch handlers act in the same campaign, so the
/// JR, DM and LA properties are checked here with each other's traffic, and the SY properties of
/// invariants/PROPERTIES.md are checked across modules. Every assertion message starts with the id.
abstract contract SystemProperties is MarketProperties, LeaseProperties {
    uint256 internal constant MODULE_COUNT = 5;

    /// @dev Deploys the whole system of deploy/modules.ts through SystemDeployer (deploy/plan.ts's
    /// order and wiring, the test defaults), then the three handlers.
    function _setUpSystem() internal {
        SystemDeployer.System memory system = _deployFullSystem(treasury, arbitrator);
        _useMarket(system);
        leases = system.leases;
        leaseDisputes = disputes;
        _setUpSwitchAndMarketHandlers();
        leaseHandler = new LeaseHandler(
            leases,
            switchHandler,
            timelock,
            governanceSafe,
            arbitrator
        );
        switchHandler.watchCases(registry, disputes, leases);
    }

    /// @dev Every module with parameters: governance moves each of them in this suite (SY-07), and
    /// every handler's ghosts read the terms from the chain or from the governance handler's record.
    function _governedModules() internal view override returns (IMandateModule[] memory governed) {
        governed = new IMandateModule[](5);
        governed[0] = IMandateModule(address(stakeManager));
        governed[1] = IMandateModule(address(reputation));
        governed[2] = IMandateModule(address(disputes));
        governed[3] = IMandateModule(address(leases));
        governed[4] = IMandateModule(address(registry));
    }

    /// @dev The five modules in deployment order.
    function _modules() internal view returns (address[] memory modules) {
        modules = new address[](MODULE_COUNT);
        modules[0] = address(stakeManager);
        modules[1] = address(reputation);
        modules[2] = address(disputes);
        modules[3] = address(registry);
        modules[4] = address(leases);
    }

    function _checkSystem() internal view {
        _checkMarket();
        _checkLeases();
        check_SY01_everyTokenAccountedFor();
        check_SY02_disputesMatchTheirCases();
        check_SY03_pauseStopsEverything();
        check_SY04_wiringAsDeployed();
        check_SY06_pauseKeepsTimeLeft();
    }

    /// @dev One DisputeModule serves both clients: each dispute's bond is the ghost of its client's handler.
    function _ghostBond(uint256 disputeId) internal view override returns (uint256) {
        return
            disputes.dispute(disputeId).client == address(registry)
                ? marketHandler.ghost_bond(disputeId)
                : leaseHandler.ghost_bond(disputeId);
    }

    /// @dev Credits to the market's actors and the treasury, and to the lease parties.
    function _disputeCredits() internal view override returns (uint256 sum) {
        sum = super._disputeCredits();
        address[] memory actors = leaseHandler.actors();
        for (uint256 i; i < actors.length; ++i) sum += disputes.creditOf(actors[i]);
    }

    function _ghostBondFlows() internal view override returns (uint256 bondsIn, uint256 bondsOut) {
        bondsIn = marketHandler.ghost_bondsIn() + leaseHandler.ghost_bondsIn();
        bondsOut = marketHandler.ghost_bondsOut() + leaseHandler.ghost_bondsOut();
    }

    /// SY-01: every token ever minted is held by a party the suite knows (the actors, the treasury,
    /// the arbitrator, the fund-holding modules), and ReputationEngine, SystemPause, the timelock and
    /// the owners' Safe hold none: no flow sends tokens anywhere else or creates them.
    function check_SY01_everyTokenAccountedFor() public view {
        address[] memory noFunds = new address[](4);
        noFunds[0] = address(reputation);
        noFunds[1] = address(systemPause);
        noFunds[2] = address(timelock);
        noFunds[3] = governanceSafe;
        for (uint256 i; i < noFunds.length; ++i) {
            _eq(token.balanceOf(noFunds[i]), 0, "SY-01 a contract that holds no funds has tokens");
        }
        uint256 held =
            token.balanceOf(address(stakeManager)) +
                token.balanceOf(address(registry)) +
                token.balanceOf(address(disputes)) +
                token.balanceOf(address(leases)) +
                token.balanceOf(treasury) +
                token.balanceOf(arbitrator) +
                _balancesOf(marketHandler.actors()) +
                _balancesOf(leaseHandler.actors());
        _eq(held, token.totalSupply(), "SY-01 tokens held by known parties differ from the supply");
    }

    /// SY-02: every dispute belongs to JobRegistry or LeaseAgreement and names a case of its client,
    /// and a dispute is open exactly while its job or lease is Disputed.
    function check_SY02_disputesMatchTheirCases() public view {
        uint256 count = disputes.disputeCount();
        uint256 openForJobs;
        uint256 openForLeases;
        for (uint256 id = 1; id <= count; ++id) {
            IDisputeModule.Dispute memory d = disputes.dispute(id);
            bool open = d.status == IDisputeModule.Status.Open;
            bool caseDisputed;
            if (d.client == address(registry)) {
                caseDisputed = registry.job(d.caseId).status == IJobRegistry.JobStatus.Disputed;
                if (open) ++openForJobs;
            } else {
                _eq(d.client, address(leases), "SY-02 a dispute has a client that is not a module");
                caseDisputed =
                    leases.lease(d.caseId).status == ILeaseAgreement.LeaseStatus.Disputed;
                if (open) ++openForLeases;
            }
            _eq(open, caseDisputed, "SY-02 a dispute is open while its case is not Disputed");
        }
        _eq(
            openForJobs,
            _countJobs(IJobRegistry.JobStatus.Disputed),
            "SY-02 Disputed jobs differ from open job disputes"
        );
        _eq(
            openForLeases,
            _countLeases(ILeaseAgreement.LeaseStatus.Disputed),
            "SY-02 Disputed leases differ from open lease disputes"
        );
    }

    /// SY-03: all five modules are paused exactly when the switch is, and no job, staking or lease
    /// action succeeded while it was paused.
    function check_SY03_pauseStopsEverything() public view {
        bool paused = switchHandler.ghost_systemPaused();
        address[] memory modules = _modules();
        for (uint256 i; i < modules.length; ++i) {
            _eq(
                IMandateModule(modules[i]).paused(),
                paused,
                "SY-03 a module's pause differs from the switch"
            );
        }
        _eq(
            marketHandler.ghost_pausedSuccesses() + leaseHandler.ghost_pausedSuccesses(),
            0,
            "SY-03 a user action succeeded while the system was paused"
        );
    }

    /// SY-04: the wiring `deploy:system` set up still holds: the timelock owns every module and
    /// SystemPause with no transfer pending, SystemPause pauses exactly the five modules and one
    /// guardian, StakeManager lets only JobRegistry lock stake, DisputeModule serves exactly
    /// JobRegistry and LeaseAgreement.
    function check_SY04_wiringAsDeployed() public view {
        address[] memory modules = _modules();
        address[] memory registered = systemPause.modules();
        _eq(registered.length, MODULE_COUNT, "SY-04 SystemPause's module list changed");
        // One token: every bond is posted in the token of the value it secures.
        _eq(
            address(disputes.token()),
            address(token),
            "SY-04 DisputeModule bonds in another token"
        );
        _eq(address(registry.token()), address(token), "SY-04 JobRegistry pays in another token");
        _eq(address(leases.token()), address(token), "SY-04 LeaseAgreement pays in another token");
        for (uint256 i; i < modules.length; ++i) {
            _eq(registered[i], modules[i], "SY-04 SystemPause's module list changed");
            IMandateModule module = IMandateModule(modules[i]);
            _eq(
                Ownable2Step(modules[i]).owner(),
                address(timelock),
                "SY-04 a module is not owned by the timelock"
            );
            _eq(
                Ownable2Step(modules[i]).pendingOwner(),
                address(0),
                "SY-04 a module has a pending owner"
            );
            _eq(module.pauser(), address(systemPause), "SY-04 a module's pauser is not the switch");
        }
        _eq(systemPause.owner(), address(timelock), "SY-04 SystemPause is not the timelock's");
        _eq(systemPause.guardians().length, 1, "SY-04 the guardian set changed");
        _true(systemPause.isGuardian(guardian), "SY-04 the guardian set changed");
        _true(
            stakeManager.isAuthorisedModule(address(registry)) &&
                !stakeManager.isAuthorisedModule(address(leases)) &&
                !stakeManager.isAuthorisedModule(address(disputes)),
            "SY-04 StakeManager's modules changed"
        );
        _true(
            disputes.isAuthorisedModule(address(registry)) &&
                disputes.isAuthorisedModule(address(leases)) &&
                !disputes.isAuthorisedModule(address(stakeManager)),
            "SY-04 DisputeModule's clients changed"
        );
    }

    /// SY-06: a pause decides no case. For every case open when the switch was last pulled, whose
    /// status has not moved since, its party's last second to act is at least the time it had left
    /// then, counted from now while paused and from the unpause once governance resumed.
    function check_SY06_pauseKeepsTimeLeft() public view {
        uint256 from =
            switchHandler.ghost_systemPaused()
                ? block.timestamp
                : switchHandler.ghost_lastUnpauseAt();
        uint256 count = switchHandler.watchedCount();
        for (uint256 i; i < count; ++i) {
            SwitchHandler.WatchedCase memory c = switchHandler.watchedCase(i);
            (, uint8 status, uint256 lastSecond) = switchHandler.lastSecondOf(c.kind, c.id);
            if (status != c.status) continue; // its party acted, or it moved on, after the unpause
            if (lastSecond < from + c.left)
                revert(
                    string.concat(
                        "SY-06 a pause cut a party's time: case kind ",
                        vm.toString(uint8(c.kind)),
                        " id ",
                        vm.toString(c.id),
                        " had ",
                        vm.toString(c.left),
                        " s left at the pause, now ",
                        lastSecond < from ? "none" : vm.toString(lastSecond - from)
                    )
                );
        }
    }

    /// SY-05: whoever stays silent, every case can still end and every token leave: from any state
    /// the campaign reached, governance unpauses if needed, time passes every deadline, anyone
    /// resolves each open dispute by default and ends each job and lease through its silent-party path
    /// (cancel, expire, finalise, settle), anyone claims every unfrozen party's credits, each agent
    /// unbonds and withdraws; then StakeManager holds and owes nothing, and JobRegistry, DisputeModule
    /// and LeaseAgreement hold exactly the credits of parties the issuer keeps frozen.
    /// @dev Changes state, so it runs once per run (afterInvariant), not after every call.
    function check_SY05_everyCaseCanEnd() public {
        if (switchHandler.ghost_systemPaused()) switchHandler.governance_unpauseAll();
        vm.warp(_pastEveryWindow()); // past every deadline, window and ruling period, pauses included
        address anyone = address(0xA11CE);

        uint256 count = disputes.disputeCount();
        for (uint256 id = 1; id <= count; ++id) {
            IDisputeModule.Dispute memory d = disputes.dispute(id);
            if (d.status != IDisputeModule.Status.Open) continue;
            // DisputeModule and JobRegistry credit what a frozen party cannot receive: no unfreezing.
            _mustSucceed(
                anyone,
                address(disputes),
                abi.encodeCall(IDisputeModule.resolveByDefault, (id)),
                "SY-05 a dispute could not be resolved by default: ",
                id
            );
        }
        count = registry.jobCount();
        for (uint256 id = 1; id <= count; ++id) {
            bytes memory data = _silentJobPath(registry.job(id).status, id);
            if (data.length == 0) continue;
            _mustSucceed(anyone, address(registry), data, "SY-05 a job could not be ended: ", id);
        }
        count = leases.leaseCount();
        for (uint256 id = 1; id <= count; ++id) {
            ILeaseAgreement.LeaseStatus status = leases.lease(id).status;
            if (
                status != ILeaseAgreement.LeaseStatus.Active &&
                status != ILeaseAgreement.LeaseStatus.Revoked
            ) continue;
            _mustSucceed(
                anyone,
                address(leases),
                abi.encodeCall(ILeaseAgreement.settle, (id)),
                "SY-05 a lease could not be settled: ",
                id
            );
        }
        // The issuer lifts the agents' freezes: StakeManager pays a withdrawal to the agent itself.
        address[] memory agents = marketHandler.agents();
        for (uint256 a; a < agents.length; ++a) _unfreeze(agents[a]);
        // Anyone triggers every unfrozen party's claims on JobRegistry, DisputeModule and
        // LeaseAgreement; a frozen party's credit waits for it alone.
        (
            uint256 frozenOnRegistry,
            uint256 frozenOnDisputes,
            uint256 frozenOnLeases
        ) = _claimEveryCredit(anyone);
        for (uint256 a; a < agents.length; ++a) {
            uint256 free = stakeManager.stakeOf(agents[a]).free;
            if (free != 0)
                _mustSucceed(
                    agents[a],
                    address(stakeManager),
                    abi.encodeCall(IStakeManager.requestWithdrawal, (free)),
                    "SY-05 an agent could not unbond its stake: agent ",
                    a
                );
        }
        vm.warp(block.timestamp + stakeManager.MAX_UNBONDING_PERIOD() + 1);
        for (uint256 a; a < agents.length; ++a) {
            if (stakeManager.stakeOf(agents[a]).unbonding == 0) continue;
            _mustSucceed(
                agents[a],
                address(stakeManager),
                abi.encodeCall(IStakeManager.withdraw, ()),
                "SY-05 an agent could not withdraw its stake: agent ",
                a
            );
        }

        _eq(
            token.balanceOf(address(registry)),
            frozenOnRegistry,
            "SY-05 JobRegistry holds more than its frozen parties' credits"
        );
        _eq(
            token.balanceOf(address(disputes)),
            frozenOnDisputes,
            "SY-05 DisputeModule holds more than its frozen parties' credits"
        );
        _eq(
            token.balanceOf(address(leases)),
            frozenOnLeases,
            "SY-05 LeaseAgreement holds more than its frozen parties' credits"
        );
        _eq(token.balanceOf(address(stakeManager)), 0, "SY-05 StakeManager still holds tokens");
        _eq(stakeManager.totalStaked(), 0, "SY-05 StakeManager still owes stake");
    }

    function _unfreeze(address account) internal {
        FreezableToken(address(token)).setFrozen(account, false);
    }

    /// @dev Claims, as `anyone`, every credit of every party the suite knows from JobRegistry,
    /// DisputeModule and LeaseAgreement; each claim of an unfrozen party must succeed. Returns what
    /// frozen parties keep credited on each.
    function _claimEveryCredit(
        address anyone
    )
        internal
        returns (uint256 frozenOnRegistry, uint256 frozenOnDisputes, uint256 frozenOnLeases)
    {
        address[] memory market = marketHandler.actors();
        address[] memory lease = leaseHandler.actors();
        address[] memory parties = new address[](market.length + lease.length + 1);
        for (uint256 i; i < market.length; ++i) parties[i] = market[i];
        for (uint256 i; i < lease.length; ++i) parties[market.length + i] = lease[i];
        parties[parties.length - 1] = treasury;
        for (uint256 i; i < parties.length; ++i) {
            bool frozen = token.frozen(parties[i]);
            frozenOnRegistry += _claimOrKeep(anyone, address(registry), parties[i], frozen, i);
            frozenOnDisputes += _claimOrKeep(anyone, address(disputes), parties[i], frozen, i);
            frozenOnLeases += _claimOrKeep(anyone, address(leases), parties[i], frozen, i);
        }
    }

    function _claimOrKeep(
        address anyone,
        address module,
        address party,
        bool frozen,
        uint256 index
    ) internal returns (uint256 kept) {
        uint256 credit = IPaymentCredits(module).creditOf(party);
        if (credit == 0) return 0;
        if (frozen) return credit;
        _mustSucceed(
            anyone,
            module,
            abi.encodeCall(IPaymentCredits.claim, (party)),
            "SY-05 an unfrozen party could not claim its credit: party ",
            index
        );
    }

    /// @dev A time past every window in force: at least 400 days on, and past every window a pause
    /// extended further (pauses extend windows, SY-06).
    function _pastEveryWindow() internal view returns (uint256 latest) {
        latest = block.timestamp + 400 days;
        uint256 count = disputes.disputeCount();
        for (uint256 id = 1; id <= count; ++id) latest = _later(latest, disputes.ruleByInForce(id));
        count = registry.jobCount();
        for (uint256 id = 1; id <= count; ++id)
            latest = _later(latest, registry.currentDeadline(id));
        count = leases.leaseCount();
        for (uint256 id = 1; id <= count; ++id)
            latest = _later(latest, leases.disputeWindowClosesAt(id));
    }

    function _later(uint256 latest, uint256 end) internal pure returns (uint256) {
        return end + 1 > latest ? end + 1 : latest;
    }

    /// @dev The call anyone may make to end job `id` in `status` once its deadlines passed (empty:
    /// the job is final; a Disputed job ends with its dispute, resolved first).
    function _silentJobPath(
        IJobRegistry.JobStatus status,
        uint256 id
    ) internal pure returns (bytes memory) {
        if (status == IJobRegistry.JobStatus.Open)
            return abi.encodeCall(IJobRegistry.cancelJob, (id));
        if (status == IJobRegistry.JobStatus.Taken)
            return abi.encodeCall(IJobRegistry.expireJob, (id));
        if (status == IJobRegistry.JobStatus.Submitted)
            return abi.encodeCall(IJobRegistry.finaliseAccepted, (id));
        if (status == IJobRegistry.JobStatus.Rejected)
            return abi.encodeCall(IJobRegistry.finaliseRejection, (id));
        if (status == IJobRegistry.JobStatus.Disputed)
            revert(
                string.concat(
                    "SY-05 a job is still Disputed after every dispute ended: ",
                    vm.toString(id)
                )
            );
        return "";
    }

    function _mustSucceed(
        address caller,
        address target,
        bytes memory data,
        string memory message,
        uint256 id
    ) internal {
        vm.prank(caller);
        (bool ok, ) = target.call(data);
        if (!ok) revert(string.concat(message, vm.toString(id)));
    }

    function _balancesOf(address[] memory accounts) internal view returns (uint256 sum) {
        for (uint256 i; i < accounts.length; ++i) {
            sum += token.balanceOf(accounts[i]);
        }
    }

    function _countJobs(IJobRegistry.JobStatus status) internal view returns (uint256 n) {
        uint256 count = registry.jobCount();
        for (uint256 id = 1; id <= count; ++id) {
            if (registry.job(id).status == status) ++n;
        }
    }

    function _countLeases(ILeaseAgreement.LeaseStatus status) internal view returns (uint256 n) {
        uint256 count = leases.leaseCount();
        for (uint256 id = 1; id <= count; ++id) {
            if (leases.lease(id).status == status) ++n;
        }
    }
}
