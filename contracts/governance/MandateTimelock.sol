// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title MandateTimelock
/// @notice The owner of every Mandate module: OpenZeppelin's TimelockController with its minimum
/// delay bounded on chain and no admin but itself.
/// @dev Proposers (the owners' Safe) are made cancellers by the base constructor. Passing no admin
/// leaves role management to operations that pass through the delay like any other.
contract MandateTimelock is TimelockController {
    /// @notice The shortest minimum delay: every change is visible on chain for at least this long.
    uint256 public constant MIN_DELAY_FLOOR = 1 hours;
    /// @notice The longest minimum delay: governance can always act within this.
    uint256 public constant MIN_DELAY_CEILING = 30 days;

    /// @notice `delay` lies outside `[MIN_DELAY_FLOOR, MIN_DELAY_CEILING]`.
    error MandateTimelock_DelayOutOfBounds(uint256 delay, uint256 min, uint256 max);

    /// @param minDelay Seconds every operation waits between schedule and execution.
    /// @param proposers Accounts that schedule and cancel (the owners' Safe).
    /// @param executors Accounts that execute ready operations (the owners' Safe; see docs/governance.md).
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors
    ) TimelockController(minDelay, proposers, executors, address(0)) {
        _checkDelay(minDelay);
    }

    /// @notice Changes the minimum delay, within its bounds. Only the timelock itself.
    function updateDelay(uint256 newDelay) public override {
        _checkDelay(newDelay);
        super.updateDelay(newDelay);
    }

    function _checkDelay(uint256 delay) private pure {
        if (delay < MIN_DELAY_FLOOR || delay > MIN_DELAY_CEILING) {
            revert MandateTimelock_DelayOutOfBounds(delay, MIN_DELAY_FLOOR, MIN_DELAY_CEILING);
        }
    }
}
