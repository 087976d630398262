// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {IJobRegistry} from "../../contracts/interfaces/IJobRegistry.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {SystemPause} from "../../contracts/pause/SystemPause.sol";
import {HandlerBase, IPauseOracle} from "../base/HandlerBase.sol";

/// @title SwitchHandler
/// @notice The incident switch and the clock, for suites whose other handlers are users: a guardian
/// pauses every module at random, governance unpauses through the timelock, and time passes. The
/// market and lease handlers read `ghost_systemPaused` to know which of their actions must fail.
/// @dev Kept apart from the user handlers so that one switch serves all of them in the system suite.
/// A pause happens on half the draws of `guardian_pauseAll`, and suites list `governance_unpauseAll`
/// three times, so paused stretches are short (a few calls) and most of a run is live, long enough
/// for jobs and leases to finish between pauses. Every handler's `warp` also runs while paused, so
/// pauses last a random time (0 to several days) and fall across every window.
///
/// When a suite watches cases (`watchCases`), each pause records the time every open case's party
/// had left (`watchedCase`); SY-06 compares it with the time left after the unpause.
contract SwitchHandler is HandlerBase, IPauseOracle {
    SystemPause public immutable systemPause;
    address public immutable guardian;

    /// @notice The switch as the guardian and governance last set it.
    bool public ghost_systemPaused;
    /// @notice How often the switch was pulled and released (shown in the call summary). A pauseAll or
    /// unpauseAll that reverts stops the handler, which fail_on_revert reports as a finding.
    uint256 public ghost_pauses;
    uint256 public ghost_unpauses;
    /// @notice When governance last resumed the system (0 before the first unpause).
    uint256 public ghost_lastUnpauseAt;

    /// @notice The kinds of case whose window a party must act within.
    enum CaseKind {
        Job, // the agent's deadline, the employer's review window or the agent's dispute window
        Dispute, // the arbitrator's ruling period
        Lease // the lessee's dispute window
    }

    /// @notice An open case as it stood when the switch was last pulled.
    /// @param kind What it is.
    /// @param id Its job, dispute or lease id.
    /// @param status Its status then (a job's, dispute's or lease's enum as a number).
    /// @param left Seconds from the pause to the last second its party could act.
    struct WatchedCase {
        CaseKind kind;
        uint256 id;
        uint8 status;
        uint256 left;
    }

    IJobRegistry public watchedRegistry;
    IDisputeModule public watchedDisputes;
    ILeaseAgreement public watchedLeases;
    WatchedCase[] internal _watched;

    constructor(
        SystemPause systemPause_,
        MandateTimelock timelock_,
        address governanceSafe_,
        address guardian_
    ) HandlerBase(timelock_, governanceSafe_) {
        systemPause = systemPause_;
        guardian = guardian_;
    }

    /// @notice A guardian pulls the switch, on one draw in two.
    function guardian_pauseAll(uint256 chance) external {
        if (ghost_systemPaused || chance % 2 != 0) return;
        _called("guardian_pauseAll");
        vm.prank(guardian);
        systemPause.pauseAll();
        ghost_systemPaused = true;
        ++ghost_pauses;
        _recordTimeLeft();
        _succeeded("guardian_pauseAll");
    }

    /// @notice Governance resumes the system: scheduled by the owners' Safe, executed after the delay.
    function governance_unpauseAll() external {
        if (!ghost_systemPaused) return;
        _called("governance_unpauseAll");
        require(
            _governance(address(systemPause), abi.encodeCall(systemPause.unpauseAll, ())),
            "unpauseAll refused through the timelock"
        );
        ghost_systemPaused = false;
        ++ghost_unpauses;
        ghost_lastUnpauseAt = block.timestamp;
        _succeeded("governance_unpauseAll");
    }

    /// @notice Time passes (review and dispute windows are 2 and 3 days, the ruling period 7).
    function warp(uint256 secondsAhead) external {
        _called("warp");
        _warp(_bound(secondsAhead, 0, 4 days));
        _succeeded("warp");
    }

    /// @notice The modules whose open cases each pause records (set once by the suite's setUp).
    function watchCases(
        IJobRegistry registry,
        IDisputeModule disputes,
        ILeaseAgreement leases
    ) external {
        watchedRegistry = registry;
        watchedDisputes = disputes;
        watchedLeases = leases;
    }

    function watchedCount() external view returns (uint256) {
        return _watched.length;
    }

    function watchedCase(uint256 index) external view returns (WatchedCase memory) {
        return _watched[index];
    }

    /// @notice The last second the party of case (`kind`, `id`) may act, as the chain says now, and
    /// the case's status; `open` is false when no party has a window to act within.
    function lastSecondOf(
        CaseKind kind,
        uint256 id
    ) public view returns (bool open, uint8 status, uint256 lastSecond) {
        if (kind == CaseKind.Job) {
            IJobRegistry.JobStatus s = watchedRegistry.job(id).status;
            open =
                s == IJobRegistry.JobStatus.Taken ||
                s == IJobRegistry.JobStatus.Submitted ||
                s == IJobRegistry.JobStatus.Rejected;
            return (open, uint8(s), watchedRegistry.currentDeadline(id));
        }
        if (kind == CaseKind.Dispute) {
            IDisputeModule.Status s = watchedDisputes.dispute(id).status;
            return (s == IDisputeModule.Status.Open, uint8(s), watchedDisputes.ruleByInForce(id));
        }
        ILeaseAgreement.LeaseStatus ls = watchedLeases.lease(id).status;
        open =
            ls == ILeaseAgreement.LeaseStatus.Active ||
            ls == ILeaseAgreement.LeaseStatus.Revoked;
        // The lessee disputes while now < disputeWindowClosesAt.
        return (open, uint8(ls), watchedLeases.disputeWindowClosesAt(id) - 1);
    }

    /// @dev At a pause: every open case whose window has not closed, with the seconds left in it.
    function _recordTimeLeft() internal {
        delete _watched;
        if (address(watchedRegistry) == address(0)) return;
        uint256 count = watchedRegistry.jobCount();
        for (uint256 id = 1; id <= count; ++id) _record(CaseKind.Job, id);
        count = watchedDisputes.disputeCount();
        for (uint256 id = 1; id <= count; ++id) _record(CaseKind.Dispute, id);
        count = watchedLeases.leaseCount();
        for (uint256 id = 1; id <= count; ++id) _record(CaseKind.Lease, id);
    }

    function _record(CaseKind kind, uint256 id) internal {
        (bool open, uint8 status, uint256 lastSecond) = lastSecondOf(kind, id);
        if (!open || lastSecond < block.timestamp) return;
        _watched.push(WatchedCase(kind, id, status, lastSecond - block.timestamp));
    }

    function _handlerName() internal pure override returns (string memory) {
        return "SwitchHandler";
    }

    function _logGhosts() internal view override {
        console.log("  ghost_pauses", ghost_pauses, "unpauses", ghost_unpauses);
        console.log("  ghost_systemPaused", ghost_systemPaused);
        console.log("  cases watched at the last pause", _watched.length);
    }
}
