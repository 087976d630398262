// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IPaymentCredits} from "../interfaces/IPaymentCredits.sol";
import {MandateModule} from "./MandateModule.sol";

/// @title PaymentCredits
/// @notice Credits and claims, written once for every module that pays parties of its cases: a
/// settlement calls `_credit` (one storage write, no transfer), and `claim` pays an account its whole
/// credit. See {IPaymentCredits}.
abstract contract PaymentCredits is IPaymentCredits, MandateModule {
    using SafeERC20 for IERC20;

    mapping(address account => uint256 amount) private _credits;

    /// @inheritdoc IPaymentCredits
    function claim(address account) external override whenNotPaused returns (uint256 amount) {
        amount = _credits[account];
        if (amount == 0) revert PaymentCredits_NothingToClaim(account);
        // Effects before the transfer: a reentrant claim finds nothing left to pay.
        _credits[account] = 0;
        emit PaymentClaimed(account, msg.sender, amount);
        _creditToken().safeTransfer(account, amount);
    }

    /// @inheritdoc IPaymentCredits
    function creditOf(address account) external view override returns (uint256) {
        return _credits[account];
    }

    /// @dev Adds `amount` to what `account` may claim; zero amounts are skipped (no event, no write).
    function _credit(address account, uint256 amount) internal {
        if (amount == 0) return;
        uint256 credit = _credits[account] + amount;
        _credits[account] = credit;
        emit PaymentCredited(account, amount, credit);
    }

    /// @dev The token credits are paid in.
    function _creditToken() internal view virtual returns (IERC20);
}
