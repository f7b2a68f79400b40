import type { DocumentView } from './api-types';
import { bodyPath, request, requestFile } from './http';

/** Categories a user may give an uploaded document (the API's list; minutes are produced by the procedure). */
export const uploadCategories = ['attachment', 'power_of_attorney', 'identity_document', 'agreement', 'expert_report', 'other'] as const;
export type UploadCategory = (typeof uploadCategories)[number];

const documentsPath = (bodyId: string, caseId: string) => bodyPath(bodyId, `/cases/${encodeURIComponent(caseId)}/documents`);

export async function listDocuments(bodyId: string, caseId: string): Promise<DocumentView[]> {
  return (await request<{ items: DocumentView[] }>('GET', documentsPath(bodyId, caseId))).items;
}

/** Uploads a file to the case file; its type is taken from its content by the API. */
export function uploadDocument(bodyId: string, caseId: string, file: File, category: UploadCategory): Promise<DocumentView> {
  return request<DocumentView>('POST', `${documentsPath(bodyId, caseId)}?category=${encodeURIComponent(category)}`, {
    raw: file,
    headers: { 'X-Filename': encodeURIComponent(file.name) },
  });
}

export function downloadDocument(bodyId: string, caseId: string, documentId: string): Promise<{ blob: Blob; filename: string | null }> {
  return requestFile(`${documentsPath(bodyId, caseId)}/${encodeURIComponent(documentId)}/content`);
}
