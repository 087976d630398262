// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IPaymentCredits} from "./IPaymentCredits.sol";

/// @title IDisputeModule
/// @notice Bonded disputes over cases owned by other modules (jobs, leases). An authorised client module
/// opens a dispute for a claimant, who posts a bond: the larger of `MIN_BOND` and `BOND_SHARE_BPS` of
/// the value at stake. Both parties may submit evidence hashes. The arbitrator (a committee Safe) rules
/// once; past the ruling deadline anyone may apply the default outcome set by governance. Either way
/// the client module is called back (`IDisputeClient.onDisputeResolved`) and settles the case. A
/// claimant who wins gets the bond back; a claimant who loses forfeits it to the respondent, minus
/// `DISPUTE_FEE_BPS` to the treasury.
/// @dev Money: the only tokens this contract holds are the bonds of open disputes and the credits of
/// resolved ones. A bond is credited exactly once, when its dispute is resolved (the claimant, or the
/// respondent and the treasury), and each party claims its credit itself (`IPaymentCredits`): a party
/// the token will not pay never stops a resolution. Every open dispute is resolvable: by the arbitrator
/// until its ruling deadline, or by anyone once it has passed, so no silent party (claimant,
/// respondent, arbitrator) can keep a bond here. The dispute is marked resolved before the client is
/// called back, so a case is settled once. Terms at entry: every parameter that prices or times a
/// dispute is fixed when it opens and the dispute is settled on those: `MIN_BOND` and `BOND_SHARE_BPS`
/// (the bond), `RULING_PERIOD` (`ruleBy`), `DISPUTE_FEE_BPS` (`feeBps`) and `DEFAULT_OUTCOME`
/// (`claimantWinsByDefault`). A governance change applies to disputes opened after it only.
interface IDisputeModule is IPaymentCredits {
    /// @notice Where a dispute stands. Moves only None → Open → Resolved.
    enum Status {
        None,
        Open,
        Resolved
    }

    /// @notice One dispute. The first slot packs the client with the deadline and the state.
    /// @param client The module that owns the case and is called back.
    /// @param ruleBy Deadline of the arbitrator's ruling as set at opening; a pause extends it (see
    /// `ruleByInForce`). Afterwards only the default applies.
    /// @param status Where the dispute stands.
    /// @param claimantWon The outcome, meaningful once resolved.
    /// @param caseId The client's id of the case.
    /// @param claimant Who opened the dispute and posted the bond.
    /// @param pauseMark The ruling period's pause clock (modulo 2^32) when the dispute opened:
    /// DisputeModule's `pausedSeconds()` plus the client's `settlementPausedSeconds()`.
    /// @param feeBps `DISPUTE_FEE_BPS` when the dispute opened: the treasury's share of a forfeited bond.
    /// @param claimantWinsByDefault `DEFAULT_OUTCOME` when the dispute opened: true when the default
    /// lets the claimant win.
    /// @param respondent The other party.
    /// @param valueAtStake The case's value, which sized the bond.
    /// @param bond Tokens posted by the claimant.
    struct Dispute {
        address client;
        uint64 ruleBy;
        Status status;
        bool claimantWon;
        uint256 caseId;
        address claimant;
        uint32 pauseMark;
        uint16 feeBps;
        bool claimantWinsByDefault;
        address respondent;
        uint256 valueAtStake;
        uint256 bond;
    }

    // ---------------------------------------------------------------- events

    /// @notice Client module `client` opened dispute `disputeId` over its case `caseId`; the claimant's
    /// bond is held here.
    /// @param disputeId The new dispute's id (ids start at 1).
    /// @param client The module that owns the case and will be called back.
    /// @param caseId The client's id of the case.
    /// @param claimant Who disputes and posted the bond.
    /// @param respondent The other party.
    /// @param valueAtStake The case's value in tokens.
    /// @param bond Tokens pulled from the claimant.
    /// @param ruleBy When the arbitrator's ruling period ends.
    event DisputeOpened(
        uint256 indexed disputeId,
        address indexed client,
        uint256 indexed caseId,
        address claimant,
        address respondent,
        uint256 valueAtStake,
        uint256 bond,
        uint256 ruleBy
    );

    /// @notice A party of dispute `disputeId` submitted evidence; only its hash is on chain.
    /// @param disputeId The dispute.
    /// @param party The claimant or the respondent.
    /// @param evidenceHash Hash of the evidence kept off chain (e.g. an IPFS digest).
    event EvidenceSubmitted(uint256 indexed disputeId, address indexed party, bytes32 evidenceHash);

    /// @notice Dispute `disputeId` is resolved and its bond credited to whom it is due (each claims it).
    /// @param disputeId The dispute.
    /// @param claimantWon The outcome.
    /// @param byDefault True when the default outcome was applied after `ruleBy`, false for a ruling.
    /// @param toClaimant Tokens credited to the claimant (the whole bond when the claimant won, else 0).
    /// @param toRespondent Tokens credited to the respondent (the bond minus the fee when the claimant
    /// lost).
    /// @param fee Tokens credited to the treasury (the dispute's `feeBps` of a forfeited bond, else 0).
    event DisputeResolved(
        uint256 indexed disputeId,
        bool claimantWon,
        bool byDefault,
        uint256 toClaimant,
        uint256 toRespondent,
        uint256 fee
    );

    /// @notice Governance replaced the arbitrator.
    /// @param previousArbitrator The arbitrator before the change (zero at construction).
    /// @param newArbitrator The arbitrator from now on, for open disputes too.
    event ArbitratorUpdated(address indexed previousArbitrator, address indexed newArbitrator);

    // ---------------------------------------------------------------- errors

    /// @notice A zero address was given for the token, the arbitrator, a claimant or a respondent.
    error DisputeModule_ZeroAddress();
    /// @notice `claimant` cannot dispute against itself.
    error DisputeModule_SameParties(address claimant);
    /// @notice Dispute `disputeId` is `actual`, not open.
    error DisputeModule_NotOpen(uint256 disputeId, Status actual);
    /// @notice `caller` is neither the claimant nor the respondent of dispute `disputeId`.
    error DisputeModule_NotParty(uint256 disputeId, address caller);
    /// @notice `caller` is not the arbitrator `arbitrator`.
    error DisputeModule_CallerNotArbitrator(address caller, address arbitrator);
    /// @notice The arbitrator's ruling period of dispute `disputeId` ended at `ruleBy` (pauses included);
    /// it is `nowTime`: only the default applies now.
    error DisputeModule_RulingPeriodOver(uint256 disputeId, uint256 ruleBy, uint256 nowTime);
    /// @notice Dispute `disputeId` may be resolved by default only after `ruleBy`; it is `nowTime`.
    error DisputeModule_RulingPeriodNotOver(uint256 disputeId, uint256 ruleBy, uint256 nowTime);
    /// @notice The token delivered `received` instead of the `expected` bond (fee-on-transfer tokens
    /// are unsupported).
    error DisputeModule_TransferShortfall(uint256 expected, uint256 received);

    // ---------------------------------------------------------------- parameter keys

    /// @notice The key of the minimum bond, in token units.
    function MIN_BOND() external view returns (bytes32);

    /// @notice The key of the bond's share of the value at stake, in basis points.
    function BOND_SHARE_BPS() external view returns (bytes32);

    /// @notice The key of the treasury's share of a forfeited bond, in basis points.
    function DISPUTE_FEE_BPS() external view returns (bytes32);

    /// @notice The key of the arbitrator's ruling period, in seconds.
    function RULING_PERIOD() external view returns (bytes32);

    /// @notice The key of the outcome applied after the ruling period: 1 claimant wins, 2 respondent wins.
    function DEFAULT_OUTCOME() external view returns (bytes32);

    // ---------------------------------------------------------------- client modules

    /// @notice Opens a dispute over the calling module's case `caseId` and pulls the bond from
    /// `claimant` (who approved this contract for it). Only authorised client modules.
    /// @param caseId The client's id of the case.
    /// @param claimant Who disputes; pays the bond.
    /// @param respondent The other party of the case.
    /// @param valueAtStake The case's value in tokens, which sizes the bond.
    /// @return disputeId The new dispute's id.
    function openDispute(
        uint256 caseId,
        address claimant,
        address respondent,
        uint256 valueAtStake
    ) external returns (uint256 disputeId);

    // ---------------------------------------------------------------- parties and arbitrator

    /// @notice Records the hash of evidence for dispute `disputeId` (an event only). Only its claimant
    /// or respondent, while it is open.
    function submitEvidence(uint256 disputeId, bytes32 evidenceHash) external;

    /// @notice Rules dispute `disputeId`, calls back its client and credits the bond. Only the
    /// arbitrator, while the dispute is open and up to and including `ruleByInForce`: a late ruling is
    /// refused, so the default and a ruling never race (docs/governance.md).
    /// @param claimantWins True when the claimant wins.
    function rule(uint256 disputeId, bool claimantWins) external;

    /// @notice Applies the default outcome fixed when dispute `disputeId` opened
    /// (`claimantWinsByDefault`), calls back its client and credits the bond. Anyone, once `ruleByInForce` has passed.
    function resolveByDefault(uint256 disputeId) external;

    // ---------------------------------------------------------------- governance

    /// @notice Replaces the arbitrator, for open disputes too. Only the owner.
    /// @param newArbitrator The new arbitrator (a committee Safe); not zero.
    function setArbitrator(address newArbitrator) external;

    // ---------------------------------------------------------------- views

    /// @notice The bond a claimant posts for a case worth `valueAtStake`: the larger of `MIN_BOND`
    /// and `BOND_SHARE_BPS` of the value, but never more than the value itself, so that contesting a
    /// case never costs more than the case is worth (docs/governance.md).
    function bondFor(uint256 valueAtStake) external view returns (uint256);

    /// @notice The one stake and payment token (StakeManager's).
    function token() external view returns (IERC20);

    /// @notice Who rules disputes.
    function arbitrator() external view returns (address);

    /// @notice Dispute `disputeId`; all zero for an unknown id.
    function dispute(uint256 disputeId) external view returns (Dispute memory);

    /// @notice The end of dispute `disputeId`'s ruling period, pauses included: `ruleBy` later by the
    /// seconds DisputeModule and its client's settlement (`IDisputeClient.settlementPausedSeconds`)
    /// were paused since it opened, summed. The arbitrator rules up to and including this second;
    /// afterwards anyone applies the default. `ruleBy` as set once the dispute is resolved; 0 if unknown.
    function ruleByInForce(uint256 disputeId) external view returns (uint256);

    /// @notice How many disputes were opened; ids run from 1 to this count.
    function disputeCount() external view returns (uint256);
}
