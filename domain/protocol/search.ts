/** Filters of the protocol search (P1 search and export): every one optional, combined with AND. */
import { z } from 'zod';
import { protocolDirections } from './entry';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());

export const exportFormats = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const searchFilterSchema = z
  .object({
    registerId: opt(z.uuid()),
    year: opt(z.coerce.number().int().min(1000).max(9999)),
    /** Exact protocol number (with year: one entry per register). */
    number: opt(z.coerce.number().int().min(1)),
    /** Registration date range, inclusive, as Rome calendar days. */
    dateFrom: opt(z.iso.date({ error: 'INVALID_DATE' })),
    dateTo: opt(z.iso.date({ error: 'INVALID_DATE' })),
    direction: opt(z.enum(protocolDirections)),
    /** Substring of a correspondent's name, e-mail, tax code or VAT number (case-insensitive). */
    correspondent: opt(z.string().trim().max(200)),
    /** Substring of the subject (oggetto), case-insensitive. */
    subject: opt(z.string().trim().max(200)),
    /** A titolario code: matches it and the codes below it (`I` finds `I.2`). */
    classification: opt(z.string().trim().max(40)),
    /** A linked file: a general file's ID or a case's ID. */
    fileId: opt(z.uuid()),
    caseId: opt(z.uuid()),
    annulled: opt(z.enum(['true', 'false']).transform((v) => v === 'true')),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
    format: z.enum(exportFormats).default('json'),
  })
  .refine((f) => !f.dateFrom || !f.dateTo || f.dateFrom <= f.dateTo, { path: ['dateTo'], message: 'BEFORE_DATE_FROM' });
export type SearchFilter = z.infer<typeof searchFilterSchema>;

/** Exports hold at most this many rows (a bigger one must be narrowed by date). */
export const EXPORT_MAX_ROWS = 50_000;
