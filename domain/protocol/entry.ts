/**
 * A protocol registration (DPR 445/2000 art. 53): what the operator supplies. Number, year, date
 * and time, the register and the digests of the attachments are assigned by the system, in one
 * operation, when the entry is confirmed (art. 53 co. 3). Once registered the entry is immutable:
 * corrections are annotations, and the whole entry can only be annulled (art. 54).
 */
import { z } from 'zod';
import { emailSchema, taxCodeSchema, vatNumberSchema } from '../registry/contact';
import { CLASSIFICATION_CODE_PATTERN } from './classification';
import { IPA_CODE_PATTERN } from './registers';

export const protocolDirections = ['incoming', 'outgoing', 'internal'] as const;
export type ProtocolDirection = (typeof protocolDirections)[number];

/** How the document arrived or left. */
export const protocolChannels = ['email', 'pec', 'paper', 'hand', 'internal', 'other'] as const;
export type ProtocolChannel = (typeof protocolChannels)[number];

export const protocolLimits = {
  subject: 1000,
  name: 200,
  correspondents: 50,
  attachments: 20,
  /** Bytes of one attachment (decoded). */
  attachmentBytes: 15 * 1024 * 1024,
  filename: 200,
  annotation: 2000,
  reason: 1000,
} as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());
const text = (max: number) =>
  z.string({ error: (i) => (i.input === undefined ? 'REQUIRED' : undefined) }).trim().min(1, { error: 'REQUIRED', abort: true }).max(max, { error: 'TOO_LONG' });

const contacts = {
  email: optional(emailSchema),
  pec: optional(emailSchema),
  address: optional(text(300)),
  /** The registry entry (subjects) this correspondent was matched to, if any. */
  subjectId: optional(z.uuid()),
};

/** Sender (incoming) or recipient (outgoing): the kinds of the segnatura's SoggettoType. */
export const correspondentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), firstName: text(protocolLimits.name), lastName: text(protocolLimits.name), taxCode: optional(taxCodeSchema), ...contacts }),
  z.object({ kind: z.literal('company'), name: text(protocolLimits.name), vatNumber: optional(vatNumberSchema), ...contacts }),
  z.object({
    kind: z.literal('administration'),
    name: text(protocolLimits.name),
    ipaCode: optional(z.string().trim().regex(IPA_CODE_PATTERN, { error: 'INVALID_IPA_CODE' })),
    aooCode: optional(z.string().trim().regex(IPA_CODE_PATTERN, { error: 'INVALID_IPA_CODE' })),
    ...contacts,
  }),
  /** Anyone else (a foreign administration, an office, an unidentified sender). */
  z.object({ kind: z.literal('other'), name: text(protocolLimits.name), ...contacts }),
]);
export type Correspondent = z.infer<typeof correspondentSchema>;

/** The protocol file (fascicolo) the entry belongs to: an existing case or general file, or a new general file. */
export const fileLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case'), caseId: z.uuid() }),
  z.object({ kind: z.literal('file'), fileId: z.uuid() }),
  z.object({
    kind: z.literal('new_file'),
    subject: text(protocolLimits.subject),
    /** Defaults to the entry's classification. */
    classificationCode: optional(z.string().trim().regex(CLASSIFICATION_CODE_PATTERN, { error: 'INVALID_CLASSIFICATION_CODE' })),
  }),
]);
export type FileLink = z.infer<typeof fileLinkSchema>;

export const attachmentInputSchema = z.object({
  filename: text(protocolLimits.filename).refine((s) => !/[\\/\0]/.test(s), { error: 'INVALID_FILENAME' }),
  /** The file's bytes, base64. */
  contentBase64: z.string().min(1, { error: 'REQUIRED' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'INVALID_BASE64' }),
  description: optional(text(300)),
});
export type AttachmentInput = z.infer<typeof attachmentInputSchema>;

export const entryInputSchema = z
  .object({
    registerId: z.uuid({ error: 'REQUIRED' }),
    direction: z.enum(protocolDirections, { error: 'INVALID_DIRECTION' }),
    channel: z.enum(protocolChannels).default('paper'),
    correspondents: z.array(correspondentSchema, { error: 'REQUIRED' }).min(1, { error: 'REQUIRED' }).max(protocolLimits.correspondents, { error: 'TOO_MANY' }),
    /** Oggetto (art. 53 lett. d). */
    subject: text(protocolLimits.subject),
    classificationCode: z.string({ error: 'REQUIRED' }).trim().min(1, { error: 'REQUIRED', abort: true }).regex(CLASSIFICATION_CODE_PATTERN, { error: 'INVALID_CLASSIFICATION_CODE' }),
    /** Date and protocol number of the document received (art. 53 lett. e), when available. */
    receivedDocument: optional(z.object({ date: optional(z.iso.date({ error: 'INVALID_DATE' })), number: optional(text(100)) })),
    confidential: z.boolean().default(false),
    file: optional(fileLinkSchema),
    /** The first is the primary document (documento principale), the others its attachments. */
    attachments: z.array(attachmentInputSchema).max(protocolLimits.attachments, { error: 'TOO_MANY' }).default([]),
  })
  .superRefine((e, ctx) => {
    if (e.receivedDocument && e.direction !== 'incoming') {
      ctx.addIssue({ code: 'custom', path: ['receivedDocument'], message: 'ONLY_FOR_INCOMING' });
    }
  });
export type EntryInput = z.infer<typeof entryInputSchema>;

/** The name a correspondent is listed and searched by. */
export function correspondentName(c: Correspondent): string {
  return c.kind === 'person' ? `${c.firstName} ${c.lastName}` : c.name;
}

/** Lower-case text the search matches (names, codes and addresses of every correspondent). */
export function correspondentSearchText(list: readonly Correspondent[]): string {
  return list
    .flatMap((c) => [correspondentName(c), c.email, c.pec, 'taxCode' in c ? c.taxCode : undefined, 'vatNumber' in c ? c.vatNumber : undefined])
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .join(' ')
    .toLowerCase();
}

/**
 * What a protocol entry admits as a document, by content: the case-file formats (PDF, signed
 * envelopes, images, XML, mail, text, office documents). Not HTML (active content) nor plain ZIP
 * archives (an envelope of unknown content): such files are refused with UNSUPPORTED_FILE_TYPE.
 */
export { CASE_DOCUMENT_TYPES as PROTOCOL_DOCUMENT_TYPES } from '../documents/file-types';
