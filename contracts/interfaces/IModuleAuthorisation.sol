// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IModuleAuthorisation
/// @notice For a module that other modules call: governance keeps the list of modules allowed to.
interface IModuleAuthorisation {
    /// @notice Governance allowed or stopped `module` calling this module's module-only functions.
    /// @param module The calling module.
    /// @param authorised Whether it may call them from now on.
    event ModuleAuthorisationUpdated(address indexed module, bool authorised);

    /// @notice `caller` is not an authorised module.
    error ModuleAuthorisation_NotAuthorised(address caller);
    /// @notice A zero address was given for a module.
    error ModuleAuthorisation_ZeroAddress();

    /// @notice Whether `module` may call this module's module-only functions.
    function isAuthorisedModule(address module) external view returns (bool);

    /// @notice Allows or stops `module`. Only the owner.
    function setModuleAuthorisation(address module, bool authorised) external;
}
