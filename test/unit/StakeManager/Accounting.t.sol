// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Defaults} from "../../utils/Defaults.sol";
import {StakeManager_Unit_Shared} from "./StakeManagerTest.sol";

/// @title StakeManager_Accounting_Unit_Test
/// @notice Conservation through a whole life cycle: for each account free + locked + unbonding equals
/// deposited - withdrawn - slashed; totalStaked is the sum; the token balance equals totalStaked.
contract StakeManager_Accounting_Unit_Test is StakeManager_Unit_Shared {
    struct Amounts {
        uint256 aliceDeposit;
        uint256 bobDeposit;
        uint256 aliceLock;
        uint256 bobLock;
        uint256 aliceRelease;
        uint256 aliceSlash;
        uint256 bobSlash;
        uint256 aliceUnbond;
        uint256 bobUnbond;
        uint256 elapsed;
        bool bobCancels;
    }

    function test_Conservation_FullLifeCycle() public {
        Amounts memory a = Amounts({
            aliceDeposit: 10_000e18,
            bobDeposit: 5_000e18,
            aliceLock: 4_000e18,
            bobLock: 2_000e18,
            aliceRelease: 1_500e18,
            aliceSlash: 1_000e18,
            bobSlash: 2_000e18,
            aliceUnbond: 6_000e18,
            bobUnbond: 3_000e18,
            elapsed: Defaults.UNBONDING_PERIOD,
            bobCancels: false
        });
        _run(a);
    }

    function testFuzz_Conservation(Amounts memory a) public {
        a.aliceDeposit = bound(a.aliceDeposit, 1, Defaults.MINT_AMOUNT);
        a.bobDeposit = bound(a.bobDeposit, 1, Defaults.MINT_AMOUNT);
        a.aliceLock = bound(a.aliceLock, 0, a.aliceDeposit);
        a.bobLock = bound(a.bobLock, 0, a.bobDeposit);
        a.aliceRelease = bound(a.aliceRelease, 0, a.aliceLock);
        a.aliceSlash = bound(a.aliceSlash, 0, a.aliceLock - a.aliceRelease);
        a.bobSlash = bound(a.bobSlash, 0, a.bobLock);
        a.aliceUnbond = bound(a.aliceUnbond, 0, a.aliceDeposit - a.aliceLock + a.aliceRelease);
        a.bobUnbond = bound(a.bobUnbond, 0, a.bobDeposit - a.bobLock);
        a.elapsed = bound(a.elapsed, 0, 2 * Defaults.UNBONDING_PERIOD);
        _run(a);
    }

    function _run(Amounts memory a) private {
        uint256 aliceWithdrawn;
        uint256 bobWithdrawn;

        _deposit(alice, a.aliceDeposit);
        _deposit(bob, a.bobDeposit);
        _checkpoint(a.aliceDeposit, a.bobDeposit);

        if (a.aliceLock > 0) _lock(jobModule, alice, a.aliceLock);
        if (a.bobLock > 0) _lock(disputeModule, bob, a.bobLock);
        _checkpoint(a.aliceDeposit, a.bobDeposit);

        if (a.aliceRelease > 0) {
            vm.prank(jobModule);
            stakeManager.release(alice, a.aliceRelease);
        }
        if (a.aliceSlash > 0) {
            vm.prank(jobModule);
            stakeManager.slash(alice, a.aliceSlash, recipient);
        }
        if (a.bobSlash > 0) {
            vm.prank(disputeModule);
            stakeManager.slash(bob, a.bobSlash, recipient);
        }
        _checkpoint(a.aliceDeposit - a.aliceSlash, a.bobDeposit - a.bobSlash);

        if (a.aliceUnbond > 0) _requestWithdrawal(alice, a.aliceUnbond);
        if (a.bobUnbond > 0) _requestWithdrawal(bob, a.bobUnbond);
        _checkpoint(a.aliceDeposit - a.aliceSlash, a.bobDeposit - a.bobSlash);

        vm.warp(block.timestamp + a.elapsed);
        bool elapsed = a.elapsed >= Defaults.UNBONDING_PERIOD;
        if (a.aliceUnbond > 0 && elapsed) {
            vm.prank(alice);
            stakeManager.withdraw();
            aliceWithdrawn = a.aliceUnbond;
        }
        if (a.bobUnbond > 0) {
            vm.prank(bob);
            if (a.bobCancels || !elapsed) {
                stakeManager.cancelWithdrawal();
            } else {
                stakeManager.withdraw();
                bobWithdrawn = a.bobUnbond;
            }
        }
        _checkpoint(
            a.aliceDeposit - a.aliceSlash - aliceWithdrawn,
            a.bobDeposit - a.bobSlash - bobWithdrawn
        );

        assertEq(
            token.balanceOf(recipient),
            a.aliceSlash + a.bobSlash,
            "slashed tokens reached the recipient"
        );
        assertEq(token.balanceOf(alice), Defaults.MINT_AMOUNT - a.aliceDeposit + aliceWithdrawn);
        assertEq(token.balanceOf(bob), Defaults.MINT_AMOUNT - a.bobDeposit + bobWithdrawn);
    }

    function _checkpoint(uint256 aliceHeld, uint256 bobHeld) private view {
        assertEq(_held(alice), aliceHeld, "alice: free + locked + unbonding");
        assertEq(_held(bob), bobHeld, "bob: free + locked + unbonding");
        assertEq(
            stakeManager.lockedBy(jobModule, alice),
            stakeManager.stakeOf(alice).locked,
            "alice's locks"
        );
        assertEq(
            stakeManager.lockedBy(disputeModule, bob),
            stakeManager.stakeOf(bob).locked,
            "bob's locks"
        );
        _assertBooks();
    }
}
