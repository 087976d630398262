// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ITreasuryFee} from "../interfaces/ITreasuryFee.sol";
import {MandateModule} from "./MandateModule.sol";

/// @title TreasuryFee
/// @notice The treasury address and the basis-point share arithmetic of every module that charges a
/// fee (JobRegistry, DisputeModule, LeaseAgreement), written once.
abstract contract TreasuryFee is ITreasuryFee, MandateModule {
    /// @notice Basis points in one whole (100%).
    uint256 public constant BPS = 10_000;

    /// @inheritdoc ITreasuryFee
    address public override treasury;

    /// @param initialTreasury Where fees go from the first block.
    constructor(address initialTreasury) {
        _setTreasury(initialTreasury);
    }

    /// @inheritdoc ITreasuryFee
    function setTreasury(address newTreasury) external override onlyOwner {
        _setTreasury(newTreasury);
    }

    /// @dev `amount * bps / BPS`, rounded down (the payer's counterparty keeps the dust, never the
    /// treasury), without overflow for any `amount`: full-precision `mulDiv`.
    function _shareOf(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return Math.mulDiv(amount, bps, BPS);
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert TreasuryFee_ZeroAddress();
        emit TreasuryUpdated(treasury, newTreasury);
        treasury = newTreasury;
    }
}
