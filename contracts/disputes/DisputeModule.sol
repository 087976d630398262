// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {MandateModule} from "../base/MandateModule.sol";
import {ModuleAuthorisation} from "../base/ModuleAuthorisation.sol";
import {PaymentCredits} from "../base/PaymentCredits.sol";
import {TreasuryFee} from "../base/TreasuryFee.sol";
import {IDisputeClient} from "../interfaces/IDisputeClient.sol";
import {IDisputeModule} from "../interfaces/IDisputeModule.sol";

/// @title DisputeModule
/// @notice Bonded disputes over jobs and leases, ruled by an arbitrator or resolved by a governance
/// default after a deadline. See {IDisputeModule}.
contract DisputeModule is
    IDisputeModule,
    ModuleAuthorisation,
    TreasuryFee,
    PaymentCredits,
    ReentrancyGuardTransient
{
    using SafeERC20 for IERC20;

    /// @inheritdoc IDisputeModule
    bytes32 public constant override MIN_BOND = keccak256("MIN_BOND");
    /// @inheritdoc IDisputeModule
    bytes32 public constant override BOND_SHARE_BPS = keccak256("BOND_SHARE_BPS");
    /// @inheritdoc IDisputeModule
    bytes32 public constant override DISPUTE_FEE_BPS = keccak256("DISPUTE_FEE_BPS");
    /// @inheritdoc IDisputeModule
    bytes32 public constant override RULING_PERIOD = keccak256("RULING_PERIOD");
    /// @inheritdoc IDisputeModule
    bytes32 public constant override DEFAULT_OUTCOME = keccak256("DEFAULT_OUTCOME");

    /// @notice Lowest minimum bond: one token unit, so that no dispute is free.
    uint256 public constant MIN_MIN_BOND = 1;
    /// @notice Highest minimum bond: 1e21 units (1,000 tokens of 18 decimals, a hundred times the
    /// deployed 10). A bond is also never more than the value at stake (`bondFor`), so no case is
    /// priced out of contest whatever this is set to.
    uint256 public constant MAX_MIN_BOND = 1e21;
    /// @notice Highest bond share: the whole value at stake.
    uint256 public constant MAX_BOND_SHARE_BPS = 10_000;
    /// @notice Highest fee on a forfeited bond: half, so the wronged respondent always gets the larger part.
    uint256 public constant MAX_DISPUTE_FEE_BPS = 5_000;
    /// @notice Shortest ruling period: a committee Safe needs a day to collect signatures.
    uint256 public constant MIN_RULING_PERIOD = 1 days;
    /// @notice Longest ruling period: no bond or case waits longer than this for its default.
    uint256 public constant MAX_RULING_PERIOD = 90 days;
    /// @notice `DEFAULT_OUTCOME` value: the claimant wins.
    uint256 public constant OUTCOME_CLAIMANT_WINS = 1;
    /// @notice `DEFAULT_OUTCOME` value: the respondent wins.
    uint256 public constant OUTCOME_RESPONDENT_WINS = 2;

    /// @inheritdoc IDisputeModule
    IERC20 public immutable override token;
    /// @inheritdoc IDisputeModule
    address public override arbitrator;
    /// @inheritdoc IDisputeModule
    uint256 public override disputeCount;

    mapping(uint256 disputeId => Dispute) private _disputes;

    /// @notice The initial parameter values, in the units of their keys.
    struct InitialParameters {
        uint256 minBond;
        uint256 bondShareBps;
        uint256 disputeFeeBps;
        uint256 rulingPeriod;
        uint256 defaultOutcome;
    }

    /// @param initialOwner Governance (the timelock).
    /// @param initialPauser SystemPause.
    /// @param paymentToken The one stake and payment token (StakeManager's).
    /// @param initialArbitrator Who rules (the committee Safe).
    /// @param initialTreasury Where dispute fees go.
    /// @param parameters Initial values, each within its bounds.
    /// @param initialModules Client modules allowed to open disputes from the first block.
    constructor(
        address initialOwner,
        address initialPauser,
        IERC20 paymentToken,
        address initialArbitrator,
        address initialTreasury,
        InitialParameters memory parameters,
        address[] memory initialModules
    )
        MandateModule(initialOwner, initialPauser)
        ModuleAuthorisation(initialModules)
        TreasuryFee(initialTreasury)
    {
        if (address(paymentToken) == address(0)) revert DisputeModule_ZeroAddress();
        token = paymentToken;
        _setArbitrator(initialArbitrator);
        _setParameter(MIN_BOND, parameters.minBond);
        _setParameter(BOND_SHARE_BPS, parameters.bondShareBps);
        _setParameter(DISPUTE_FEE_BPS, parameters.disputeFeeBps);
        _setParameter(RULING_PERIOD, parameters.rulingPeriod);
        _setParameter(DEFAULT_OUTCOME, parameters.defaultOutcome);
    }

    // ---------------------------------------------------------------- client modules

    /// @inheritdoc IDisputeModule
    function openDispute(
        uint256 caseId,
        address claimant,
        address respondent,
        uint256 valueAtStake
    )
        external
        override
        whenNotPaused
        nonReentrant
        onlyAuthorisedModule
        returns (uint256 disputeId)
    {
        if (claimant == address(0) || respondent == address(0)) revert DisputeModule_ZeroAddress();
        if (claimant == respondent) revert DisputeModule_SameParties(claimant);

        uint256 bond = bondFor(valueAtStake);
        // ruleBy = now + a period of at most 90 days: fits 64 bits.
        uint64 ruleBy = uint64(block.timestamp + _parameter(RULING_PERIOD));
        disputeId = ++disputeCount;
        _disputes[disputeId] = Dispute({
            client: msg.sender,
            ruleBy: ruleBy,
            status: Status.Open,
            claimantWon: false,
            caseId: caseId,
            claimant: claimant,
            pauseMark: _clockMark(_rulingClock(msg.sender)),
            // Terms at entry; the fee is bounded by MAX_DISPUTE_FEE_BPS < 2^16.
            // forge-lint: disable-next-line(unsafe-typecast)
            feeBps: uint16(_parameter(DISPUTE_FEE_BPS)),
            claimantWinsByDefault: _parameter(DEFAULT_OUTCOME) == OUTCOME_CLAIMANT_WINS,
            respondent: respondent,
            valueAtStake: valueAtStake,
            bond: bond
        });
        emit DisputeOpened(
            disputeId,
            msg.sender,
            caseId,
            claimant,
            respondent,
            valueAtStake,
            bond,
            ruleBy
        );

        // The reentrancy guard covers the transfer after the writes.
        _pullBond(claimant, bond);
    }

    // ---------------------------------------------------------------- parties and arbitrator

    /// @inheritdoc IDisputeModule
    function submitEvidence(
        uint256 disputeId,
        bytes32 evidenceHash
    ) external override whenNotPaused {
        Dispute storage d = _openDispute(disputeId);
        if (msg.sender != d.claimant && msg.sender != d.respondent)
            revert DisputeModule_NotParty(disputeId, msg.sender);
        emit EvidenceSubmitted(disputeId, msg.sender, evidenceHash);
    }

    /// @inheritdoc IDisputeModule
    function rule(
        uint256 disputeId,
        bool claimantWins
    ) external override whenNotPaused nonReentrant {
        if (msg.sender != arbitrator)
            revert DisputeModule_CallerNotArbitrator(msg.sender, arbitrator);
        Dispute storage d = _openDispute(disputeId);
        uint256 ruleBy = _ruleByInForce(d);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > ruleBy)
            revert DisputeModule_RulingPeriodOver(disputeId, ruleBy, block.timestamp);
        _resolve(disputeId, d, claimantWins, false);
    }

    /// @inheritdoc IDisputeModule
    function resolveByDefault(uint256 disputeId) external override whenNotPaused nonReentrant {
        Dispute storage d = _openDispute(disputeId);
        uint256 ruleBy = _ruleByInForce(d);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp <= ruleBy)
            revert DisputeModule_RulingPeriodNotOver(disputeId, ruleBy, block.timestamp);
        _resolve(disputeId, d, d.claimantWinsByDefault, true);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IDisputeModule
    function setArbitrator(address newArbitrator) external override onlyOwner {
        _setArbitrator(newArbitrator);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDisputeModule
    function bondFor(uint256 valueAtStake) public view override returns (uint256) {
        uint256 share = _shareOf(valueAtStake, _parameter(BOND_SHARE_BPS));
        uint256 minimum = _parameter(MIN_BOND);
        uint256 bond = share > minimum ? share : minimum;
        return bond < valueAtStake ? bond : valueAtStake;
    }

    /// @inheritdoc IDisputeModule
    function dispute(uint256 disputeId) external view override returns (Dispute memory) {
        return _disputes[disputeId];
    }

    /// @inheritdoc IDisputeModule
    function ruleByInForce(uint256 disputeId) external view override returns (uint256) {
        Dispute storage d = _disputes[disputeId];
        return d.status == Status.Open ? _ruleByInForce(d) : d.ruleBy;
    }

    /// @inheritdoc MandateModule
    function parameterKeys() external pure override returns (bytes32[] memory keys) {
        keys = new bytes32[](5);
        keys[0] = MIN_BOND;
        keys[1] = BOND_SHARE_BPS;
        keys[2] = DISPUTE_FEE_BPS;
        keys[3] = RULING_PERIOD;
        keys[4] = DEFAULT_OUTCOME;
    }

    /// @inheritdoc MandateModule
    function parameterBounds(bytes32 key) public pure override returns (uint256 min, uint256 max) {
        if (key == MIN_BOND) return (MIN_MIN_BOND, MAX_MIN_BOND);
        if (key == BOND_SHARE_BPS) return (0, MAX_BOND_SHARE_BPS);
        if (key == DISPUTE_FEE_BPS) return (0, MAX_DISPUTE_FEE_BPS);
        if (key == RULING_PERIOD) return (MIN_RULING_PERIOD, MAX_RULING_PERIOD);
        if (key == DEFAULT_OUTCOME) return (OUTCOME_CLAIMANT_WINS, OUTCOME_RESPONDENT_WINS);
        revert MandateModule_UnknownParameter(key);
    }

    // ---------------------------------------------------------------- internals

    function _openDispute(uint256 disputeId) private view returns (Dispute storage d) {
        d = _disputes[disputeId];
        if (d.status != Status.Open) revert DisputeModule_NotOpen(disputeId, d.status);
    }

    /// @dev `ruleBy` later by the ruling clock's advance since the dispute opened.
    function _ruleByInForce(Dispute storage d) private view returns (uint256) {
        return d.ruleBy + _clockAdvance(_rulingClock(d.client), d.pauseMark);
    }

    /// @dev The ruling period's clock: a ruling (and the default) runs here and in the client's
    /// settlement, so a pause of either stops it. Summed: overlapping pauses count twice.
    function _rulingClock(address client) private view returns (uint256) {
        return pausedSeconds() + IDisputeClient(client).settlementPausedSeconds();
    }

    /// @dev Checks-effects-interactions: the dispute is resolved and the bond credited before its client
    /// is called back, so the client cannot see it open again; no transfer happens here at all.
    function _resolve(
        uint256 disputeId,
        Dispute storage d,
        bool claimantWins,
        bool byDefault
    ) private {
        d.status = Status.Resolved;
        d.claimantWon = claimantWins;

        uint256 bond = d.bond;
        uint256 fee;
        uint256 toRespondent;
        if (!claimantWins) {
            fee = _shareOf(bond, d.feeBps);
            toRespondent = bond - fee;
        }
        uint256 toClaimant = claimantWins ? bond : 0;
        emit DisputeResolved(disputeId, claimantWins, byDefault, toClaimant, toRespondent, fee);
        _credit(d.claimant, toClaimant);
        _credit(d.respondent, toRespondent);
        _credit(treasury, fee);

        // The client settles its case in the same transaction: if it reverts, so does the ruling,
        // and the dispute stays open to be ruled or defaulted again.
        IDisputeClient(d.client).onDisputeResolved(d.caseId, claimantWins);
    }

    /// @dev Credits are paid in the bond token.
    function _creditToken() internal view override returns (IERC20) {
        return token;
    }

    /// @dev What arrives must be the bond: a short delivery would let this contract pay out more than
    /// it holds.
    function _pullBond(address claimant, uint256 bond) private {
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(claimant, address(this), bond);
        uint256 received = token.balanceOf(address(this)) - balanceBefore;
        if (received != bond) revert DisputeModule_TransferShortfall(bond, received);
    }

    function _setArbitrator(address newArbitrator) private {
        if (newArbitrator == address(0)) revert DisputeModule_ZeroAddress();
        emit ArbitratorUpdated(arbitrator, newArbitrator);
        arbitrator = newArbitrator;
    }
}
