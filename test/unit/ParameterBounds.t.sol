// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {Market_Test} from "../utils/MarketBase.t.sol";

/// @title ParameterBounds_Fuzz_Test
/// @notice Every governance parameter of every deployed module, fuzzed at and beyond its bounds: a
/// value is accepted exactly when it lies within `parameterBounds(key)`, is then stored as given with
/// `ParameterUpdated`, and otherwise is refused with the key, the value and both bounds, leaving the
/// stored value as it was. Values are drawn mostly from the edges (0, min - 1, min, max, max + 1,
/// type(uint256).max), the rest anywhere inside or outside the range.
contract ParameterBounds_Fuzz_Test is Market_Test {
    function _deployedModules() internal view returns (IMandateModule[5] memory) {
        return
            [
                IMandateModule(address(stakeManager)),
                IMandateModule(address(reputation)),
                IMandateModule(address(disputes)),
                IMandateModule(address(registry)),
                IMandateModule(address(leases))
            ];
    }

    function testFuzz_SetParameter_AcceptsExactlyItsBounds(
        uint256 moduleSeed,
        uint256 keySeed,
        uint256 edge,
        uint256 raw
    ) public {
        IMandateModule module = _deployedModules()[moduleSeed % 5];
        bytes32[] memory keys = module.parameterKeys();
        bytes32 key = keys[keySeed % keys.length];
        (uint256 min, uint256 max) = module.parameterBounds(key);
        assertLe(min, max, "bounds inverted");
        uint256 value = _drawValue(edge, raw, min, max);
        uint256 before = module.parameter(key);

        bool inBounds = value >= min && value <= max;
        if (inBounds) {
            vm.expectEmit(address(module));
            emit IMandateModule.ParameterUpdated(key, before, value);
            vm.prank(address(timelock));
            module.setParameter(key, value);
        } else {
            _expectParameterOutOfBounds(module, key, value, min, max);
        }
        assertEq(module.parameter(key), inBounds ? value : before, "stored value");
    }

    function testFuzz_RevertWhen_SetParameterByAnyoneButTheOwner(
        uint256 moduleSeed,
        uint256 keySeed,
        address caller,
        uint256 value
    ) public {
        vm.assume(caller != address(timelock));
        IMandateModule module = _deployedModules()[moduleSeed % 5];
        bytes32[] memory keys = module.parameterKeys();
        bytes32 key = keys[keySeed % keys.length];
        uint256 before = module.parameter(key);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", caller));
        module.setParameter(key, value);
        assertEq(module.parameter(key), before);
    }

    /// @dev Six edges out of eight draws; the other two anywhere within, or anywhere at all.
    function _drawValue(
        uint256 edge,
        uint256 raw,
        uint256 min,
        uint256 max
    ) internal pure returns (uint256) {
        uint256 pick = edge % 8;
        if (pick == 0) return 0;
        if (pick == 1) return min == 0 ? 0 : min - 1;
        if (pick == 2) return min;
        if (pick == 3) return max;
        if (pick == 4) return max == type(uint256).max ? max : max + 1;
        if (pick == 5) return type(uint256).max;
        if (pick == 6) return _bound(raw, min, max);
        return raw;
    }
}
