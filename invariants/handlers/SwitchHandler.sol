// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {SystemPause} from "../../contracts/pause/SystemPause.sol";
import {HandlerBase, IPauseOracle} from "../base/HandlerBase.sol";

/// @title SwitchHandler
/// @notice The incident switch and the clock, for suites whose other handlers are users: a guardian
/// pauses every module at random, governance unpauses through the timelock, and time passes. The
/// market and lease handlers read `ghost_systemPaused` to know which of their actions must fail.
/// @dev Kept apart from the user handlers so that one switch serves all of them in the system suite.
/// A pause happens on half the draws of `guardian_pauseAll`, and suites list `governance_unpauseAll`
/// three times, so paused stretches are short (a few calls) and most of a run is live, long enough
/// for jobs and leases to finish between pauses.
contract SwitchHandler is HandlerBase, IPauseOracle {
    SystemPause public immutable systemPause;
    address public immutable guardian;

    /// @notice The switch as the guardian and governance last set it.
    bool public ghost_systemPaused;
    /// @notice How often the switch was pulled and released (shown in the call summary). A pauseAll or
    /// unpauseAll that reverts stops the handler, which fail_on_revert reports as a finding.
    uint256 public ghost_pauses;
    uint256 public ghost_unpauses;

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
        _succeeded("governance_unpauseAll");
    }

    /// @notice Time passes (review and dispute windows are 2 and 3 days, the ruling period 7).
    function warp(uint256 secondsAhead) external {
        _called("warp");
        _warp(_bound(secondsAhead, 0, 4 days));
        _succeeded("warp");
    }

    function _handlerName() internal pure override returns (string memory) {
        return "SwitchHandler";
    }

    function _logGhosts() internal view override {
        console.log("  ghost_pauses", ghost_pauses, "unpauses", ghost_unpauses);
        console.log("  ghost_systemPaused", ghost_systemPaused);
    }
}
