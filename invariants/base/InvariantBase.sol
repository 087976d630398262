// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {FreezableToken} from "../../contracts/mocks/FreezableToken.sol";
import {MockModule} from "../../contracts/mocks/MockModule.sol";
import {SystemPause} from "../../contracts/pause/SystemPause.sol";
import {StakeManager} from "../../contracts/staking/StakeManager.sol";

/// @title InvariantBase
/// @notice Deploys Mandate as it is deployed: the timelock owns every module and SystemPause, the
/// owners' Safe is the timelock's only proposer and executor, SystemPause is every module's pauser from
/// the first block (its address predicted before the modules exist), and a guardian may pause.
/// @dev The market modules (ReputationEngine, JobRegistry, DisputeModule, LeaseAgreement) are deployed
/// on top of this system by their suites' set-ups in properties/, as deploy/modules.ts adds them.
abstract contract InvariantBase is Test {
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint256 internal constant UNBONDING_PERIOD = 7 days;

    /// @notice The one token, freezable by its issuer as some stablecoins are: the lease and system
    /// suites freeze parties at random to show no settlement depends on paying a counterparty.
    FreezableToken internal token;
    MandateTimelock internal timelock;
    SystemPause internal systemPause;
    StakeManager internal stakeManager;
    /// @notice A second module on the common base: a minimal IMandateModule, so the switch and the
    /// governance properties cover more than StakeManager (the market modules come from properties/).
    MockModule internal mockModule;

    address internal governanceSafe = makeAddr("governanceSafe");
    address internal guardian = makeAddr("guardian");
    /// @notice Market modules as StakeManager sees them: two authorised from the start, one not.
    address internal moduleA = makeAddr("moduleA");
    address internal moduleB = makeAddr("moduleB");
    address internal moduleC = makeAddr("moduleC");

    function _deploySystem() internal {
        _deployTokenAndTimelock();

        // StakeManager and the mock module come next, then SystemPause: two creations ahead.
        address predictedPause = vm.computeCreateAddress(
            address(this),
            vm.getNonce(address(this)) + 2
        );
        address[] memory authorised = new address[](2);
        authorised[0] = moduleA;
        authorised[1] = moduleB;
        stakeManager = new StakeManager(
            address(timelock),
            predictedPause,
            token,
            UNBONDING_PERIOD,
            authorised
        );
        mockModule = new MockModule(address(timelock), predictedPause, 10, 1 days);

        address[] memory modules = new address[](2);
        modules[0] = address(stakeManager);
        modules[1] = address(mockModule);
        address[] memory guardians = new address[](1);
        guardians[0] = guardian;
        systemPause = new SystemPause(address(timelock), modules, guardians);
        require(address(systemPause) == predictedPause, "SystemPause address prediction failed");
    }

    /// @dev The first two deployments of every suite: the token and the timelock, whose only
    /// proposer and executor is the owners' Safe.
    function _deployTokenAndTimelock() internal {
        vm.warp(1_700_000_000);
        token = new FreezableToken();
        address[] memory safe = new address[](1);
        safe[0] = governanceSafe;
        timelock = new MandateTimelock(TIMELOCK_DELAY, safe, safe);
    }

    // ---------------------------------------------------------------- property assertions
    // The checks run after every fuzzed call, so they must be cheap: forge-std's assertEq goes through a
    // cheatcode on every call (it made the suites about 15x slower here), these touch no cheatcode unless
    // the property is broken. The message reads like forge-std's: "<id> <statement>: <left> != <right>".

    function _eq(uint256 left, uint256 right, string memory message) internal pure {
        if (left != right)
            revert(string.concat(message, ": ", vm.toString(left), " != ", vm.toString(right)));
    }

    function _eq(bool left, bool right, string memory message) internal pure {
        if (left != right)
            revert(string.concat(message, ": ", vm.toString(left), " != ", vm.toString(right)));
    }

    function _eq(address left, address right, string memory message) internal pure {
        if (left != right)
            revert(string.concat(message, ": ", vm.toString(left), " != ", vm.toString(right)));
    }

    function _le(uint256 left, uint256 right, string memory message) internal pure {
        if (left > right)
            revert(string.concat(message, ": ", vm.toString(left), " > ", vm.toString(right)));
    }

    function _ge(uint256 left, uint256 right, string memory message) internal pure {
        if (left < right)
            revert(string.concat(message, ": ", vm.toString(left), " < ", vm.toString(right)));
    }

    function _true(bool condition, string memory message) internal pure {
        if (!condition) revert(message);
    }

    /// @dev Asserts that `check` fails and that its message starts with `propertyId`: the must-fail tests
    /// use it to show each property's check catches the damage they do on purpose.
    function _assertViolated(string memory propertyId, function() external check) internal {
        try check() {
            revert(string.concat(propertyId, " was not reported after breaking it on purpose"));
        } catch (bytes memory reason) {
            string memory message = _revertMessage(reason);
            assertTrue(
                _startsWith(message, propertyId),
                string.concat("expected ", propertyId, ", got: ", message)
            );
        }
    }

    /// @dev Decodes Error(string) and forge's CheatcodeError(string) (what vm.assert* revert with).
    function _revertMessage(bytes memory reason) internal pure returns (string memory) {
        if (reason.length < 4 + 64) return "";
        bytes memory body = new bytes(reason.length - 4);
        for (uint256 i; i < body.length; ++i) {
            body[i] = reason[i + 4];
        }
        return abi.decode(body, (string));
    }

    function _startsWith(string memory text, string memory prefix) internal pure returns (bool) {
        bytes memory t = bytes(text);
        bytes memory p = bytes(prefix);
        if (t.length < p.length) return false;
        for (uint256 i; i < p.length; ++i) {
            if (t[i] != p[i]) return false;
        }
        return true;
    }
}
