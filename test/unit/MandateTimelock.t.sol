// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";

import {Base_Test} from "../utils/Base.t.sol";
import {Defaults} from "../utils/Defaults.sol";

/// @title MandateTimelock_Unit_Test
/// @notice The owner of every module: a TimelockController whose minimum delay is bounded, with no
/// admin but itself, whose proposers (the owners' Safe) are also cancellers.
contract MandateTimelock_Unit_Test is Base_Test {
    uint256 internal constant FLOOR = 1 hours;
    uint256 internal constant CEILING = 30 days;
    /// @dev TimelockController's bitmap for "expected state: Ready" (bit 2 of Unset, Waiting, Ready, Done).
    bytes32 internal constant READY_BIT = bytes32(uint256(1 << 2));

    bytes32 internal DEFAULT_ADMIN_ROLE;
    bytes32 internal PROPOSER_ROLE;
    bytes32 internal EXECUTOR_ROLE;
    bytes32 internal CANCELLER_ROLE;

    function setUp() public override {
        super.setUp();
        DEFAULT_ADMIN_ROLE = timelock.DEFAULT_ADMIN_ROLE();
        PROPOSER_ROLE = timelock.PROPOSER_ROLE();
        EXECUTOR_ROLE = timelock.EXECUTOR_ROLE();
        CANCELLER_ROLE = timelock.CANCELLER_ROLE();
    }

    // ---------------------------------------------------------------- constructor

    function test_Constructor_SetsDelayAndBounds() public view {
        assertEq(timelock.getMinDelay(), Defaults.TIMELOCK_DELAY);
        assertEq(timelock.MIN_DELAY_FLOOR(), FLOOR);
        assertEq(timelock.MIN_DELAY_CEILING(), CEILING);
    }

    function test_Constructor_NoAdminButItself() public view {
        assertTrue(timelock.hasRole(DEFAULT_ADMIN_ROLE, address(timelock)));
        assertFalse(timelock.hasRole(DEFAULT_ADMIN_ROLE, address(this)), "deployer is not admin");
        assertFalse(timelock.hasRole(DEFAULT_ADMIN_ROLE, ownersSafe), "the Safe is not admin");
        assertFalse(timelock.hasRole(DEFAULT_ADMIN_ROLE, address(0)));
        assertEq(timelock.getRoleAdmin(PROPOSER_ROLE), DEFAULT_ADMIN_ROLE);
        assertEq(timelock.getRoleAdmin(EXECUTOR_ROLE), DEFAULT_ADMIN_ROLE);
        assertEq(timelock.getRoleAdmin(CANCELLER_ROLE), DEFAULT_ADMIN_ROLE);
    }

    function test_Constructor_ProposersAreCancellers() public view {
        assertTrue(timelock.hasRole(PROPOSER_ROLE, ownersSafe));
        assertTrue(timelock.hasRole(CANCELLER_ROLE, ownersSafe));
        assertTrue(timelock.hasRole(EXECUTOR_ROLE, ownersSafe));
        assertFalse(timelock.hasRole(EXECUTOR_ROLE, address(0)), "execution is not open to anyone");
        assertFalse(timelock.hasRole(PROPOSER_ROLE, guardian));
    }

    function test_Constructor_EmitsMinDelayChange() public {
        vm.expectEmit();
        emit TimelockController.MinDelayChange(0, FLOOR);
        new MandateTimelock(FLOOR, _one(ownersSafe), _one(ownersSafe));
    }

    function test_RevertWhen_ConstructorDelayBelowFloor() public {
        _expectDelayOutOfBounds(FLOOR - 1);
        new MandateTimelock(FLOOR - 1, _one(ownersSafe), _one(ownersSafe));
    }

    function test_Constructor_DelayAtFloor() public {
        assertEq(
            new MandateTimelock(FLOOR, _one(ownersSafe), _one(ownersSafe)).getMinDelay(),
            FLOOR
        );
    }

    function test_Constructor_DelayAtCeiling() public {
        assertEq(
            new MandateTimelock(CEILING, _one(ownersSafe), _one(ownersSafe)).getMinDelay(),
            CEILING
        );
    }

    function test_RevertWhen_ConstructorDelayAboveCeiling() public {
        _expectDelayOutOfBounds(CEILING + 1);
        new MandateTimelock(CEILING + 1, _one(ownersSafe), _one(ownersSafe));
    }

    function test_RevertWhen_ConstructorDelayZero() public {
        _expectDelayOutOfBounds(0);
        new MandateTimelock(0, _one(ownersSafe), _one(ownersSafe));
    }

    function testFuzz_Constructor_DelayBounded(uint256 delay) public {
        if (delay < FLOOR || delay > CEILING) {
            _expectDelayOutOfBounds(delay);
            new MandateTimelock(delay, _one(ownersSafe), _one(ownersSafe));
        } else {
            assertEq(
                new MandateTimelock(delay, _one(ownersSafe), _one(ownersSafe)).getMinDelay(),
                delay
            );
        }
    }

    // ---------------------------------------------------------------- updateDelay

    function test_UpdateDelay_ThroughTimelock() public {
        bytes memory data = abi.encodeCall(TimelockController.updateDelay, (7 days));
        bytes32 salt = _scheduleViaTimelock(address(timelock), data);
        vm.expectEmit(address(timelock));
        emit TimelockController.MinDelayChange(Defaults.TIMELOCK_DELAY, 7 days);
        _executeScheduled(address(timelock), data, salt);
        assertEq(timelock.getMinDelay(), 7 days);
    }

    function test_UpdateDelay_ToFloorThroughTimelock() public {
        _executeViaTimelock(
            address(timelock),
            abi.encodeCall(TimelockController.updateDelay, (FLOOR))
        );
        assertEq(timelock.getMinDelay(), FLOOR);
    }

    function test_UpdateDelay_ToCeilingThroughTimelock() public {
        _executeViaTimelock(
            address(timelock),
            abi.encodeCall(TimelockController.updateDelay, (CEILING))
        );
        assertEq(timelock.getMinDelay(), CEILING);
    }

    function test_RevertWhen_UpdateDelayBelowFloorThroughTimelock() public {
        _executeViaTimelockExpectRevert(
            address(timelock),
            abi.encodeCall(TimelockController.updateDelay, (FLOOR - 1)),
            abi.encodeWithSelector(
                MandateTimelock.MandateTimelock_DelayOutOfBounds.selector,
                FLOOR - 1,
                FLOOR,
                CEILING
            )
        );
        assertEq(timelock.getMinDelay(), Defaults.TIMELOCK_DELAY);
    }

    function test_RevertWhen_UpdateDelayAboveCeilingThroughTimelock() public {
        _executeViaTimelockExpectRevert(
            address(timelock),
            abi.encodeCall(TimelockController.updateDelay, (CEILING + 1)),
            abi.encodeWithSelector(
                MandateTimelock.MandateTimelock_DelayOutOfBounds.selector,
                CEILING + 1,
                FLOOR,
                CEILING
            )
        );
    }

    function test_RevertWhen_UpdateDelayCallerNotTimelock() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnauthorizedCaller.selector,
                ownersSafe
            )
        );
        vm.prank(ownersSafe);
        timelock.updateDelay(7 days);
    }

    function testFuzz_UpdateDelay_BoundedThroughTimelock(uint256 delay) public {
        bytes memory data = abi.encodeCall(TimelockController.updateDelay, (delay));
        if (delay < FLOOR || delay > CEILING) {
            _executeViaTimelockExpectRevert(
                address(timelock),
                data,
                abi.encodeWithSelector(
                    MandateTimelock.MandateTimelock_DelayOutOfBounds.selector,
                    delay,
                    FLOOR,
                    CEILING
                )
            );
            assertEq(timelock.getMinDelay(), Defaults.TIMELOCK_DELAY);
        } else {
            _executeViaTimelock(address(timelock), data);
            assertEq(timelock.getMinDelay(), delay);
        }
    }

    // ---------------------------------------------------------------- roles

    function test_RevertWhen_ScheduleCallerNotProposer() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                guardian,
                PROPOSER_ROLE
            )
        );
        vm.prank(guardian);
        timelock.schedule(address(moduleA), 0, "", bytes32(0), bytes32(0), Defaults.TIMELOCK_DELAY);
    }

    function test_RevertWhen_ScheduleBelowMinDelay() public {
        uint256 delay = Defaults.TIMELOCK_DELAY - 1;
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockInsufficientDelay.selector,
                delay,
                Defaults.TIMELOCK_DELAY
            )
        );
        vm.prank(ownersSafe);
        timelock.schedule(address(moduleA), 0, "", bytes32(0), bytes32(0), delay);
    }

    function test_RevertWhen_ExecuteCallerNotExecutor() public {
        bytes memory data = abi.encodeCall(TimelockController.updateDelay, (7 days));
        bytes32 salt = _scheduleViaTimelock(address(timelock), data);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                eve,
                EXECUTOR_ROLE
            )
        );
        vm.prank(eve);
        timelock.execute(address(timelock), 0, data, bytes32(0), salt);
    }

    function test_RevertWhen_ExecuteBeforeDelay() public {
        bytes memory data = abi.encodeCall(TimelockController.updateDelay, (7 days));
        bytes32 salt = bytes32("early");
        vm.prank(ownersSafe);
        timelock.schedule(address(timelock), 0, data, bytes32(0), salt, Defaults.TIMELOCK_DELAY);
        bytes32 id = timelock.hashOperation(address(timelock), 0, data, bytes32(0), salt);

        vm.warp(block.timestamp + Defaults.TIMELOCK_DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                id,
                READY_BIT
            )
        );
        vm.prank(ownersSafe);
        timelock.execute(address(timelock), 0, data, bytes32(0), salt);
    }

    function test_Cancel_ByProposer() public {
        bytes memory data = abi.encodeCall(TimelockController.updateDelay, (7 days));
        bytes32 salt = bytes32("cancel");
        vm.prank(ownersSafe);
        timelock.schedule(address(timelock), 0, data, bytes32(0), salt, Defaults.TIMELOCK_DELAY);
        bytes32 id = timelock.hashOperation(address(timelock), 0, data, bytes32(0), salt);

        vm.expectEmit(address(timelock));
        emit TimelockController.Cancelled(id);
        vm.prank(ownersSafe);
        timelock.cancel(id);
        assertFalse(timelock.isOperation(id));

        vm.warp(block.timestamp + Defaults.TIMELOCK_DELAY);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                id,
                READY_BIT
            )
        );
        vm.prank(ownersSafe);
        timelock.execute(address(timelock), 0, data, bytes32(0), salt);
    }

    function test_RevertWhen_CancelCallerNotCanceller() public {
        bytes32 salt = _scheduleViaTimelock(address(moduleA), "");
        bytes32 id = timelock.hashOperation(address(moduleA), 0, "", bytes32(0), salt);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                guardian,
                CANCELLER_ROLE
            )
        );
        vm.prank(guardian);
        timelock.cancel(id);
    }

    function test_RevertWhen_GrantRoleDirectly() public {
        // Nobody holds the admin role but the timelock, so role changes must pass the delay.
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                ownersSafe,
                DEFAULT_ADMIN_ROLE
            )
        );
        vm.prank(ownersSafe);
        timelock.grantRole(PROPOSER_ROLE, eve);
    }

    function test_RevertWhen_RevokeRoleDirectly() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                ownersSafe,
                DEFAULT_ADMIN_ROLE
            )
        );
        vm.prank(ownersSafe);
        timelock.revokeRole(EXECUTOR_ROLE, ownersSafe);
    }

    function test_RevokeRole_ThroughTimelock() public {
        bytes32 id;
        bytes memory data = abi.encodeCall(IAccessControl.revokeRole, (CANCELLER_ROLE, ownersSafe));
        bytes32 salt = _scheduleViaTimelock(address(timelock), data);
        id = timelock.hashOperation(address(timelock), 0, data, bytes32(0), salt);
        _executeScheduled(address(timelock), data, salt);
        assertTrue(timelock.isOperationDone(id));
        assertFalse(timelock.hasRole(CANCELLER_ROLE, ownersSafe));
        assertTrue(timelock.hasRole(PROPOSER_ROLE, ownersSafe));
    }

    function test_GrantRole_ThroughTimelock() public {
        address newSafe = makeAddr("NewOwnersSafe");
        _executeViaTimelock(
            address(timelock),
            abi.encodeCall(IAccessControl.grantRole, (PROPOSER_ROLE, newSafe))
        );
        assertTrue(timelock.hasRole(PROPOSER_ROLE, newSafe));
        // Granting the proposer role later does not make the account a canceller.
        assertFalse(timelock.hasRole(CANCELLER_ROLE, newSafe));
    }

    function test_OwnsEveryModule() public view {
        assertEq(stakeManager.owner(), address(timelock));
        assertEq(moduleA.owner(), address(timelock));
        assertEq(moduleB.owner(), address(timelock));
        assertEq(systemPause.owner(), address(timelock));
    }

    function _expectDelayOutOfBounds(uint256 delay) private {
        vm.expectRevert(
            abi.encodeWithSelector(
                MandateTimelock.MandateTimelock_DelayOutOfBounds.selector,
                delay,
                FLOOR,
                CEILING
            )
        );
    }
}
