/** The signer's public page (no session: the personal link's token authorises). */
import { ApiError, request } from './http';

export interface SignerPage {
  title: string;
  status: string;
  deadlineAt: string;
  signer: { name: string; status: string; actions: string[]; rejectedUploads: { at: string; problems: string[] }[] };
  documents: { index: number; filename: string }[];
}

export interface UploadAnswer {
  accepted: boolean;
  problems: { code: string; message: { it: string; en: string } }[];
  reportDocumentId: string | null;
}

const base = (token: string) => `/api/public/signature/${encodeURIComponent(token)}`;

export const signerPage = (token: string) => request<SignerPage>('GET', base(token), { auth: false });
export const documentUrl = (token: string, index: number) => `${base(token)}/documents/${index}`;
export const reportUrl = (token: string, documentId: string) => `${base(token)}/reports/${encodeURIComponent(documentId)}`;
export const requestCode = (token: string, channel: 'email' | 'sms') => request<{ channel: string; destination: string; expiresAt: string }>('POST', `${base(token)}/code`, { auth: false, body: { channel } });
export const signWithCode = (token: string, code: string) => request<{ signer: SignerPage['signer'] }>('POST', `${base(token)}/sign`, { auth: false, body: { code } });
export const refuse = (token: string, reason: string) => request<{ signer: SignerPage['signer'] }>('POST', `${base(token)}/refuse`, { auth: false, body: { reason } });

/** Uploads the signed file as the raw body; a refused upload (422) still carries the verification result. */
export async function uploadSigned(token: string, index: number, file: File): Promise<UploadAnswer> {
  const response = await fetch(`${base(token)}/documents/${index}/signed`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-Filename': encodeURIComponent(file.name), Accept: 'application/json' },
    body: file,
  });
  const body = (await response.json().catch(() => undefined)) as Partial<UploadAnswer> & { error?: { code: string; message?: { it: string; en: string } } } | undefined;
  if (body && typeof body.accepted === 'boolean') return body as UploadAnswer;
  const failure = body?.error;
  throw new ApiError(response.status, failure?.code ?? `HTTP_${response.status}`, failure?.message ?? null, [], failure?.message?.it ?? 'errore');
}
