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

    // ReputationEngine
    uint256 internal constant HALF_LIFE = 30 days;
    uint256 internal constant SCORE_CAP = 1_000e18;

    // DisputeModule
    uint256 internal constant MIN_BOND = 10e18;
    uint256 internal constant BOND_SHARE_BPS = 500; // 5%
    uint256 internal constant DISPUTE_FEE_BPS = 1_000; // 10%
    uint256 internal constant RULING_PERIOD = 7 days;
    uint256 internal constant DEFAULT_OUTCOME = 2; // the respondent wins: the status quo stands

    // JobRegistry
    uint256 internal constant PROTOCOL_FEE_BPS = 250; // 2.5%
    uint256 internal constant REVIEW_WINDOW = 3 days;
    uint256 internal constant DISPUTE_WINDOW = 2 days;
    uint256 internal constant JOB_STAKE = 100e18;
    uint256 internal constant SLASH_SHARE_BPS = 5_000; // 50%
    uint256 internal constant MIN_REPUTATION = 0;
    uint256 internal constant REPUTATION_REWARD = 10e18;
    uint256 internal constant REPUTATION_PENALTY = 20e18;
    uint256 internal constant MAX_JOB_DURATION = 90 days;
    uint256 internal constant REPUTATION_PRICE = 1e18; // one token of fee per point
    uint256 internal constant IDLE_LIMIT = 3 days;
    uint256 internal constant UNGATED_REWARD = 100e18;

    // LeaseAgreement
    uint256 internal constant LEASE_PROTOCOL_FEE_BPS = 250; // 2.5%
    uint256 internal constant LEASE_DISPUTE_WINDOW = 3 days;
    uint256 internal constant MIN_LEASE_DURATION = 1 hours;
    uint256 internal constant MAX_LEASE_DURATION = 365 days;

    // Jobs
    uint256 internal constant REWARD = 1_000e18;
    uint256 internal constant JOB_DURATION = 7 days;
    bytes32 internal constant SPEC_HASH = keccak256("spec");
    bytes32 internal constant RESULT_HASH = keccak256("result");
    /// @notice A realistic start time, so that deadlines and windows are far from zero.
    uint256 internal constant T0 = 1_700_000_000;

    /// @notice Long enough that no sane expiry could still be pending.
    uint256 internal constant TEN_YEARS = 3_650 days;
}
