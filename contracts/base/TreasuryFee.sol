// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ITreasuryFee} from "../interfaces/ITreasuryFee.sol";
import {MandateModule} from "./MandateModule.sol";

/// @title TreasuryFee
/// @notice The treasury of a fee-taking module and the one fee rule, written once for every module
/// that takes a protocol fee.
abstract contract TreasuryFee is ITreasuryFee, MandateModule {
    /// @notice One whole in basis points.
    uint256 internal constant BPS = 10_000;

    /// @inheritdoc ITreasuryFee
    address public override treasury;

    /// @param initialTreasury The treasury from the first block; not zero.
    constructor(address initialTreasury) {
        _setTreasury(initialTreasury);
    }

    /// @inheritdoc ITreasuryFee
    function setTreasury(address newTreasury) external override onlyOwner {
        _setTreasury(newTreasury);
    }

    /// @dev `bps` basis points of `amount`, rounded down: the rounding favours the paid party, never
    /// the treasury. Full-width (`mulDiv`), so no amount overflows. Callers bound `bps` by `BPS`, so
    /// the fee never exceeds the amount.
    function _fee(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return Math.mulDiv(amount, bps, BPS);
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert TreasuryFee_ZeroAddress();
        emit TreasuryUpdated(treasury, newTreasury);
        treasury = newTreasury;
    }
}
