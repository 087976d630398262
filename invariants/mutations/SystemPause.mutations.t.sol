// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {ISystemPause} from "../../contracts/interfaces/ISystemPause.sol";
import {SystemPauseProperties} from "../properties/SystemPauseProperties.sol";

/// @notice A registered module gone wrong: its `paused()` view reverts (etched over a real module).
/// @title SystemPauseMutations
/// @notice Must-fail tests: each breaks one SP or AU property on purpose (vm.store, vm.etch,
/// vm.mockCall, or a pranked call that skips governance's record) and shows that property's check
/// reports its id.
/// @dev Slots from `npm run forge -- inspect <Contract> storageLayout`: modules keep _owner in slot 0 and
/// _pendingOwner with _paused (byte 20) in slot 1, _parameters in slot 3; SystemPause keeps _owner in
/// slot 0; MandateTimelock keeps _minDelay in slot 2.
contract SystemPauseMutations is SystemPauseProperties {
    uint256 internal constant MODULE_SLOT_PAUSED_WORD = 1;
    uint256 internal constant MODULE_SLOT_PARAMETERS = 3;
    uint256 internal constant TIMELOCK_SLOT_MIN_DELAY = 2;
    /// @dev PauseHandler's actors: guardian candidates (guardian, two others), then outsiders from moduleA on.
    uint256 internal constant MODULE_A_ACTOR = 3;
    uint256 internal constant CALL_UNPAUSE_ALL = 1;
    uint256 internal constant CALL_SET_PARAMETER_ON_STAKE_MANAGER = 9;

    function setUp() public {
        _setUpPauseHandlers();
        stakeHandler.deposit(0, 100 ether);
        stakeHandler.lock(0, 0, 10 ether);
    }

    function test_allPropertiesHoldBeforeBreaking() public {
        pauseHandler.guardian_pauseAll(0);
        stakeHandler.deposit(1, 1 ether); // refused: paused
        pauseHandler.governance_unpauseAll();
        pauseHandler.governance_toggleLooseDirectly(); // the loose module paused outside the switch
        pauseHandler.guardian_pauseAll(0); // meets a mixed state
        pauseHandler.governance_unpauseAll(); // the loose module refuses: it stays paused
        assertEq(pauseHandler.ghost_mixedStateSwitches(), 1, "pauseAll met a mixed state");
        assertTrue(mockModule.paused() && !stakeManager.paused(), "the loose module stayed paused");
        _checkPause();
        _checkAuthority();
        _checkStakeConservation();
    }

    // ---------------------------------------------------------------- pause

    function test_SP07_caughtWhenPausedStatesReverts() public {
        pauseHandler.module_breakPausedView(1); // the loose module's paused() reverts
        pauseHandler.guardian_pauseAll(0); // the switch reports it, pauses StakeManager
        _checkPause(); // SP-02, SP-03 and SP-07 hold with an unreadable module
        vm.mockCallRevert(
            address(systemPause),
            abi.encodeCall(ISystemPause.pausedStates, ()),
            "pausedStates broken"
        );
        pauseHandler.governance_unpauseAll(); // the handler reads pausedStates after the switch
        _assertViolated("SP-07", this.check_SP07_pausedStatesAlwaysAnswer);
    }

    function test_SP01_caughtWhenActionRunsWhilePaused() public {
        pauseHandler.guardian_pauseAll(0);
        _setModulePausedBit(address(stakeManager), false); // StakeManager forgets it is paused
        stakeHandler.deposit(1, 1 ether); // the switch says paused: the handler expects a refusal
        _assertViolated("SP-01", this.check_SP01_pausedChangesNothing);
    }

    function test_SP02_caughtWhenPauseAllReverts() public {
        // The switch itself made to revert (as the seed system's did in a mixed state). A module whose
        // paused() view reverts no longer does this: SystemPause reports it and carries on.
        vm.mockCallRevert(
            address(systemPause),
            abi.encodeCall(ISystemPause.pauseAll, ()),
            "mixed state"
        );
        pauseHandler.guardian_pauseAll(0);
        _assertViolated("SP-02", this.check_SP02_switchNeverReverts);
    }

    function test_SP03_caughtWhenModuleIgnoresPause() public {
        vm.mockCall(address(mockModule), abi.encodeCall(IMandateModule.pause, ()), ""); // succeeds, does nothing
        pauseHandler.guardian_pauseAll(0);
        _assertViolated("SP-03", this.check_SP03_switchComplete);
    }

    function test_SP03_caughtWhenARemovedModuleStaysPaused() public {
        pauseHandler.guardian_pauseAll(0);
        assertTrue(mockModule.paused(), "setup: paused");
        vm.mockCall(address(mockModule), abi.encodeCall(IMandateModule.unpause, ()), ""); // does nothing
        pauseHandler.governance_registerLoose(); // governance removes it from the switch
        _assertViolated("SP-03", this.check_SP03_switchComplete);
    }

    function test_SP04_caughtWhenModulePausedOutsideTheSwitch() public {
        _setModulePausedBit(address(stakeManager), true);
        _assertViolated("SP-04", this.check_SP04_pausedMatchesSwitch);
    }

    function test_SP05_caughtWhenOutsiderUnpauses() public {
        pauseHandler.guardian_pauseAll(0);
        vm.store(address(systemPause), bytes32(0), bytes32(uint256(uint160(moduleA)))); // moduleA now owns the switch
        pauseHandler.unauthorised_call(MODULE_A_ACTOR, CALL_UNPAUSE_ALL, address(0));
        _assertViolated("SP-05", this.check_SP05_switchAuthority);
    }

    function test_SP06_caughtWhenGuardianAddedBehindGovernancesBack() public {
        vm.prank(address(timelock)); // a change that never went through schedule and execute
        systemPause.addGuardian(makeAddr("intruder"));
        _assertViolated("SP-06", this.check_SP06_switchWiring);
    }

    // ---------------------------------------------------------------- authority

    function test_AU01_caughtWhenOwnershipTransferPending() public {
        vm.prank(address(timelock));
        stakeManager.transferOwnership(moduleA);
        _assertViolated("AU-01", this.check_AU01_timelockOwnsAll);
    }

    function test_AU02_caughtWhenParameterOutOfBounds() public {
        bytes32 slot = keccak256(abi.encode(mockModule.FEE(), MODULE_SLOT_PARAMETERS));
        assertEq(
            uint256(vm.load(address(mockModule), slot)),
            mockModule.fee(),
            "layout: parameters"
        );
        vm.store(address(mockModule), slot, bytes32(uint256(1_001))); // FEE's upper bound is 1,000
        _assertViolated("AU-02", this.check_AU02_parametersWithinBounds);
    }

    function test_AU03_caughtWhenParameterChangedOutsideGovernance() public {
        bytes32 fee = mockModule.FEE();
        vm.prank(address(timelock)); // within bounds, so AU-02 still holds; but no operation set it
        mockModule.setParameter(fee, 7);
        check_AU02_parametersWithinBounds();
        _assertViolated("AU-03", this.check_AU03_parametersFromGovernanceOnly);
    }

    function test_AU04_caughtWhenOutsiderChangesParameter() public {
        vm.store(address(stakeManager), bytes32(0), bytes32(uint256(uint160(moduleA)))); // moduleA owns StakeManager
        pauseHandler.unauthorised_call(
            MODULE_A_ACTOR,
            CALL_SET_PARAMETER_ON_STAKE_MANAGER,
            address(0)
        );
        _assertViolated("AU-04", this.check_AU04_governanceOnlyThroughTimelock);
    }

    function test_AU05_caughtWhenOutsiderGetsProposerRole() public {
        bytes32 proposer = timelock.PROPOSER_ROLE();
        vm.prank(address(timelock));
        timelock.grantRole(proposer, moduleA);
        _assertViolated("AU-05", this.check_AU05_timelockRoles);
    }

    function test_AU06_caughtWhenOperationSkipsTheDelay() public {
        bytes32 slot = bytes32(TIMELOCK_SLOT_MIN_DELAY);
        assertEq(
            uint256(vm.load(address(timelock), slot)),
            timelock.getMinDelay(),
            "layout: min delay"
        );
        vm.store(address(timelock), slot, bytes32(0));
        pauseHandler.governance_setParameter(0, 50); // scheduled with delay 0: the early execute succeeds
        _assertViolated("AU-06", this.check_AU06_noEarlyExecution);
    }

    // ---------------------------------------------------------------- storage helpers

    function _setModulePausedBit(address module, bool paused) internal {
        bytes32 slot = bytes32(MODULE_SLOT_PAUSED_WORD);
        uint256 word = uint256(vm.load(module, slot));
        assertEq((word >> 160) & 0xff == 1, IMandateModule(module).paused(), "layout: paused flag");
        word = paused ? word | (uint256(1) << 160) : word & ~(uint256(0xff) << 160);
        vm.store(module, slot, bytes32(word));
    }
}
