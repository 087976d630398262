// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakeManagerProperties} from "../properties/StakeManagerProperties.sol";

/// @title StakeManagerMutations
/// @notice Must-fail tests: each breaks one SM property on purpose (storage corrupted with vm.store,
/// a balance moved with deal or a pranked transfer) and shows that property's check reports its id.
/// @dev Storage slots come from `npm run forge -- inspect StakeManager storageLayout`: _authorised 4
/// (ModuleAuthorisation), totalStaked 5,
/// _stakes 6, _lockedBy 7, _releasedByGovernance 8. Each test first checks the slot holds what the getter says,
/// so a layout change fails loudly instead of corrupting the wrong word.
contract StakeManagerMutations is StakeManagerProperties {
    uint256 internal constant SLOT_TOTAL_STAKED = 5;
    uint256 internal constant SLOT_STAKES = 6;
    uint256 internal constant SLOT_LOCKED_BY = 7;
    uint256 internal constant SLOT_RELEASED_BY_GOVERNANCE = 8;
    uint256 internal constant SLOT_AUTHORISED = 4;

    address internal staker0;
    address internal staker1;

    function setUp() public {
        _setUpStakeManagerHandler();
        staker0 = stakeHandler.actors()[0];
        staker1 = stakeHandler.actors()[1];
        // A small history through the handler: deposits, a lock by moduleA, a pending withdrawal, a donation.
        stakeHandler.deposit(0, 100 ether);
        stakeHandler.deposit(1, 50 ether);
        stakeHandler.lock(0, 0, 30 ether);
        stakeHandler.requestWithdrawal(1, 20 ether);
        stakeHandler.donate(5 ether);
        assertEq(stakeManager.lockedBy(moduleA, staker0), 30 ether, "setup: moduleA lock");
        assertEq(stakeManager.stakeOf(staker1).unbonding, 20 ether, "setup: staker1 unbonding");
    }

    function test_allPropertiesHoldBeforeBreaking() public view {
        _checkStakeConservation();
        _checkStakeSettlement();
        _checkStakeStateMachine();
    }

    function test_SM01_caughtWhenFreeStakeInflated() public {
        bytes32 slot = _stakeSlot(staker0);
        uint256 word = uint256(vm.load(address(stakeManager), slot));
        assertEq(uint128(word), stakeManager.stakeOf(staker0).free, "layout: free stake");
        vm.store(address(stakeManager), slot, bytes32(word + 1)); // free += 1
        _assertViolated("SM-01", this.check_SM01_accountConservation);
    }

    function test_SM02_caughtWhenTotalStakedDrifts() public {
        _bumpTotalStaked();
        _assertViolated("SM-02", this.check_SM02_totalIsSumOfAccounts);
    }

    function test_SM03_caughtWhenTokensLeakOut() public {
        deal(address(token), address(stakeManager), token.balanceOf(address(stakeManager)) - 1);
        _assertViolated("SM-03", this.check_SM03_solvency);
    }

    function test_SM04_caughtWhenTotalStakedCreatedFromNothing() public {
        _bumpTotalStaked();
        _assertViolated("SM-04", this.check_SM04_flowConservation);
    }

    function test_SM05_caughtWhenModuleLockMisattributed() public {
        bytes32 slot = keccak256(
            abi.encode(staker0, keccak256(abi.encode(moduleA, SLOT_LOCKED_BY)))
        );
        assertEq(uint256(vm.load(address(stakeManager), slot)), 30 ether, "layout: lockedBy");
        vm.store(address(stakeManager), slot, bytes32(uint256(29 ether)));
        _assertViolated("SM-05", this.check_SM05_locksAttributed);
    }

    function test_SM06_caughtWhenReleaseTimeMoved() public {
        _setReleaseAt(staker1, block.timestamp + 365 days);
        _assertViolated("SM-06", this.check_SM06_unbondingClock);
    }

    function test_SM07_caughtWhenStakeManagerPaysTheWrongAccount() public {
        vm.prank(address(stakeManager));
        token.transfer(staker0, 1 ether);
        _assertViolated("SM-07", this.check_SM07_walletSettlement);
    }

    function test_SM08_caughtWhenWithdrawalBeatsTheClock() public {
        _setReleaseAt(staker1, block.timestamp); // the contract now lets staker1 out at once
        stakeHandler.withdraw(1, 0); // the ghost says not yet: the handler tries, and it succeeds
        _assertViolated("SM-08", this.check_SM08_noEarlyWithdrawal);
    }

    function test_SM09_caughtWhenUnauthorisedModuleLocks() public {
        bytes32 slot = keccak256(abi.encode(moduleC, SLOT_AUTHORISED));
        assertEq(uint256(vm.load(address(stakeManager), slot)), 0, "layout: authorised");
        vm.store(address(stakeManager), slot, bytes32(uint256(1)));
        stakeHandler.lock(8, 0, 1 ether); // seed 8: moduleC as drawn (8 % 4 == 0); the ghost says not authorised
        assertEq(stakeHandler.ghost_unauthorisedLocks(), 1, "the handler saw the lock succeed");
        _assertViolated("SM-09", this.check_SM09_lockAuthority);
    }

    // ---------------------------------------------------------------- storage helpers

    /// SM-10's defect is the seed's: governance releases a revoked module's lock and nothing records
    /// it, so the module's own settlement of that lock would revert for good.
    function test_SM10_caughtWhenAGovernanceReleaseIsForgotten() public {
        vm.startPrank(address(timelock));
        stakeManager.setModuleAuthorisation(moduleA, false);
        stakeManager.releaseFromRevokedModule(moduleA, staker0);
        vm.stopPrank();
        check_SM10_retiredModuleCasesFinish(); // recorded: the books still balance
        bytes32 slot = keccak256(
            abi.encode(staker0, keccak256(abi.encode(moduleA, SLOT_RELEASED_BY_GOVERNANCE)))
        );
        assertEq(uint256(vm.load(address(stakeManager), slot)), 30 ether, "layout: released");
        vm.store(address(stakeManager), slot, bytes32(0));
        _assertViolated("SM-10", this.check_SM10_retiredModuleCasesFinish);
    }

    function _stakeSlot(address account) internal pure returns (bytes32) {
        return keccak256(abi.encode(account, SLOT_STAKES));
    }

    function _bumpTotalStaked() internal {
        bytes32 slot = bytes32(SLOT_TOTAL_STAKED);
        uint256 total = uint256(vm.load(address(stakeManager), slot));
        assertEq(total, stakeManager.totalStaked(), "layout: totalStaked");
        vm.store(address(stakeManager), slot, bytes32(total + 1));
    }

    /// @dev The second word of a Stake: unbonding in the low 128 bits, unbondingReleaseAt in the next 64.
    function _setReleaseAt(address account, uint256 releaseAt) internal {
        bytes32 slot = bytes32(uint256(_stakeSlot(account)) + 1);
        uint256 word = uint256(vm.load(address(stakeManager), slot));
        assertEq(uint128(word), stakeManager.stakeOf(account).unbonding, "layout: unbonding");
        assertEq(
            uint64(word >> 128),
            stakeManager.stakeOf(account).unbondingReleaseAt,
            "layout: release time"
        );
        vm.store(address(stakeManager), slot, bytes32((releaseAt << 128) | uint128(word)));
    }
}
