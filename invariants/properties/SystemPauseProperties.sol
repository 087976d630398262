// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {IPauseOracle} from "../base/HandlerBase.sol";
import {PauseHandler} from "../handlers/PauseHandler.sol";
import {StakeManagerProperties} from "./StakeManagerProperties.sol";

/// @title SystemPauseProperties
/// @notice The pause (SP-xx) and authority (AU-xx) properties of invariants/PROPERTIES.md as read-only
/// checks over the deployed system: SystemPause with its guardians, the modules on the common base,
/// and the timelock. Stakers keep acting (StakeManagerHandler) while guardians pause and governance
/// unpauses at random, so the stake properties are checked here too.
abstract contract SystemPauseProperties is StakeManagerProperties {
    PauseHandler internal pauseHandler;

    function _setUpPauseHandlers() internal {
        _setUpStakeManagerHandler();
        address[] memory guardians = new address[](1);
        guardians[0] = guardian;
        address[] memory others = new address[](3);
        others[0] = moduleA;
        others[1] = stakeHandler.actors()[0];
        others[2] = address(stakeHandler);
        pauseHandler = new PauseHandler(
            systemPause,
            stakeManager,
            mockModule,
            timelock,
            governanceSafe,
            guardians,
            others
        );
        stakeHandler.setPauseOracle(IPauseOracle(address(pauseHandler)));
    }

    function _pauseHandlerSelectors() internal pure returns (bytes4[] memory selectors) {
        selectors = new bytes4[](12);
        selectors[0] = PauseHandler.guardian_pauseAll.selector;
        selectors[1] = PauseHandler.governance_unpauseAll.selector;
        selectors[2] = PauseHandler.governance_setGuardian.selector;
        selectors[3] = PauseHandler.governance_moveLoosePauser.selector;
        selectors[4] = PauseHandler.governance_toggleLooseDirectly.selector;
        selectors[5] = PauseHandler.governance_registerLoose.selector;
        selectors[6] = PauseHandler.governance_setParameter.selector;
        selectors[7] = PauseHandler.governance_updateDelay.selector;
        selectors[8] = PauseHandler.unauthorised_call.selector;
        selectors[9] = PauseHandler.warp.selector;
        selectors[10] = PauseHandler.guardian_pauseAll.selector; // guardians pause about as often as governance acts
        selectors[11] = PauseHandler.module_breakPausedView.selector;
    }

    // ---------------------------------------------------------------- pause

    /// SP-01: while the switch is paused, every user and module action on StakeManager reverts and
    /// changes no stake, total or balance.
    function check_SP01_pausedChangesNothing() public view {
        _eq(
            stakeHandler.ghost_pausedActionSuccesses(),
            0,
            "SP-01 a user action succeeded while paused"
        );
        _eq(
            stakeHandler.ghost_pausedStateChanges(),
            0,
            "SP-01 a refused action changed state while paused"
        );
    }

    /// SP-02: pauseAll (by a guardian) and unpauseAll (by governance) never revert, whatever mix of
    /// paused, running, foreign-paused, unregistered and unreadable modules the system is in.
    function check_SP02_switchNeverReverts() public view {
        _eq(
            pauseHandler.ghost_switchReverts(),
            0,
            "SP-02 pauseAll or unpauseAll reverted for an authorised caller"
        );
    }

    /// SP-03: after pauseAll every registered module the switch drives is paused; after unpauseAll every one runs.
    function check_SP03_switchComplete() public view {
        _eq(
            pauseHandler.ghost_switchIncomplete(),
            0,
            "SP-03 a module driven by the switch missed pauseAll/unpauseAll"
        );
    }

    /// SP-04: StakeManager is paused exactly when the last switch action was a pause: nothing else
    /// pauses it, and only governance's unpauseAll resumes it.
    function check_SP04_pausedMatchesSwitch() public view {
        _eq(
            stakeManager.paused(),
            pauseHandler.ghost_systemPaused(),
            "SP-04 StakeManager paused state differs from the switch"
        );
    }

    /// SP-05: only guardians and governance pause; only governance unpauses; nobody but SystemPause
    /// pauses a module it drives.
    function check_SP05_switchAuthority() public view {
        _eq(
            pauseHandler.ghost_unauthorisedSwitches(),
            0,
            "SP-05 someone not allowed paused or unpaused"
        );
    }

    /// SP-06: guardians, registered modules and module pausers are exactly what governance set.
    function check_SP06_switchWiring() public view {
        address[] memory candidates = pauseHandler.guardianCandidates();
        uint256 expectedGuardians;
        for (uint256 i; i < candidates.length; ++i) {
            bool expected = pauseHandler.ghost_isGuardian(candidates[i]);
            if (expected) ++expectedGuardians;
            _eq(
                systemPause.isGuardian(candidates[i]),
                expected,
                "SP-06 guardian set differs from governance's"
            );
        }
        _eq(
            systemPause.guardians().length,
            expectedGuardians,
            "SP-06 guardian count differs from governance's"
        );
        bool looseRegistered = pauseHandler.ghost_looseRegistered();
        _true(systemPause.isModule(address(stakeManager)), "SP-06 StakeManager left the switch");
        _eq(
            systemPause.isModule(address(mockModule)),
            looseRegistered,
            "SP-06 module list differs from governance's"
        );
        _eq(
            systemPause.modules().length,
            looseRegistered ? 2 : 1,
            "SP-06 module count differs from governance's"
        );
        _eq(
            stakeManager.pauser(),
            address(systemPause),
            "SP-06 StakeManager's pauser is not SystemPause"
        );
        address loosePauser =
            pauseHandler.ghost_loosePauserIsSwitch() ? address(systemPause) : address(timelock);
        _eq(mockModule.pauser(), loosePauser, "SP-06 module pauser differs from governance's");
    }

    /// SP-07: `pausedStates()` never reverts, and reports every module as its `paused()` answers an
    /// outside caller: Paused, Running, or Unreadable when that answer is a revert or not one boolean.
    function check_SP07_pausedStatesAlwaysAnswer() public view {
        _eq(
            pauseHandler.ghost_pausedStatesWrong(),
            0,
            "SP-07 pausedStates reverted or misreported a module"
        );
    }

    // ---------------------------------------------------------------- authority

    /// AU-01: the timelock owns SystemPause and every module, and no ownership transfer is pending.
    function check_AU01_timelockOwnsAll() public view {
        address[3] memory owned = [
            address(systemPause),
            address(stakeManager),
            address(mockModule)
        ];
        for (uint256 i; i < owned.length; ++i) {
            _eq(
                Ownable2Step(owned[i]).owner(),
                address(timelock),
                "AU-01 owner is not the timelock"
            );
            _eq(
                Ownable2Step(owned[i]).pendingOwner(),
                address(0),
                "AU-01 an ownership transfer is pending"
            );
        }
    }

    /// AU-02: every parameter of every module and the timelock delay lie within their bounds, and
    /// governance's changes were accepted exactly when within bounds.
    function check_AU02_parametersWithinBounds() public view {
        address[] memory modules = pauseHandler.watchedModules();
        for (uint256 m; m < modules.length; ++m) {
            IMandateModule module = IMandateModule(modules[m]);
            bytes32[] memory keys = module.parameterKeys();
            for (uint256 k; k < keys.length; ++k) {
                (uint256 min, uint256 max) = module.parameterBounds(keys[k]);
                uint256 value = module.parameter(keys[k]);
                _ge(value, min, "AU-02 parameter below its lower bound");
                _le(value, max, "AU-02 parameter above its upper bound");
            }
        }
        uint256 delay = timelock.getMinDelay();
        _ge(delay, timelock.MIN_DELAY_FLOOR(), "AU-02 timelock delay below its floor");
        _le(delay, timelock.MIN_DELAY_CEILING(), "AU-02 timelock delay above its ceiling");
        _eq(
            pauseHandler.ghost_boundsMismatches(),
            0,
            "AU-02 a change was accepted out of bounds or refused within"
        );
    }

    /// AU-03: every parameter and the timelock delay hold the value governance last executed: nothing
    /// else changes them.
    function check_AU03_parametersFromGovernanceOnly() public view {
        bytes32[] memory keys = mockModule.parameterKeys();
        for (uint256 k; k < keys.length; ++k) {
            _eq(
                mockModule.parameter(keys[k]),
                pauseHandler.ghost_parameter(address(mockModule), keys[k]),
                "AU-03 parameter differs from governance's last change"
            );
        }
        _eq(
            stakeManager.unbondingPeriod(),
            stakeHandler.ghost_unbondingPeriod(),
            "AU-03 unbonding period differs from governance's last change"
        );
        _eq(
            timelock.getMinDelay(),
            pauseHandler.ghost_minDelay(),
            "AU-03 timelock delay differs from governance's last change"
        );
    }

    /// AU-04: every governance-only call from anyone but the timelock (strangers, guardians, modules,
    /// stakers, the owners' Safe directly) reverts.
    function check_AU04_governanceOnlyThroughTimelock() public view {
        _eq(
            pauseHandler.ghost_unauthorisedGovernance(),
            0,
            "AU-04 a governance-only call succeeded without the timelock"
        );
    }

    /// AU-05: the timelock administers itself; the owners' Safe alone proposes, executes and cancels;
    /// no guardian, module, staker, stranger or the deployer holds any timelock role.
    function check_AU05_timelockRoles() public view {
        bytes32 admin = timelock.DEFAULT_ADMIN_ROLE();
        bytes32[3] memory safeRoles = [
            timelock.PROPOSER_ROLE(),
            timelock.EXECUTOR_ROLE(),
            timelock.CANCELLER_ROLE()
        ];
        _true(
            timelock.hasRole(admin, address(timelock)),
            "AU-05 the timelock no longer administers itself"
        );
        for (uint256 r; r < 3; ++r) {
            _true(
                timelock.hasRole(safeRoles[r], governanceSafe),
                "AU-05 the owners' Safe lost a role"
            );
        }
        _true(!timelock.hasRole(admin, governanceSafe), "AU-05 the owners' Safe became admin");
        // Everyone the pause handler acts as (guardians, a module, a staker, the stake handler, a
        // stranger) and the deployer: the accounts that try grantRole and the like.
        address[] memory outsiders = pauseHandler.actors();
        for (uint256 i; i <= outsiders.length; ++i) {
            address account = i < outsiders.length ? outsiders[i] : address(this);
            if (account == governanceSafe) continue;
            _true(!timelock.hasRole(admin, account), "AU-05 an outsider holds the admin role");
            for (uint256 r; r < 3; ++r) {
                _true(
                    !timelock.hasRole(safeRoles[r], account),
                    "AU-05 an outsider holds a timelock role"
                );
            }
        }
    }

    /// AU-06: no governance operation executes less than the timelock delay after it was scheduled.
    function check_AU06_noEarlyExecution() public view {
        _eq(
            pauseHandler.ghost_earlyExecutions() + stakeHandler.ghost_earlyExecutions(),
            0,
            "AU-06 an operation executed in the block it was scheduled"
        );
    }

    function _checkPause() internal view {
        check_SP01_pausedChangesNothing();
        check_SP02_switchNeverReverts();
        check_SP03_switchComplete();
        check_SP04_pausedMatchesSwitch();
        check_SP05_switchAuthority();
        check_SP06_switchWiring();
        check_SP07_pausedStatesAlwaysAnswer();
    }

    function _checkAuthority() internal view {
        check_AU01_timelockOwnsAll();
        check_AU02_parametersWithinBounds();
        check_AU03_parametersFromGovernanceOnly();
        check_AU04_governanceOnlyThroughTimelock();
        check_AU05_timelockRoles();
        check_AU06_noEarlyExecution();
    }
}
