import type { PostalTaskView } from '@domain/views/postal-task';
import type { ReceiptOutcome } from '@domain/notify/postal';
import type { DocumentView } from './api-types';
import { bodyPath, queryString, request, requestFile } from './http';

export type { PostalTaskView } from '@domain/views/postal-task';

const tasksPath = (bodyId: string, rest = '') => bodyPath(bodyId, `/postal-tasks${rest}`);

/** Registered/priority mail and fax tasks of the manual provider (needs communications.send). */
export function listPostalTasks(bodyId: string, state: 'open' | 'all'): Promise<{ items: PostalTaskView[]; total: number }> {
  return request('GET', tasksPath(bodyId, queryString({ state, limit: 200 })));
}

/** Uploads a scan (posting slip or return receipt); the API takes its type from the content. */
export function uploadPostalScan(bodyId: string, taskId: string, file: File, category: 'posting_slip' | 'return_receipt'): Promise<DocumentView> {
  return request<DocumentView>('POST', tasksPath(bodyId, `/${encodeURIComponent(taskId)}/documents?category=${category}`), {
    raw: file,
    headers: { 'X-Filename': encodeURIComponent(file.name) },
  });
}

export interface PostingForm {
  postedOn: string;
  trackingNumber?: string;
  costCents?: number;
  scanDocumentId?: string;
}

export interface ReceiptForm {
  receivedOn: string;
  outcome: ReceiptOutcome;
  scanDocumentId?: string;
}

export const recordPosting = (bodyId: string, taskId: string, body: PostingForm) =>
  request<PostalTaskView>('POST', tasksPath(bodyId, `/${encodeURIComponent(taskId)}/posting`), { body });

export const recordReceipt = (bodyId: string, taskId: string, body: ReceiptForm) =>
  request<PostalTaskView>('POST', tasksPath(bodyId, `/${encodeURIComponent(taskId)}/receipt`), { body });

export const downloadPostalScan = (bodyId: string, taskId: string, documentId: string) =>
  requestFile(tasksPath(bodyId, `/${encodeURIComponent(taskId)}/documents/${encodeURIComponent(documentId)}/content`));

/** The provider behind each channel here (SMS `record-only` or `twilio`; postal and fax `manual`). */
export const getCommunicationProviders = (bodyId: string) => request<Record<string, string>>('GET', bodyPath(bodyId, '/communication-providers'));
