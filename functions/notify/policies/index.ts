// The policy table: which policy decides who hears of each event type. An event type absent here
// notifies nobody.
import type { PolicyTable } from '../policy';
import { documentUploadedPolicy } from './document-uploaded';
import { invitationSentPolicy } from './invitation';

export const policies: PolicyTable = {
  'document.uploaded': documentUploadedPolicy,
  'invitation.sent': invitationSentPolicy,
};
