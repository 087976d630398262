// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IJobRegistry} from "../interfaces/IJobRegistry.sol";
import {ILeaseAgreement} from "../interfaces/ILeaseAgreement.sol";
import {IPaymentCredits} from "../interfaces/IPaymentCredits.sol";
import {IReputationEngine} from "../interfaces/IReputationEngine.sol";
import {IStakeManager} from "../interfaces/IStakeManager.sol";

/// @title SimLens
/// @notice Test tooling for the economic simulation (sim/): reads what an epoch needs of many
/// accounts and jobs in one call, through the modules' own views. Holds nothing and writes nothing;
/// deployed only on a simulation's chain.
contract SimLens {
    /// @notice One account's holdings: tokens (in its wallet or credited to it, claimable), stake
    /// (free + locked + unbonding) and current score.
    struct Holdings {
        uint256 balance;
        uint256 stake;
        uint256 score;
    }

    /// @notice The holdings of each of `accounts`, in order; `creditors` are the modules that pay by
    /// credit (settlements are pull payments), whose unclaimed credits count as tokens held.
    function holdings(
        IERC20 token,
        IStakeManager stakeManager,
        IReputationEngine reputation,
        IPaymentCredits[] calldata creditors,
        address[] calldata accounts
    ) external view returns (Holdings[] memory out) {
        out = new Holdings[](accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            IStakeManager.Stake memory s = stakeManager.stakeOf(accounts[i]);
            uint256 credited;
            for (uint256 c = 0; c < creditors.length; ++c) {
                credited += creditors[c].creditOf(accounts[i]);
            }
            out[i] = Holdings({
                balance: token.balanceOf(accounts[i]) + credited,
                stake: uint256(s.free) + s.locked + s.unbonding,
                score: reputation.scoreOf(accounts[i])
            });
        }
    }

    /// @notice The current score of each of `accounts`, in order (scores decay with time, so every
    /// agent's is read each epoch; tokens and stake only move when an action names the account).
    function scores(
        IReputationEngine reputation,
        address[] calldata accounts
    ) external view returns (uint256[] memory out) {
        out = new uint256[](accounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            out[i] = reputation.scoreOf(accounts[i]);
        }
    }

    /// @notice Each lease of `leaseIds` with the end of its dispute window in force, and the current
    /// price per second of each product of `productIds`.
    function leases(
        ILeaseAgreement agreement,
        uint256[] calldata leaseIds,
        uint256[] calldata productIds
    )
        external
        view
        returns (
            ILeaseAgreement.Lease[] memory out,
            uint256[] memory closesAt,
            uint256[] memory prices
        )
    {
        out = new ILeaseAgreement.Lease[](leaseIds.length);
        closesAt = new uint256[](leaseIds.length);
        for (uint256 i = 0; i < leaseIds.length; ++i) {
            out[i] = agreement.lease(leaseIds[i]);
            closesAt[i] = agreement.disputeWindowClosesAt(leaseIds[i]);
        }
        prices = new uint256[](productIds.length);
        for (uint256 i = 0; i < productIds.length; ++i) {
            prices[i] = agreement.product(productIds[i]).pricePerSecond;
        }
    }

    /// @notice Each job of `jobIds` with the deadline or window end in force (`currentDeadline`).
    function jobs(
        IJobRegistry registry,
        uint256[] calldata jobIds
    ) external view returns (IJobRegistry.Job[] memory out, uint256[] memory deadlines) {
        out = new IJobRegistry.Job[](jobIds.length);
        deadlines = new uint256[](jobIds.length);
        for (uint256 i = 0; i < jobIds.length; ++i) {
            out[i] = registry.job(jobIds[i]);
            deadlines[i] = registry.currentDeadline(jobIds[i]);
        }
    }
}
