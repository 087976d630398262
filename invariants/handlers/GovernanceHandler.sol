// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {IPauseOracle, SwitchAwareHandler} from "../base/HandlerBase.sol";

/// @title GovernanceHandler
/// @notice Governance as the owners' Safe exercises it: every parameter of every module it is given
/// (keys and bounds read from each module's `parameterKeys` and `parameterBounds`, so a new parameter
/// is moved without touching this file) is changed through the real timelock, mostly within its
/// bounds and one change in eight just outside them, which must be refused. The other handlers' ghosts
/// read the terms from the chain, so a case's terms moving under it shows up in their properties.
/// @dev Kept apart from the user handlers so that each module's handler stays about its users.
contract GovernanceHandler is SwitchAwareHandler {
    IMandateModule[] internal _modules;

    /// @notice What governance last executed for each module parameter (SY-07).
    mapping(address module => mapping(bytes32 key => uint256)) public ghost_parameter;
    /// @notice Changes governance executed, and out-of-bounds changes that were not refused (SY-07: 0).
    uint256 public ghost_parameterChanges;
    uint256 public ghost_outOfBoundsAccepted;
    /// @notice In-bounds changes the timelock refused (SY-07: 0).
    uint256 public ghost_inBoundsRefused;

    constructor(
        MandateTimelock timelock_,
        address governanceSafe_,
        IPauseOracle pauseOracle_,
        IMandateModule[] memory modules_
    ) SwitchAwareHandler(timelock_, governanceSafe_, pauseOracle_) {
        for (uint256 m; m < modules_.length; ++m) {
            _modules.push(modules_[m]);
            bytes32[] memory keys = modules_[m].parameterKeys();
            for (uint256 k; k < keys.length; ++k) {
                ghost_parameter[address(modules_[m])][keys[k]] = modules_[m].parameter(keys[k]);
            }
        }
    }

    /// @notice The modules whose parameters this handler moves.
    function modules() external view returns (IMandateModule[] memory) {
        return _modules;
    }

    /// @notice Governance sets one parameter of one module: within its bounds, or (one seed in
    /// eight) one unit outside them, which must be refused. Allowed while paused, as on chain.
    function setParameter(uint256 moduleSeed, uint256 keySeed, uint256 value) external {
        _called("governance_setParameter");
        IMandateModule module = _modules[moduleSeed % _modules.length];
        bytes32[] memory keys = module.parameterKeys();
        bytes32 key = keys[keySeed % keys.length];
        (uint256 min, uint256 max) = module.parameterBounds(key);
        bool inBounds = (keySeed >> 128) % 8 != 0;
        if (inBounds) value = _bound(value, min, max);
        else if (max < type(uint256).max && (value % 2 == 0 || min == 0)) value = max + 1;
        else value = min - 1;
        bool ok = _governance(
            address(module),
            abi.encodeCall(IMandateModule.setParameter, (key, value))
        );
        if (ok && !inBounds) ++ghost_outOfBoundsAccepted;
        if (!ok && inBounds) ++ghost_inBoundsRefused;
        if (!ok) return;
        ghost_parameter[address(module)][key] = value;
        ++ghost_parameterChanges;
        _succeeded("governance_setParameter");
    }

    function _handlerName() internal pure override returns (string memory) {
        return "GovernanceHandler";
    }

    function _logGhosts() internal view override {
        console.log("  ghost_parameterChanges", ghost_parameterChanges);
    }
}
