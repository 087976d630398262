// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title Defaults
/// @notice The values the unit tests deploy and act with, in one place so a test reads as its case.
library Defaults {
    // Governance
    uint256 internal constant TIMELOCK_DELAY = 2 days;

    // StakeManager
    uint256 internal constant UNBONDING_PERIOD = 7 days;

    // MockModule parameters (bounds: FEE [0, 1000], WINDOW [1 hours, 30 days])
    uint256 internal constant FEE = 250;
    uint256 internal constant WINDOW = 1 days;
    uint256 internal constant FEE_MAX = 1_000;
    uint256 internal constant WINDOW_MIN = 1 hours;
    uint256 internal constant WINDOW_MAX = 30 days;

    // Actors
    uint256 internal constant MINT_AMOUNT = 1_000_000e18;
    uint256 internal constant DEPOSIT_AMOUNT = 10_000e18;
    uint256 internal constant LOCK_AMOUNT = 4_000e18;
    uint256 internal constant WITHDRAW_AMOUNT = 3_000e18;

    // The test deploys three modules: StakeManager, MockModule A and MockModule B.
    uint256 internal constant MODULE_COUNT = 3;

    /// @notice Long enough that no sane expiry could still be pending.
    uint256 internal constant TEN_YEARS = 3_650 days;
}
