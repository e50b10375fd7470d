import { defineModel } from '../../registry/define-model.js';
import { assignmentCreated, assignmentLinked } from './assignments.js';
import { chatMessageSent } from './chat.js';
import { choreCreated, choreUpdated } from './chores.js';
import { completionApproved, completionRejected, completionSubmitted } from './completions.js';
import { familyInviteCreated, familyMemberJoined, familySettingsUpdated } from './family.js';
import { familyRewardCreated, familyRewardDeleted, familyRewardUpdated } from './family-rewards.js';
import { affiliateConfigUpdated, giftTemplateCreated } from './integrations.js';
import { familyActionsInvariants } from './invariants.js';
import { payoutCreated } from './payouts.js';
import { rewardFulfilled, rewardRedemptionRequested, rewardRejected } from './redemptions.js';
import { starsPurchaseApproved, starsPurchaseRejected, starsPurchaseRequested } from './star-purchases.js';
import { streaksSettingsUpdated } from './streaks.js';

export { actorSchema as familyActionsActorSchema, type FamilyActionsActor } from './actor.js';

/**
 * Seed 001: one event per parent-dashboard action of the webhook audit (24 rows), all in one
 * envelope `{ id, event, model, occurred_at, family, actor, data }`. EVENTS.md maps each audit
 * row and WebSocket event to its event name here.
 */
export const familyActionsV1 = defineModel({
  id: 'family_actions_v1',
  eventIdField: 'id',
  title: 'Family actions v1',
  description:
    'Audit trail of family chore-app actions (chores, assignments, completions, star purchases, rewards, payouts, family settings, membership, chat, streaks, gifts, affiliate config), one event per action in a shared envelope with family, actor and event data. Money is integer minor units plus currency; stars are whole numbers.',
  events: {
    'chore.created': choreCreated,
    'chore.updated': choreUpdated,
    'assignment.created': assignmentCreated,
    'assignment.linked': assignmentLinked,
    'completion.submitted': completionSubmitted,
    'completion.approved': completionApproved,
    'completion.rejected': completionRejected,
    'stars.purchase_requested': starsPurchaseRequested,
    'stars.purchase_approved': starsPurchaseApproved,
    'stars.purchase_rejected': starsPurchaseRejected,
    'family_reward.created': familyRewardCreated,
    'family_reward.updated': familyRewardUpdated,
    'family_reward.deleted': familyRewardDeleted,
    'reward.redemption_requested': rewardRedemptionRequested,
    'reward.fulfilled': rewardFulfilled,
    'reward.rejected': rewardRejected,
    'payout.created': payoutCreated,
    'family.settings_updated': familySettingsUpdated,
    'family.invite_created': familyInviteCreated,
    'family.member_joined': familyMemberJoined,
    'chat.message_sent': chatMessageSent,
    'streaks.settings_updated': streaksSettingsUpdated,
    'gift_template.created': giftTemplateCreated,
    'affiliate.config_updated': affiliateConfigUpdated,
  },
  invariants: familyActionsInvariants,
});
