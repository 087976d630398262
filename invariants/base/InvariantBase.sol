// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {FreezableToken} from "../../contracts/mocks/FreezableToken.sol";
import {MockModule} from "../../contracts/mocks/MockModule.sol";
import {SystemPause} from "../../contracts/pause/SystemPause.sol";
import {StakeManager} from "../../contracts/staking/StakeManager.sol";
import {Defaults} from "../../test/utils/Defaults.sol";
import {SystemDeployer} from "../../test/utils/SystemDeployer.sol";

/// @title InvariantBase
/// @notice Deploys Mandate as it is deployed, through test/utils/SystemDeployer.sol (the order and
/// wiring of deploy/plan.ts): the timelock owns every module and SystemPause, the owners' Safe is the
/// timelock's only proposer and executor, SystemPause is every module's pauser from the first block
/// (its address predicted before the modules exist), and a guardian may pause. The market, lease and
/// system suites deploy the whole system of deploy/modules.ts (`_deployFullSystem`); the StakeManager,
/// SystemPause and ReputationEngine suites use a smaller one with stand-in modules (`_deploySystem`).
abstract contract InvariantBase is Test {
    uint256 internal constant TIMELOCK_DELAY = Defaults.TIMELOCK_DELAY;
    uint256 internal constant UNBONDING_PERIOD = Defaults.UNBONDING_PERIOD;

    /// @notice The one token, freezable by its issuer as some stablecoins are: the lease and system
    /// suites freeze parties at random to show no settlement depends on paying a counterparty.
    FreezableToken internal token;
    MandateTimelock internal timelock;
    SystemPause internal systemPause;
    StakeManager internal stakeManager;
    /// @notice A second module of the smaller system: a minimal IMandateModule, so the switch and the
    /// governance properties cover more than StakeManager.
    MockModule internal mockModule;

    address internal governanceSafe = makeAddr("governanceSafe");
    address internal guardian = makeAddr("guardian");
    /// @notice Stand-in modules as StakeManager of the smaller system sees them: two authorised from
    /// the start, one not.
    address internal moduleA = makeAddr("moduleA");
    address internal moduleB = makeAddr("moduleB");
    address internal moduleC = makeAddr("moduleC");

    /// @dev The smaller system: the timelock, StakeManager (authorising moduleA and moduleB), the mock
    /// module, then SystemPause registering both.
    function _deploySystem() internal {
        _deployToken();
        SystemDeployer.Module[] memory list = new SystemDeployer.Module[](2);
        list[0] = SystemDeployer.Module(
            "StakeManager",
            type(StakeManager).creationCode,
            _stakeManagerArgs
        );
        list[1] = SystemDeployer.Module("MockModule", type(MockModule).creationCode, _mockArgs);
        SystemDeployer.Deployment memory deployment = SystemDeployer.deploy(
            _deploymentConfig(address(0), address(0)),
            list
        );
        timelock = deployment.timelock;
        stakeManager = StakeManager(deployment.modules[0]);
        mockModule = MockModule(deployment.modules[1]);
        systemPause = deployment.systemPause;
    }

    /// @dev The whole system of deploy/modules.ts with the test defaults; the caller keeps the modules
    /// it reads.
    function _deployFullSystem(
        address treasury_,
        address arbitrator_
    ) internal returns (SystemDeployer.System memory system) {
        _deployToken();
        system = SystemDeployer.deploySystem(_deploymentConfig(treasury_, arbitrator_));
        timelock = system.timelock;
        stakeManager = system.stakeManager;
        systemPause = system.systemPause;
    }

    /// @dev The first deployment of every suite, before the deployer's.
    function _deployToken() private {
        vm.warp(Defaults.T0);
        token = new FreezableToken();
    }

    function _deploymentConfig(
        address treasury_,
        address arbitrator_
    ) private view returns (SystemDeployer.Config memory) {
        return
            SystemDeployer.testConfig(
                IERC20(address(token)),
                governanceSafe,
                guardian,
                treasury_,
                arbitrator_
            );
    }

    function _stakeManagerArgs(
        SystemDeployer.Context memory c
    ) private view returns (bytes memory) {
        address[] memory authorised = new address[](2);
        authorised[0] = moduleA;
        authorised[1] = moduleB;
        return SystemDeployer.stakeManagerArgs(c, authorised);
    }

    function _mockArgs(SystemDeployer.Context memory c) private pure returns (bytes memory) {
        return abi.encode(c.timelock, c.systemPause, uint256(10), uint256(1 days));
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
