// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakeManager} from "../../../contracts/interfaces/IStakeManager.sol";

import {Base_Test} from "../../utils/Base.t.sol";

/// @title StakeManager_Unit_Shared
/// @notice What every StakeManager unit test shares: stake assertions and the bookkeeping identities
/// (per account free + locked + unbonding is what it holds; totalStaked is their sum; the token
/// balance covers totalStaked exactly unless a test sent a surplus on purpose).
abstract contract StakeManager_Unit_Shared is Base_Test {
    function _assertStake(
        address account,
        uint256 free,
        uint256 locked,
        uint256 unbonding,
        uint256 releaseAt
    ) internal view {
        IStakeManager.Stake memory stake = stakeManager.stakeOf(account);
        assertEq(stake.free, free, "free");
        assertEq(stake.locked, locked, "locked");
        assertEq(stake.unbonding, unbonding, "unbonding");
        assertEq(stake.unbondingReleaseAt, releaseAt, "unbondingReleaseAt");
    }

    /// @dev The account's whole stake: free + locked + unbonding.
    function _held(address account) internal view returns (uint256) {
        IStakeManager.Stake memory stake = stakeManager.stakeOf(account);
        return uint256(stake.free) + stake.locked + stake.unbonding;
    }

    /// @dev totalStaked is the sum over the only two stakers, and the token balance is exactly that.
    function _assertBooks() internal view {
        assertEq(
            stakeManager.totalStaked(),
            _held(alice) + _held(bob),
            "totalStaked != sum of stakes"
        );
        assertEq(
            token.balanceOf(address(stakeManager)),
            stakeManager.totalStaked(),
            "balance != totalStaked"
        );
    }

    function _lock(address module, address account, uint256 amount) internal {
        vm.prank(module);
        stakeManager.lock(account, amount);
    }

    function _requestWithdrawal(address account, uint256 amount) internal {
        vm.prank(account);
        stakeManager.requestWithdrawal(amount);
    }

    function _revoke(address module) internal {
        vm.prank(address(timelock));
        stakeManager.setModuleAuthorisation(module, false);
    }
}
