// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITreasuryFee
/// @notice For a module that takes a protocol fee: the treasury it pays, kept by governance.
interface ITreasuryFee {
    /// @notice Governance replaced the account that receives protocol fees.
    /// @param previousTreasury The treasury before the change.
    /// @param newTreasury The treasury after the change.
    event TreasuryUpdated(address indexed previousTreasury, address indexed newTreasury);

    /// @notice A zero address was given for the treasury.
    error TreasuryFee_ZeroAddress();

    /// @notice The account that receives protocol fees.
    function treasury() external view returns (address);

    /// @notice Replaces the treasury. Only the owner; allowed while paused.
    /// @param newTreasury The new treasury; not zero.
    function setTreasury(address newTreasury) external;
}
