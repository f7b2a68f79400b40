/**
 * Postal and fax tasks (manual provider) as the API returns them (docs/api.md, "Postal and fax
 * tasks"): written by db/repositories/postal-dispatches.ts, read by the web UI.
 */
import type { MessageStatus, PostalChannel } from '../notify/channels';
import type { PostalAction, ReceiptOutcome } from '../notify/postal';

export interface PostalTaskView {
  id: string;
  channel: PostalChannel;
  status: MessageStatus;
  recipientName: string | null;
  recipientAddress: string;
  subject: string | null;
  template: string;
  caseId: string | null;
  caseNumber: string | null;
  /** Documents to send with the letter (document store IDs). */
  attachments: string[];
  createdAt: string;
  posting: { postedOn: string; trackingNumber: string | null; costCents: number | null; scanDocumentId: string | null; at: string } | null;
  receipt: { receivedOn: string; outcome: ReceiptOutcome; scanDocumentId: string | null; at: string } | null;
  allowedActions: PostalAction[];
}
