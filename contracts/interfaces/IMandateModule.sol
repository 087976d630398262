// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IMandateModule
/// @notice What every Mandate module shares: an owner (the timelock, through two-step ownership), a
/// pauser (SystemPause), and a flat table of governance parameters, each bounded on chain.
/// @dev Parameters are addressed by a `bytes32` key (MakerDAO's `file` pattern), so the owner-control
/// tooling reads and sets every parameter of every module the same way: `parameterKeys()` lists them,
/// `parameter(key)` reads one, `parameterBounds(key)` gives its inclusive bounds and
/// `setParameter(key, value)` changes it.
interface IMandateModule {
    /// @notice The account allowed to pause and unpause this module changed.
    /// @param previousPauser The pauser before the change.
    /// @param newPauser The pauser after the change (SystemPause in a deployed system).
    event PauserUpdated(address indexed previousPauser, address indexed newPauser);

    /// @notice A governance parameter changed (or was set at construction, with `previousValue` 0).
    /// @param key The parameter's key, e.g. `keccak256("UNBONDING_PERIOD")`.
    /// @param previousValue The value before the change.
    /// @param newValue The value after the change, within the parameter's bounds.
    event ParameterUpdated(bytes32 indexed key, uint256 previousValue, uint256 newValue);

    /// @notice The module resumed after a pause; its pause clock advanced. Every open case's window
    /// that was running during the pause now ends `pausedFor` seconds later (docs/governance.md).
    /// @param pausedFor The length of the pause that ended, in seconds.
    /// @param pausedSecondsTotal `pausedSeconds()` from now on: the seconds of every pause so far.
    event PauseClockAdvanced(uint256 pausedFor, uint256 pausedSecondsTotal);

    /// @notice `caller` tried to pause or unpause but is not the pauser.
    error MandateModule_CallerNotPauser(address caller, address pauser);
    /// @notice A zero address was given where an account or contract is required.
    error MandateModule_ZeroAddress();
    /// @notice `key` is not a parameter of this module.
    error MandateModule_UnknownParameter(bytes32 key);
    /// @notice `value` lies outside the inclusive bounds `[min, max]` of parameter `key`.
    error MandateModule_ParameterOutOfBounds(bytes32 key, uint256 value, uint256 min, uint256 max);
    /// @notice Renouncing ownership would leave the module without governance, so it is disabled.
    error MandateModule_RenounceOwnershipDisabled();

    /// @notice The account allowed to pause and unpause this module.
    function pauser() external view returns (address);

    /// @notice Whether user-facing state changes are stopped.
    function paused() external view returns (bool);

    /// @notice The module's pause clock: the seconds it has spent paused since deployment, the current
    /// pause included (it grows while paused and stands still while running). A case records it when
    /// its window begins; the window ends later by the seconds the clock advanced since.
    function pausedSeconds() external view returns (uint256);

    /// @notice Stops every user-facing state change. Only the pauser.
    function pause() external;

    /// @notice Resumes user-facing state changes. Only the pauser.
    function unpause() external;

    /// @notice Replaces the pauser. Only the owner.
    /// @param newPauser The new pauser; not zero.
    function setPauser(address newPauser) external;

    /// @notice Every parameter key of this module, in a fixed order.
    function parameterKeys() external view returns (bytes32[] memory keys);

    /// @notice The current value of parameter `key`; reverts for an unknown key.
    function parameter(bytes32 key) external view returns (uint256 value);

    /// @notice The inclusive bounds of parameter `key`; reverts for an unknown key.
    function parameterBounds(bytes32 key) external view returns (uint256 min, uint256 max);

    /// @notice Sets parameter `key` to `value`, within its bounds. Only the owner; allowed while paused,
    /// so that governance can repair a parameter during an incident.
    function setParameter(bytes32 key, uint256 value) external;
}
