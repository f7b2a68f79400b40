/** The preservation control panel (docs/api.md "Preservation"). */
import { bodyPath, request, requestFile } from './http';

export interface PreservationClass {
  code: string;
  name: string;
  retentionYears: number | null;
  integrated: boolean;
  metadata: { key: string; label: string; required: boolean }[];
  standard: boolean;
}

export interface PreservationPackage {
  id: string;
  classCode: string;
  createdAt: string;
  retentionUntil: string | null;
  lastAuditAt: string | null;
  lastAuditOk: boolean | null;
  discardStatus: string | null;
  receiptDocumentId: string | null;
  files: number;
}

export interface PreservationAlert {
  id: string;
  packageId: string;
  problems: string[];
  createdAt: string;
}

export interface PreservationRejection {
  submissionId: string;
  code: string;
  detail: string | null;
  createdAt: string;
}

export interface PreservationPanel {
  packages: PreservationPackage[];
  alerts: PreservationAlert[];
  rejections: PreservationRejection[];
}

export interface SubmissionResult {
  status: 'preserved' | 'rejected';
  packageId: string | null;
  rejection?: { code: string; message: { it: string; en: string } } | null;
}

export async function listClasses(bodyId: string): Promise<PreservationClass[]> {
  return (await request<{ items: PreservationClass[] }>('GET', bodyPath(bodyId, '/preservation/classes'))).items;
}

export const getPanel = (bodyId: string) => request<PreservationPanel>('GET', bodyPath(bodyId, '/preservation/packages'));

export function submitToPreservation(bodyId: string, classCode: string, items: { documentId: string; metadata: Record<string, string> }[]): Promise<SubmissionResult> {
  return request<SubmissionResult>('POST', bodyPath(bodyId, '/preservation/submissions'), { body: { classCode, items } });
}

export const downloadDistribution = (bodyId: string, packageId: string) => requestFile(bodyPath(bodyId, `/preservation/packages/${encodeURIComponent(packageId)}/distribution`));

export const decideDiscard = (bodyId: string, packageId: string, approve: boolean, note: string) =>
  request<{ discardStatus: string }>('POST', bodyPath(bodyId, `/preservation/packages/${encodeURIComponent(packageId)}/discard`), { body: { approve, note } });
