/**
 * The request that opens an OCC file (istanza, spec §A.3.1 row 1) and the data recorded on it
 * (§A.5): the debtor (registry subject), category, household, income, previous discharges, the
 * family-procedure link (art. 66) and the procedure requested. Amounts in euro cents.
 */
import { z } from 'zod';
import { companySchema, personSchema } from '../registry/contact';
import { courtEventKinds } from './actions';
import { debtorCategories, occProcedures } from './procedures';

const cents = z.int().min(0).max(1e13);
const isoDay = z.iso.date();

export const occFileSchema = z.object({
  procedure: z.enum(occProcedures),
  debtor: z.discriminatedUnion('kind', [personSchema, companySchema]),
  debtorCategory: z.enum(debtorCategories),
  householdSize: z.int().min(1).max(30),
  annualNetIncomeCents: cents,
  disposableIncomeCents: cents.nullish(),
  previousDischarges: z.array(z.object({ date: isoDay, incapiente: z.boolean().default(false) })).max(5).default([]),
  /** Another file of the same family handled jointly (art. 66), by its case id. */
  familyCaseId: z.uuid().nullish(),
  /** Short description for the register (no tax codes). */
  subject: z.string().trim().min(1).max(300),
});
export type OccFileInput = z.output<typeof occFileSchema>;

/** A document of the case file and the date of the act it carries (not in the future). */
const dated = { documentId: z.uuid(), date: isoDay };
const by = z.object({});

export const occActionSchemas = {
  issueQuote: by,
  acceptQuote: z.object({ acceptedOn: isoDay, evidenceDocumentId: z.uuid().nullish() }),
  designateManager: z.object({ criterion: z.enum(['rotation', 'availability', 'manual']), crisisManagerId: z.uuid().optional(), reason: z.string().trim().max(2000).optional() }),
  answerAppointment: z.object({
    accept: z.boolean(),
    declaration: z.object({ text: z.string().trim().min(1).max(5000), version: z.string().trim().min(1).max(40), accepted: z.boolean() }).optional(),
    refusalReason: z.string().trim().max(2000).optional(),
  }),
  notifyTaxOffices: z.object({ date: isoDay, documentId: z.uuid().nullish() }),
  startInvestigation: by,
  submitReport: z.object(dated),
  fileWithCourt: z.object({ ...dated, court: z.string().trim().min(2).max(200) }),
  withdraw: z.object({ reason: z.string().trim().min(1).max(2000) }),
  recordNegativeOutcome: z.object({ reason: z.string().trim().min(1).max(2000) }),
  recordCourtEvent: z.object({ ...dated, kind: z.enum(courtEventKinds), claimsDays: z.int().min(1).max(60).optional(), notes: z.string().trim().max(2000).optional() }),
  communicateToCreditors: z.object({ date: isoDay, documentId: z.uuid().nullish() }),
  fileObservationsReport: z.object(dated),
  updateCreditorList: z.object(dated),
  fileInventory: z.object(dated),
  fileDraftStatoPassivo: z.object(dated),
  recordStatoPassivoObservations: z.object({ date: isoDay, count: z.int().min(1).max(10_000) }),
  fileExecutionReport: z.object(dated),
  fileFinalAccount: z.object(dated),
  recordDistribution: z.object({ ...dated, amountCents: z.int().min(1).max(1e13) }),
  fileAnnualDeclaration: z.object({ ...dated, newAssets: z.boolean() }),
  closeFile: z.object({ reason: z.string().trim().min(1).max(2000) }),
} as const;
export type OccActionBodies = { [K in keyof typeof occActionSchemas]: z.output<(typeof occActionSchemas)[K]> };
