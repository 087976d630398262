// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ISystemPause
/// @notice The one switch of Mandate. SystemPause is the pauser of every registered module. Guardians
/// (a Safe in practice) pause every module at once, immediately, without the timelock; only governance
/// (the owner, i.e. the timelock) unpauses and manages the module list and the guardians.
/// @dev A pause does not expire: see docs/governance.md ("Why a pause does not expire").
/// `pauseAll` and `unpauseAll` are idempotent: a module already in the target state is skipped, and a
/// module that refuses the call (e.g. its pauser was moved elsewhere), or whose state cannot be read,
/// is reported by `ModulePauseFailed` instead of stopping the others. Modules are read and called with
/// a cap on the return data copied, so that no module can make the switch run out of gas that way.
interface ISystemPause {
    /// @notice A registered module's state as SystemPause reads it.
    /// @dev `Unreadable`: its `paused()` reverted, or answered something other than one boolean
    /// (no code, a broken proxy, a wrong contract). The switch reports such a module and goes on.
    enum ModuleState {
        Running,
        Paused,
        Unreadable
    }

    /// @notice `module` joined the list that `pauseAll` and `unpauseAll` act on.
    /// @param module The module; its pauser is this contract.
    event ModuleAdded(address indexed module);

    /// @notice `module` left the list that `pauseAll` and `unpauseAll` act on.
    /// @param module The module removed.
    event ModuleRemoved(address indexed module);

    /// @notice `guardian` may now call `pauseAll`.
    /// @param guardian The account added.
    event GuardianAdded(address indexed guardian);

    /// @notice `guardian` may no longer call `pauseAll`.
    /// @param guardian The account removed.
    event GuardianRemoved(address indexed guardian);

    /// @notice `pauseAll` ran: every registered module that was running and accepted the call is paused.
    /// @param caller The guardian or owner who called it.
    /// @param modulesPaused How many modules changed state in this call (0 when all were paused already).
    event SystemPaused(address indexed caller, uint256 modulesPaused);

    /// @notice `unpauseAll` ran: every registered module that was paused and accepted the call runs again.
    /// @param caller The owner who called it.
    /// @param modulesUnpaused How many modules changed state in this call (0 when all were running already).
    event SystemUnpaused(address indexed caller, uint256 modulesUnpaused);

    /// @notice A registered module's state could not be read (see `ModuleState.Unreadable`), or it
    /// reverted when asked to change it; the others were still handled. Also emitted by `removeModule`
    /// when the module it removes cannot be read or refuses to be unpaused.
    /// @param module The module that failed.
    /// @param pausing True during `pauseAll`, false during `unpauseAll` and `removeModule`.
    /// @param reason What the module returned (revert data, or the malformed answer), at most 256 bytes.
    event ModulePauseFailed(address indexed module, bool pausing, bytes reason);

    /// @notice `caller` is neither a guardian nor the owner.
    error SystemPause_CallerNotGuardian(address caller);
    /// @notice A zero address was given for a module or guardian.
    error SystemPause_ZeroAddress();
    /// @notice `module` is registered already.
    error SystemPause_ModuleAlreadyRegistered(address module);
    /// @notice `module` is not registered.
    error SystemPause_ModuleNotRegistered(address module);
    /// @notice `module` names `actualPauser` as its pauser, not this contract.
    error SystemPause_ModulePauserMismatch(address module, address actualPauser);
    /// @notice Registering one more module would exceed the bound that keeps `pauseAll` within a block.
    error SystemPause_TooManyModules(uint256 max);
    /// @notice `guardian` is a guardian already.
    error SystemPause_GuardianAlreadySet(address guardian);
    /// @notice `guardian` is not a guardian.
    error SystemPause_GuardianNotSet(address guardian);
    /// @notice Adding one more guardian would exceed the bound on guardians.
    error SystemPause_TooManyGuardians(uint256 max);
    /// @notice Renouncing ownership would leave nobody able to unpause, so it is disabled.
    error SystemPause_RenounceOwnershipDisabled();

    /// @notice The most modules that can be registered, so that `pauseAll` always fits in a block.
    function MAX_MODULES() external view returns (uint256);

    /// @notice The most guardians that can be set.
    function MAX_GUARDIANS() external view returns (uint256);

    /// @notice Every registered module, in registration order (removal swaps the last one in).
    function modules() external view returns (address[] memory);

    /// @notice Every guardian.
    function guardians() external view returns (address[] memory);

    /// @notice Whether `module` is registered.
    function isModule(address module) external view returns (bool);

    /// @notice Whether `account` is a guardian.
    function isGuardian(address account) external view returns (bool);

    /// @notice Every registered module with its state, read in one call that never reverts because of
    /// a module: one whose `paused()` cannot be read is reported `Unreadable`.
    function pausedStates()
        external
        view
        returns (address[] memory modules_, ModuleState[] memory states_);

    /// @notice Pauses every registered module that is running. Guardians and the owner.
    /// @return modulesPaused How many modules changed state.
    function pauseAll() external returns (uint256 modulesPaused);

    /// @notice Unpauses every registered module that is paused. Only the owner (governance).
    /// @return modulesUnpaused How many modules changed state.
    function unpauseAll() external returns (uint256 modulesUnpaused);

    /// @notice Registers `module`, whose pauser must already be this contract. Only the owner.
    function addModule(address module) external;

    /// @notice Unregisters `module`, and unpauses it if it is paused: a module outside the switch is
    /// never left paused with no `unpauseAll` to reach it (a failure to unpause is reported with
    /// `ModulePauseFailed` and the module is removed anyway). Only the owner. Its pauser stays this
    /// contract until governance moves it with `setPauser` on the module; to retire a module and keep it
    /// stopped, move its pauser first.
    function removeModule(address module) external;

    /// @notice Lets `guardian` call `pauseAll`. Only the owner.
    function addGuardian(address guardian) external;

    /// @notice Stops `guardian` from calling `pauseAll`. Only the owner.
    function removeGuardian(address guardian) external;
}
