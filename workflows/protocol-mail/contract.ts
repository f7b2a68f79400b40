/** The mailbox registration workflow's contract: one workflow per message (account + UIDVALIDITY + UID). */
import type { MailRegistrationInput, MailRegistrationResult } from '../../activities/protocol/mail';

export const PROTOCOL_MAIL_WORKFLOW_TYPE = 'protocolMailRegistration';

/** Business key: a second registration of the same message joins the first. */
export function protocolMailWorkflowId(bodyId: string, accountId: string, uidValidity: string, uid: number): string {
  return `protocol-mail:${bodyId}:${accountId}:${uidValidity}:${uid}`;
}

export type ProtocolMailInput = Omit<MailRegistrationInput, 'workflowId'>;

export interface ProtocolMailResult extends MailRegistrationResult {
  move: 'moved' | 'already_moved' | 'missing';
}

export type ProtocolMailWorkflow = (input: ProtocolMailInput) => Promise<ProtocolMailResult>;
