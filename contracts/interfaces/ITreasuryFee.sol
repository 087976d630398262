// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITreasuryFee
/// @notice For a module that sends protocol fees to the treasury: the treasury's address, which only
/// governance changes.
interface ITreasuryFee {
    /// @notice Governance moved where this module's fees go.
    /// @param previousTreasury The treasury before the change (zero at construction).
    /// @param newTreasury The treasury from now on.
    event TreasuryUpdated(address indexed previousTreasury, address indexed newTreasury);

    /// @notice A zero address was given for the treasury.
    error TreasuryFee_ZeroAddress();

    /// @notice Where this module's fees go.
    function treasury() external view returns (address);

    /// @notice Sends this module's fees to `newTreasury` from now on. Only the owner.
    /// @param newTreasury The new treasury; not zero.
    function setTreasury(address newTreasury) external;
}
