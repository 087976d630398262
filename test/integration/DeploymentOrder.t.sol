// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {MandateTestToken} from "../../contracts/mocks/MandateTestToken.sol";

import {SystemDeployer} from "../utils/SystemDeployer.sol";

/// SystemDeployer, which every full-system set-up of the Solidity tests goes through, creates what
/// deploy/plan.ts plans for config/hardhat.json: the same contracts in the same order, each
/// constructor naming the same contracts and accounts. test/deploy/deployment-order.test.ts keeps
/// test/fixtures/deployment-order.txt equal to the plan; this test keeps the deployer equal to it.
contract DeploymentOrder_Test is Test {
    string internal constant FIXTURE = "test/fixtures/deployment-order.txt";

    function test_DeploySystem_FollowsThePlan() public {
        address ownersSafe = makeAddr("OwnersSafe");
        address[] memory guardians = new address[](1);
        guardians[0] = makeAddr("GuardianSafe");
        // config/hardhat.json: the owners' Safe is also the arbitrator; the treasury is an account.
        SystemDeployer.Config memory config = SystemDeployer.Config({
            token: IERC20(address(new MandateTestToken())),
            ownersSafe: ownersSafe,
            guardians: guardians,
            treasury: makeAddr("Treasury"),
            arbitrator: ownersSafe,
            params: SystemDeployer.defaultParameters()
        });
        SystemDeployer.System memory system = SystemDeployer.deploySystem(config);
        assertEq(
            SystemDeployer.describe(system.steps, config),
            vm.readFile(FIXTURE),
            "SystemDeployer differs from deploy/plan.ts (test/fixtures/deployment-order.txt)"
        );
    }
}
