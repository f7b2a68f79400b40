/**
 * Subject matters (materie) of civil and commercial mediation, kinds of mediation (tipologia) and
 * the filing body (docs/api.md).
 *
 * `mandatory` = the matter is in art. 5 c.1 d.lgs. 28/2010 as amended by d.lgs. 149/2022
 * (Cartabia): mediation is a condition of procedibility (condizione di procedibilità) of the lawsuit.
 * The list is the one in force for applications filed from 30 June 2023 (spec/mediation.md §1.3);
 * the nine matters added then were not mandatory for earlier filings.
 *
 * Classifying a dispute into a matter is a human decision (e.g. Cass. 1791/2025: a polizza
 * fideiussoria is not an insurance contract for art. 5): this module only checks consistency.
 */
import { z } from 'zod';
import { partyInputSchema, requiredText } from '../registry/contact';

export interface LocalizedLabel {
  it: string;
  en: string;
}

export interface Matter {
  code: string;
  label: LocalizedLabel;
  mandatory: boolean;
}

export const matters = [
  // In the art. 5 c.1 list before Cartabia.
  { code: 'condominio', mandatory: true, label: { it: 'Condominio', en: 'Condominium' } },
  { code: 'diritti_reali', mandatory: true, label: { it: 'Diritti reali', en: 'Rights in rem' } },
  { code: 'divisione', mandatory: true, label: { it: 'Divisione', en: 'Partition' } },
  {
    code: 'successioni_ereditarie',
    mandatory: true,
    label: { it: 'Successioni ereditarie', en: 'Inheritance' },
  },
  { code: 'patti_di_famiglia', mandatory: true, label: { it: 'Patti di famiglia', en: 'Family business pacts' } },
  { code: 'locazione', mandatory: true, label: { it: 'Locazione', en: 'Lease (tenancy)' } },
  { code: 'comodato', mandatory: true, label: { it: 'Comodato', en: 'Gratuitous loan for use' } },
  { code: 'affitto_di_aziende', mandatory: true, label: { it: 'Affitto di aziende', en: 'Business lease' } },
  {
    code: 'responsabilita_medica',
    mandatory: true,
    label: {
      it: 'Risarcimento del danno da responsabilità medica e sanitaria',
      en: 'Damages for medical and health-care liability',
    },
  },
  {
    code: 'diffamazione',
    mandatory: true,
    label: {
      it: 'Risarcimento del danno da diffamazione con il mezzo della stampa o con altro mezzo di pubblicità',
      en: 'Damages for defamation by the press or other media',
    },
  },
  {
    code: 'contratti_assicurativi',
    mandatory: true,
    label: { it: 'Contratti assicurativi', en: 'Insurance contracts' },
  },
  { code: 'contratti_bancari', mandatory: true, label: { it: 'Contratti bancari', en: 'Banking contracts' } },
  {
    code: 'contratti_finanziari',
    mandatory: true,
    label: { it: 'Contratti finanziari', en: 'Financial contracts' },
  },
  // Added by Cartabia for applications filed from 30 June 2023.
  {
    code: 'associazione_in_partecipazione',
    mandatory: true,
    label: { it: 'Associazione in partecipazione', en: 'Participation agreements (associazione in partecipazione)' },
  },
  { code: 'consorzio', mandatory: true, label: { it: 'Consorzio', en: 'Consortium' } },
  { code: 'franchising', mandatory: true, label: { it: 'Franchising', en: 'Franchising' } },
  { code: 'opera', mandatory: true, label: { it: "Contratto d'opera", en: 'Contract for work' } },
  { code: 'rete', mandatory: true, label: { it: 'Contratto di rete', en: 'Business network contract' } },
  { code: 'somministrazione', mandatory: true, label: { it: 'Somministrazione', en: 'Supply contract' } },
  { code: 'societa_di_persone', mandatory: true, label: { it: 'Società di persone', en: 'Partnerships' } },
  { code: 'subfornitura', mandatory: true, label: { it: 'Subfornitura', en: 'Subcontracting (subfornitura)' } },
  // Any other civil or commercial dispute on disposable rights.
  { code: 'altro', mandatory: false, label: { it: 'Altro', en: 'Other' } },
] as const satisfies readonly Matter[];

export type MatterCode = (typeof matters)[number]['code'];

export const matterCodes = matters.map((m) => m.code) as [MatterCode, ...MatterCode[]];

const mattersByCode: ReadonlyMap<string, Matter> = new Map(matters.map((m) => [m.code, m]));

export function isKnownMatter(code: string): code is MatterCode {
  return mattersByCode.has(code);
}

export function findMatter(code: string): Matter | undefined {
  return mattersByCode.get(code);
}

/** False for unknown codes. */
export function isMandatoryMatter(code: string): boolean {
  return mattersByCode.get(code)?.mandatory ?? false;
}

export const mediationTypes = [
  {
    code: 'OBBLIGATORIA',
    label: {
      it: 'Mediazione obbligatoria (condizione di procedibilità)',
      en: 'Mandatory mediation (condition for bringing the claim)',
    },
  },
  { code: 'DEMANDATA', label: { it: 'Mediazione demandata dal giudice', en: 'Court-referred mediation' } },
  {
    code: 'CLAUSOLA',
    label: {
      it: 'Mediazione da clausola contrattuale o statutaria',
      en: 'Mediation under a contract or articles-of-association clause',
    },
  },
  { code: 'VOLONTARIA', label: { it: 'Mediazione volontaria', en: 'Voluntary mediation' } },
] as const satisfies readonly { code: string; label: LocalizedLabel }[];

export type MediationType = (typeof mediationTypes)[number]['code'];

export const mediationTypeCodes = mediationTypes.map((t) => t.code) as [MediationType, ...MediationType[]];

export const filingIssueCodes = {
  applicantRequired: 'APPLICANT_REQUIRED',
  invitedPartyRequired: 'INVITED_PARTY_REQUIRED',
  valueRequired: 'VALUE_REQUIRED',
  invalidValue: 'INVALID_VALUE',
  unknownMatter: 'UNKNOWN_MATTER',
  matterNotMandatory: 'MATTER_NOT_MANDATORY',
  unknownMediationType: 'UNKNOWN_MEDIATION_TYPE',
  tooManyParties: 'TOO_MANY_PARTIES',
} as const;

export type FilingIssueCode = (typeof filingIssueCodes)[keyof typeof filingIssueCodes];

export const filingLimits = { subject: 300, facts: 20_000, parties: 50 } as const;

export const filingSchema = z
  .object({
    mediationType: z.enum(mediationTypeCodes, { error: filingIssueCodes.unknownMediationType }),
    matter: z.enum(matterCodes, { error: filingIssueCodes.unknownMatter }),
    subject: requiredText(filingLimits.subject),
    facts: requiredText(filingLimits.facts),
    valueCents: z
      .int({ error: filingIssueCodes.invalidValue })
      .min(0, { error: filingIssueCodes.invalidValue })
      .optional(),
    valueIndeterminable: z.boolean().default(false),
    parties: z.array(partyInputSchema).max(filingLimits.parties, { error: filingIssueCodes.tooManyParties }),
  })
  .superRefine((filing, ctx) => {
    const addIssue = (message: FilingIssueCode, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message, path, input: filing });
    if (!filing.parties.some((p) => p.role === 'applicant')) {
      addIssue(filingIssueCodes.applicantRequired, ['parties']);
    }
    if (!filing.parties.some((p) => p.role === 'invited')) {
      addIssue(filingIssueCodes.invitedPartyRequired, ['parties']);
    }
    if (filing.valueCents === undefined && !filing.valueIndeterminable) {
      addIssue(filingIssueCodes.valueRequired, ['valueCents']);
    }
    // Art. 5 c.1: mediation is mandatory ex lege only in the listed matters (spec §1.1, §1.3).
    if (filing.mediationType === 'OBBLIGATORIA' && !isMandatoryMatter(filing.matter)) {
      addIssue(filingIssueCodes.matterNotMandatory, ['matter']);
    }
  });

/** The request body as a client may send it (defaults not applied yet). */
export type FilingRequestBody = z.input<typeof filingSchema>;
/** The validated, normalized filing. */
export type Filing = z.output<typeof filingSchema>;
/** What the API passes to the mediation workflow: always a parsed `Filing`, never the raw body. */
export type FilingInput = Filing;
