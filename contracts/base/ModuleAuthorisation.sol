// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModuleAuthorisation} from "../interfaces/IModuleAuthorisation.sol";
import {MandateModule} from "./MandateModule.sol";

/// @title ModuleAuthorisation
/// @notice The governance-kept list of modules allowed to call a module (lock stake, change scores,
/// open disputes), written once for every module that needs one.
abstract contract ModuleAuthorisation is IModuleAuthorisation, MandateModule {
    mapping(address module => bool) private _authorised;

    modifier onlyAuthorisedModule() {
        if (!_authorised[msg.sender]) revert ModuleAuthorisation_NotAuthorised(msg.sender);
        _;
    }

    /// @param initialModules Modules authorised from the first block (addresses may be predicted).
    constructor(address[] memory initialModules) {
        for (uint256 i; i < initialModules.length; ++i) {
            _setModuleAuthorisation(initialModules[i], true);
        }
    }

    /// @inheritdoc IModuleAuthorisation
    function setModuleAuthorisation(address module, bool authorised) external override onlyOwner {
        _setModuleAuthorisation(module, authorised);
    }

    /// @inheritdoc IModuleAuthorisation
    function isAuthorisedModule(address module) public view override returns (bool) {
        return _authorised[module];
    }

    function _setModuleAuthorisation(address module, bool authorised) private {
        if (module == address(0)) revert ModuleAuthorisation_ZeroAddress();
        _authorised[module] = authorised;
        emit ModuleAuthorisationUpdated(module, authorised);
    }
}
