// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakeManager} from "../../contracts/interfaces/IStakeManager.sol";
import {InvariantBase} from "../base/InvariantBase.sol";
import {StakeManagerHandler} from "../handlers/StakeManagerHandler.sol";

/// @title StakeManagerProperties
/// @notice The StakeManager properties (SM-xx in invariants/PROPERTIES.md) as read-only checks. Each
/// check reads only the contracts and the handler's ghost state, so the invariant suites call it after
/// every sequence and the must-fail tests call it after breaking that state on purpose. Every
/// assertion message starts with the property id.
abstract contract StakeManagerProperties is InvariantBase {
    StakeManagerHandler internal stakeHandler;

    /// @dev Deploys the system and the handler; the caller decides what the fuzzer targets.
    function _setUpStakeManagerHandler() internal {
        _deploySystem();
        address[] memory authorised = new address[](2);
        authorised[0] = moduleA;
        authorised[1] = moduleB;
        stakeHandler = new StakeManagerHandler(
            stakeManager,
            timelock,
            governanceSafe,
            authorised,
            moduleC
        );
    }

    /// @dev The handler's actions the fuzzer calls, weighted by repetition so that a 64-call run goes
    /// through whole lifecycles (deposit, lock, slash or release, unbond, withdraw) as well as governance.
    /// No helper (setPauseOracle) is ever targeted.
    function _stakeHandlerSelectors() internal pure returns (bytes4[] memory selectors) {
        StakeManagerHandler h;
        bytes4[19] memory weighted = [
            h.deposit.selector,
            h.deposit.selector,
            h.deposit.selector,
            h.lock.selector,
            h.lock.selector,
            h.release.selector,
            h.slash.selector,
            h.slash.selector,
            h.requestWithdrawal.selector,
            h.requestWithdrawal.selector,
            h.cancelWithdrawal.selector,
            h.withdraw.selector,
            h.withdraw.selector,
            h.donate.selector,
            h.warp.selector,
            h.governance_setModuleAuthorisation.selector,
            h.governance_releaseFromRevokedModule.selector,
            h.governance_recoverDonations.selector,
            h.governance_setUnbondingPeriod.selector
        ];
        selectors = new bytes4[](weighted.length);
        for (uint256 i; i < weighted.length; ++i) {
            selectors[i] = weighted[i];
        }
    }

    /// SM-01: for every account, free + locked + unbonding equals what it deposited, less what it
    /// withdrew and what was slashed from it.
    function check_SM01_accountConservation() public view {
        address[] memory accounts = stakeHandler.actors();
        for (uint256 i; i < accounts.length; ++i) {
            IStakeManager.Stake memory s = stakeManager.stakeOf(accounts[i]);
            _eq(
                uint256(s.free) + s.locked + s.unbonding,
                stakeHandler.ghost_stake(accounts[i]),
                "SM-01 account stake differs from its deposits - withdrawals - slashes"
            );
        }
    }

    /// SM-02: totalStaked is the sum over accounts of free + locked + unbonding.
    function check_SM02_totalIsSumOfAccounts() public view {
        address[] memory accounts = stakeHandler.actors();
        uint256 sum;
        for (uint256 i; i < accounts.length; ++i) {
            IStakeManager.Stake memory s = stakeManager.stakeOf(accounts[i]);
            sum += uint256(s.free) + s.locked + s.unbonding;
        }
        _eq(
            stakeManager.totalStaked(),
            sum,
            "SM-02 totalStaked differs from the sum of account stakes"
        );
    }

    /// SM-03: StakeManager holds exactly totalStaked tokens plus unrecovered donations.
    function check_SM03_solvency() public view {
        _eq(
            token.balanceOf(address(stakeManager)),
            stakeManager.totalStaked() +
                stakeHandler.ghost_donated() -
                stakeHandler.ghost_recovered(),
            "SM-03 token balance differs from totalStaked + unrecovered donations"
        );
    }

    /// SM-04: nothing is created or lost: deposited - withdrawn - slashed equals totalStaked.
    function check_SM04_flowConservation() public view {
        _eq(
            stakeHandler.ghost_deposited() -
                stakeHandler.ghost_withdrawn() -
                stakeHandler.ghost_slashed(),
            stakeManager.totalStaked(),
            "SM-04 deposited - withdrawn - slashed differs from totalStaked"
        );
    }

    /// SM-05: an account's locked stake is exactly the sum of what each module holds of it.
    function check_SM05_locksAttributed() public view {
        address[] memory accounts = stakeHandler.actors();
        address[] memory modules = stakeHandler.modules();
        for (uint256 i; i < accounts.length; ++i) {
            uint256 sum;
            for (uint256 m; m < modules.length; ++m) {
                sum += stakeManager.lockedBy(modules[m], accounts[i]);
            }
            _eq(
                stakeManager.stakeOf(accounts[i]).locked,
                sum,
                "SM-05 locked stake differs from the sum of module locks"
            );
        }
    }

    /// SM-06: a pending withdrawal's release time is its last request plus the period then in force
    /// (so never more than MAX_UNBONDING_PERIOD ahead), and it is zero exactly when nothing unbonds.
    function check_SM06_unbondingClock() public view {
        address[] memory accounts = stakeHandler.actors();
        uint256 horizon = block.timestamp + stakeManager.MAX_UNBONDING_PERIOD();
        for (uint256 i; i < accounts.length; ++i) {
            IStakeManager.Stake memory s = stakeManager.stakeOf(accounts[i]);
            _eq(
                s.unbonding == 0,
                s.unbondingReleaseAt == 0,
                "SM-06 release time set without unbonding, or missing"
            );
            _eq(
                s.unbondingReleaseAt,
                stakeHandler.ghost_releaseAt(accounts[i]),
                "SM-06 release time differs from request + period"
            );
            _le(
                s.unbondingReleaseAt,
                horizon,
                "SM-06 release time beyond now + MAX_UNBONDING_PERIOD"
            );
        }
    }

    /// SM-07: every actor's wallet holds what it was minted, less its deposits, plus its withdrawals and
    /// the slash proceeds sent to it: tokens leave StakeManager only to those entitled.
    function check_SM07_walletSettlement() public view {
        address[] memory accounts = stakeHandler.actors();
        for (uint256 i; i < accounts.length; ++i) {
            _eq(
                token.balanceOf(accounts[i]),
                stakeHandler.ghost_wallet(accounts[i]),
                "SM-07 wallet differs from minted - deposited + withdrawn + slash proceeds"
            );
        }
    }

    /// SM-08: no withdrawal succeeds before its unbonding period has elapsed.
    function check_SM08_noEarlyWithdrawal() public view {
        _eq(
            stakeHandler.ghost_prematureWithdrawals(),
            0,
            "SM-08 a withdrawal succeeded before its release time"
        );
    }

    /// SM-09: only modules governance authorised can lock stake; authorisations are what governance set.
    function check_SM09_lockAuthority() public view {
        _eq(
            stakeHandler.ghost_unauthorisedLocks(),
            0,
            "SM-09 a module not authorised locked stake"
        );
        address[] memory modules = stakeHandler.modules();
        for (uint256 m; m < modules.length; ++m) {
            _eq(
                stakeManager.isAuthorisedModule(modules[m]),
                stakeHandler.ghost_authorised(modules[m]),
                "SM-09 module authorisation differs from what governance set"
            );
        }
    }

    function _checkStakeConservation() internal view {
        check_SM01_accountConservation();
        check_SM02_totalIsSumOfAccounts();
        check_SM03_solvency();
        check_SM04_flowConservation();
    }

    function _checkStakeSettlement() internal view {
        check_SM07_walletSettlement();
        check_SM08_noEarlyWithdrawal();
    }

    function _checkStakeStateMachine() internal view {
        check_SM05_locksAttributed();
        check_SM06_unbondingClock();
        check_SM09_lockAuthority();
        check_SM10_retiredModuleCasesFinish();
    }

    /// SM-10: retiring a module strands no case: for every module and account, what the module's own
    /// books say it locked equals what it still holds plus what governance released for it
    /// (`releasedByGovernance`), so each of its releases and slashes of what its books say succeeds,
    /// authorised, revoked or re-authorised (the handler makes them and a revert fails the run), and
    /// what governance freed is neither freed nor slashed twice (SM-01, SM-07 count what moved).
    function check_SM10_retiredModuleCasesFinish() public view {
        address[] memory accounts = stakeHandler.actors();
        address[] memory modules = stakeHandler.modules();
        for (uint256 m; m < modules.length; ++m) {
            for (uint256 i; i < accounts.length; ++i) {
                _eq(
                    stakeManager.lockedBy(modules[m], accounts[i]) +
                        stakeManager.releasedByGovernance(modules[m], accounts[i]),
                    stakeHandler.ghost_moduleBooks(modules[m], accounts[i]),
                    "SM-10 a module's books differ from its lock + what governance released for it"
                );
            }
        }
    }
}
