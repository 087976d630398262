// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {IModuleAuthorisation} from "../../contracts/interfaces/IModuleAuthorisation.sol";
import {IStakeManager} from "../../contracts/interfaces/IStakeManager.sol";
import {ISystemPause} from "../../contracts/interfaces/ISystemPause.sol";
import {SystemPause} from "../../contracts/pause/SystemPause.sol";
import {HandlerBase} from "../base/HandlerBase.sol";

/// @title PauseHandler
/// @notice Drives the switch as deployed: guardians pause at random, governance unpauses through the
/// timelock, governance reshapes the system (guardians, module list, a module's pauser, parameters,
/// the timelock delay), and strangers, guardians and modules try what only governance may do.
/// @dev Mixed states (some modules paused, some running) come from governance moving the second
/// module's pauser to the timelock and toggling it directly, and from removing and re-adding it.
contract PauseHandler is HandlerBase {
    SystemPause public immutable systemPause;
    /// @notice StakeManager: always registered, its pauser always SystemPause.
    IMandateModule public immutable coreModule;
    /// @notice The module governance moves in and out of the switch.
    IMandateModule public immutable looseModule;

    address[] internal _guardianCandidates;
    address[] internal _strangers;

    // ------------------------------------------------------------ ghost state
    /// @notice The switch as governance and the guardians set it: true after pauseAll, false after unpauseAll.
    bool public ghost_systemPaused;
    /// @notice Whether SystemPause is the loose module's pauser.
    bool public ghost_loosePauserIsSwitch = true;
    bool public ghost_looseRegistered = true;
    mapping(address account => bool) public ghost_isGuardian;
    /// @notice Parameter values as governance last set them, per module and key.
    mapping(address module => mapping(bytes32 key => uint256)) public ghost_parameter;
    uint256 public ghost_minDelay;

    /// @notice pauseAll or unpauseAll reverted for an authorised caller (SP-02: must stay 0).
    uint256 public ghost_switchReverts;
    /// @notice A successful pauseAll/unpauseAll left a module driven by the switch in the other state (SP-03).
    uint256 public ghost_switchIncomplete;
    /// @notice pauseAll/unpauseAll or a module's pause succeeded for a caller not allowed to (SP-05).
    uint256 public ghost_unauthorisedSwitches;
    /// @notice A governance-only call succeeded from an account that is not the timelock (AU-04).
    uint256 public ghost_unauthorisedGovernance;
    /// @notice Governance changes whose outcome did not match their bounds (accepted out of bounds or refused within).
    uint256 public ghost_boundsMismatches;
    /// @notice Guardian pauses that found the system already paused, and pauses in a mixed state.
    uint256 public ghost_mixedStateSwitches;
    /// @notice How the loose module now answers `paused()` to outside callers: 0 honestly, 1 with a
    /// revert, 2 with a number that is not a boolean (a broken upgrade; see `module_breakPausedView`).
    uint8 public ghost_looseAnswer;
    /// @notice Switch actions taken while the loose module's `paused()` could not be read (shows the
    /// campaign reaches the state: the mocked answer lasts until the next `module_breakPausedView`).
    uint256 public ghost_unreadableSwitches;
    /// @notice `pausedStates()` reverted, or reported a module other than as it answers (SP-07: must stay 0).
    uint256 public ghost_pausedStatesWrong;

    constructor(
        SystemPause systemPause_,
        IMandateModule coreModule_,
        IMandateModule looseModule_,
        MandateTimelock timelock_,
        address governanceSafe_,
        address[] memory guardians_,
        address[] memory otherAccounts
    ) HandlerBase(timelock_, governanceSafe_) {
        systemPause = systemPause_;
        coreModule = coreModule_;
        looseModule = looseModule_;
        for (uint256 i; i < guardians_.length; ++i) {
            _guardianCandidates.push(guardians_[i]);
            ghost_isGuardian[guardians_[i]] = true;
        }
        _guardianCandidates.push(makeAddr("guardianCandidate0"));
        _guardianCandidates.push(makeAddr("guardianCandidate1"));
        for (uint256 i; i < otherAccounts.length; ++i) {
            _strangers.push(otherAccounts[i]);
        }
        _strangers.push(makeAddr("stranger"));
        _strangers.push(governanceSafe_); // the Safe itself must also go through the timelock
        for (uint256 i; i < _guardianCandidates.length; ++i) {
            _actors.push(_guardianCandidates[i]);
        }
        for (uint256 i; i < _strangers.length; ++i) {
            _actors.push(_strangers[i]);
        }
        IMandateModule[2] memory mods = [coreModule_, looseModule_];
        for (uint256 m; m < 2; ++m) {
            bytes32[] memory keys = mods[m].parameterKeys();
            for (uint256 k; k < keys.length; ++k) {
                ghost_parameter[address(mods[m])][keys[k]] = mods[m].parameter(keys[k]);
            }
        }
        ghost_minDelay = timelock_.getMinDelay();
    }

    /// @notice The modules whose parameters and ownership the suite watches.
    function watchedModules() external view returns (address[] memory list) {
        list = new address[](2);
        list[0] = address(coreModule);
        list[1] = address(looseModule);
    }

    /// @notice Everyone who ever was or could become a guardian.
    function guardianCandidates() external view returns (address[] memory) {
        return _guardianCandidates;
    }

    // ------------------------------------------------------------ the switch

    /// @dev A guardian pauses at any moment, whatever state each module is in.
    function guardian_pauseAll(uint256 guardianSeed) external {
        _called("guardian_pauseAll");
        address guardian = _currentGuardian(guardianSeed);
        if (guardian == address(0)) return;
        if (_mixedState()) ++ghost_mixedStateSwitches;
        (bool looseReadable, ) = _readPaused(address(looseModule));
        if (!looseReadable) ++ghost_unreadableSwitches;
        vm.prank(guardian);
        try systemPause.pauseAll() {
            ghost_systemPaused = true;
            _checkSwitchComplete(true);
            _succeeded("guardian_pauseAll");
        } catch {
            ++ghost_switchReverts;
        }
    }

    /// @dev Only governance unpauses, through the timelock like every other governance call.
    function governance_unpauseAll() external {
        _called("governance_unpauseAll");
        if (_mixedState()) ++ghost_mixedStateSwitches;
        (bool looseReadable, ) = _readPaused(address(looseModule));
        if (!looseReadable) ++ghost_unreadableSwitches;
        if (!_governance(address(systemPause), abi.encodeCall(ISystemPause.unpauseAll, ()))) {
            ++ghost_switchReverts;
            return;
        }
        ghost_systemPaused = false;
        _checkSwitchComplete(false);
        _succeeded("governance_unpauseAll");
    }

    // ------------------------------------------------------------ governance reshaping the system

    function governance_setGuardian(uint256 candidateSeed, bool add) external {
        _called("governance_setGuardian");
        address candidate = _guardianCandidates[candidateSeed % _guardianCandidates.length];
        if (ghost_isGuardian[candidate] == add) return;
        bytes memory data =
            add
                ? abi.encodeCall(ISystemPause.addGuardian, (candidate))
                : abi.encodeCall(ISystemPause.removeGuardian, (candidate));
        require(_governance(address(systemPause), data), "governance guardian change failed");
        ghost_isGuardian[candidate] = add;
        _succeeded("governance_setGuardian");
    }

    /// @dev Moves the loose module's pauser between the switch and the timelock.
    function governance_moveLoosePauser() external {
        _called("governance_moveLoosePauser");
        address newPauser = ghost_loosePauserIsSwitch ? address(timelock) : address(systemPause);
        require(
            _governance(
                address(looseModule),
                abi.encodeCall(IMandateModule.setPauser, (newPauser))
            ),
            "governance setPauser failed"
        );
        ghost_loosePauserIsSwitch = !ghost_loosePauserIsSwitch;
        _succeeded("governance_moveLoosePauser");
    }

    /// @dev Governance takes the loose module off the switch (its pauser becomes the timelock) and flips
    /// it directly: the switch then meets a module in the other state that refuses its calls.
    function governance_toggleLooseDirectly() external {
        _called("governance_toggleLooseDirectly");
        if (ghost_loosePauserIsSwitch) {
            require(
                _governance(
                    address(looseModule),
                    abi.encodeCall(IMandateModule.setPauser, (address(timelock)))
                ),
                "governance setPauser failed"
            );
            ghost_loosePauserIsSwitch = false;
        }
        // The module's own flag (storage), not its possibly broken outside answer.
        bool flag =
            (uint256(vm.load(address(looseModule), bytes32(uint256(1)))) >> 160) & 0xff == 1;
        bytes memory data =
            flag
                ? abi.encodeCall(IMandateModule.unpause, ())
                : abi.encodeCall(IMandateModule.pause, ());
        require(_governance(address(looseModule), data), "governance direct toggle failed");
        _succeeded("governance_toggleLooseDirectly");
    }

    /// @dev Removes the loose module from the switch, or adds it back when its pauser is the switch.
    function governance_registerLoose() external {
        _called("governance_registerLoose");
        bytes memory data;
        if (ghost_looseRegistered) {
            data = abi.encodeCall(ISystemPause.removeModule, (address(looseModule)));
        } else {
            if (!ghost_loosePauserIsSwitch) return;
            data = abi.encodeCall(ISystemPause.addModule, (address(looseModule)));
        }
        require(_governance(address(systemPause), data), "governance module registration failed");
        // A removal unpauses the module when the switch is its pauser and its state can be read.
        if (ghost_looseRegistered && ghost_loosePauserIsSwitch && ghost_looseAnswer == 0) {
            if (looseModule.paused()) ++ghost_switchIncomplete;
        }
        ghost_looseRegistered = !ghost_looseRegistered;
        _succeeded("governance_registerLoose");
    }

    /// @dev Any value for any key of the loose module: governance's change must succeed exactly within
    /// bounds. (StakeManager's parameter belongs to StakeManagerHandler, which mirrors it for unbonding.)
    function governance_setParameter(uint256 keySeed, uint256 value) external {
        _called("governance_setParameter");
        IMandateModule module = looseModule;
        bytes32[] memory keys = module.parameterKeys();
        bytes32 key = keys[keySeed % keys.length];
        (uint256 min, uint256 max) = module.parameterBounds(key);
        value = _bound(value, 0, 2 * max + 1);
        bool ok = _governance(
            address(module),
            abi.encodeCall(IMandateModule.setParameter, (key, value))
        );
        if (ok != (value >= min && value <= max)) ++ghost_boundsMismatches;
        if (ok) {
            ghost_parameter[address(module)][key] = value;
            _succeeded("governance_setParameter");
        }
    }

    /// @dev Any delay up to twice the ceiling, through the timelock's own self-call.
    function governance_updateDelay(uint256 delay) external {
        _called("governance_updateDelay");
        delay = _bound(delay, 0, 7 days); // small enough that later operations do not leap months ahead
        if (delay % 3 == 0) delay = 40 days; // and sometimes above the ceiling
        bool ok = _governance(address(timelock), abi.encodeCall(timelock.updateDelay, (delay)));
        bool inBounds =
            delay >= timelock.MIN_DELAY_FLOOR() && delay <= timelock.MIN_DELAY_CEILING();
        if (ok != inBounds) ++ghost_boundsMismatches;
        if (ok) {
            ghost_minDelay = delay;
            _succeeded("governance_updateDelay");
        }
    }

    /// @dev The loose module's `paused()` starts answering wrongly to outside callers, or honestly
    /// again (as after a broken upgrade and its repair): it reverts, or returns 2. Its own pause checks
    /// are unaffected (internal calls). The switch must still never revert (SP-02), handle every other
    /// module (SP-03), and `pausedStates()` must report it Unreadable without reverting (SP-07).
    function module_breakPausedView(uint8 answer) external {
        _called("module_breakPausedView");
        answer %= 3;
        bytes memory call = abi.encodeCall(IMandateModule.paused, ());
        vm.clearMockedCalls();
        if (answer == 1) vm.mockCallRevert(address(looseModule), call, "paused() broken");
        if (answer == 2) vm.mockCall(address(looseModule), call, abi.encode(uint256(2)));
        ghost_looseAnswer = answer;
        _checkPausedStates();
        _succeeded("module_breakPausedView");
    }

    // ------------------------------------------------------------ calls that must fail

    /// @dev Someone other than the timelock (a stranger, a guardian, a module, the Safe directly) tries
    /// a governance-only call; and non-guardians try the switch. Every such call must revert.
    function unauthorised_call(uint256 callerSeed, uint256 callSeed, address someone) external {
        _called("unauthorised_call");
        address caller = _actors[callerSeed % _actors.length];
        if (someone == address(0)) someone = caller;
        (address target, bytes memory data, bool isSwitch) = _forbiddenCall(
            caller,
            callSeed % 16,
            someone
        );
        if (target == address(0)) return; // the caller happens to be allowed this one
        vm.prank(caller);
        (bool ok, ) = target.call(data);
        if (ok) {
            if (isSwitch) ++ghost_unauthorisedSwitches;
            else ++ghost_unauthorisedGovernance;
            console.log("unauthorised call succeeded: caller", caller, "selector");
            console.logBytes4(bytes4(data));
        } else {
            _succeeded("unauthorised_call"); // "succeeded" here means: was refused as it must be
        }
    }

    function warp(uint256 secondsAhead) external {
        _called("warp");
        _warp(_bound(secondsAhead, 1, 10 days));
        _succeeded("warp");
    }

    // ------------------------------------------------------------ internals

    function _forbiddenCall(
        address caller,
        uint256 which,
        address someone
    ) internal view returns (address target, bytes memory data, bool isSwitch) {
        address sp = address(systemPause);
        address core = address(coreModule);
        if (which == 0) {
            if (ghost_isGuardian[caller]) return (address(0), "", true);
            return (sp, abi.encodeCall(ISystemPause.pauseAll, ()), true);
        }
        if (which == 1) return (sp, abi.encodeCall(ISystemPause.unpauseAll, ()), true);
        if (which == 2) return (core, abi.encodeCall(IMandateModule.pause, ()), true);
        if (which == 3) return (core, abi.encodeCall(IMandateModule.unpause, ()), true);
        if (which == 4) return (sp, abi.encodeCall(ISystemPause.addGuardian, (someone)), false);
        if (which == 5) return (sp, abi.encodeCall(ISystemPause.removeModule, (core)), false);
        if (which == 6) return (sp, abi.encodeCall(Ownable.transferOwnership, (someone)), false);
        if (which == 7) return (core, abi.encodeCall(Ownable.transferOwnership, (someone)), false);
        if (which == 8) return (core, abi.encodeCall(IMandateModule.setPauser, (someone)), false);
        if (which == 9) {
            return (
                core,
                abi.encodeCall(
                    IMandateModule.setParameter,
                    (coreModule.parameterKeys()[0], 1 days)
                ),
                false
            );
        }
        if (which == 10)
            return (
                core,
                abi.encodeCall(IModuleAuthorisation.setModuleAuthorisation, (someone, true)),
                false
            );
        if (which == 11)
            return (core, abi.encodeCall(IStakeManager.recoverTokens, (someone, someone)), false);
        if (which == 12)
            return (address(timelock), abi.encodeCall(timelock.updateDelay, (2 hours)), false);
        if (which == 13) {
            return (
                address(timelock),
                abi.encodeCall(IAccessControl.grantRole, (timelock.PROPOSER_ROLE(), someone)),
                false
            );
        }
        if (which == 14)
            return (
                address(looseModule),
                abi.encodeCall(Ownable.transferOwnership, (someone)),
                false
            );
        return (sp, abi.encodeCall(Ownable.renounceOwnership, ()), false);
    }

    /// @dev After a successful switch, every registered module whose pauser is the switch, and whose
    /// state can be read, is in the target state; `pausedStates()` agrees.
    function _checkSwitchComplete(bool paused) internal {
        address[] memory mods = systemPause.modules();
        for (uint256 i; i < mods.length; ++i) {
            IMandateModule module = IMandateModule(mods[i]);
            (bool readable, bool isPaused) = _readPaused(mods[i]);
            if (module.pauser() == address(systemPause) && readable && isPaused != paused)
                ++ghost_switchIncomplete;
        }
        _checkPausedStates();
    }

    /// @dev `pausedStates()` must answer, and report each module as its `paused()` answers outside
    /// callers (Unreadable when that is not one boolean).
    function _checkPausedStates() internal {
        try systemPause.pausedStates() returns (
            address[] memory mods,
            ISystemPause.ModuleState[] memory states
        ) {
            for (uint256 i; i < mods.length; ++i) {
                (bool readable, bool isPaused) = _readPaused(mods[i]);
                ISystemPause.ModuleState expected =
                    !readable
                        ? ISystemPause.ModuleState.Unreadable
                        : isPaused
                            ? ISystemPause.ModuleState.Paused
                            : ISystemPause.ModuleState.Running;
                if (states[i] != expected) ++ghost_pausedStatesWrong;
            }
        } catch {
            ++ghost_pausedStatesWrong;
        }
    }

    /// @dev `module.paused()` as an outside caller sees it: readable only as one ABI-encoded boolean.
    function _readPaused(address module) internal view returns (bool readable, bool isPaused) {
        (bool ok, bytes memory answer) = module.staticcall(
            abi.encodeCall(IMandateModule.paused, ())
        );
        if (!ok || answer.length != 32) return (false, false);
        uint256 word = abi.decode(answer, (uint256));
        return (word <= 1, word == 1);
    }

    /// @dev The first current guardian from `seed` on, or zero when governance removed them all.
    function _currentGuardian(uint256 seed) internal view returns (address) {
        uint256 n = _guardianCandidates.length;
        for (uint256 i; i < n; ++i) {
            address candidate = _guardianCandidates[((seed % n) + i) % n];
            if (ghost_isGuardian[candidate]) return candidate;
        }
        return address(0);
    }

    /// @dev Read without trusting the module: a module whose paused() reverts must not stop the handler
    /// before the switch itself meets it (SP-02 is about the switch, not about this read).
    function _mixedState() internal view returns (bool) {
        (bool okCore, bool core) = _readPaused(address(coreModule));
        (bool okLoose, bool loose) = _readPaused(address(looseModule));
        return okCore && okLoose && core != loose;
    }

    function _handlerName() internal pure override returns (string memory) {
        return "PauseHandler";
    }

    function _logGhosts() internal view override {
        console.log("  ghost_systemPaused", ghost_systemPaused);
        console.log("  ghost_mixedStateSwitches", ghost_mixedStateSwitches);
        console.log("  ghost_unreadableSwitches", ghost_unreadableSwitches);
        console.log("  ghost_governanceExecuted", ghost_governanceExecuted);
    }
}
