import type { Audience, MailingChannel, MailingKind, MailingProgress, MailingState } from '@domain/notify/mailing';
import { bodyPath, queryString, request } from './http';
import { newIdempotencyKey } from './idempotency';

export type { Audience, MailingChannel, MailingKind, MailingProgress, MailingState } from '@domain/notify/mailing';
export { mailingChannels, mailingKinds } from '@domain/notify/mailing';

export type MailingAction = 'pause' | 'resume' | 'cancel';

export interface MailingView {
  id: string;
  kind: MailingKind;
  channel: MailingChannel;
  subject: string;
  message: string;
  audience: Audience;
  state: MailingState;
  total: number | null;
  createdAt: string;
  progress: MailingProgress;
  allowedActions?: MailingAction[];
  /** Addresses that left the body's newsletter. */
  unsubscribed?: number;
}

export interface NewMailing {
  kind: MailingKind;
  channel: MailingChannel;
  subject: string;
  message: string;
  audience: Audience;
}

export const listMailings = (bodyId: string) =>
  request<{ items: MailingView[]; total: number; unsubscribed: number }>('GET', bodyPath(bodyId, `/mailings${queryString({ limit: 50 })}`));

export const getMailing = (bodyId: string, id: string) => request<MailingView>('GET', bodyPath(bodyId, `/mailings/${encodeURIComponent(id)}`));

/** Creates and starts a mailing; the key makes a repeated click the same mailing. */
export const createMailing = (bodyId: string, body: NewMailing, key: string = newIdempotencyKey()) =>
  request<MailingView>('POST', bodyPath(bodyId, '/mailings'), { body, headers: { 'Idempotency-Key': key } });

export const mailingAction = (bodyId: string, id: string, action: MailingAction) =>
  request<MailingView>('POST', bodyPath(bodyId, `/mailings/${encodeURIComponent(id)}/${action}`), { headers: { 'Idempotency-Key': newIdempotencyKey() } });
