/**
 * The creditors' vote on a concordato minore (art. 79 CCII, spec §A.3.3).
 *
 * - Each claim votes for its amount admitted to vote (`admittedToVoteCents`: preferred claims only for
 *   the part not paid in full unless they waived the prelazione; prededuzione does not vote).
 * - Silence is consent (art. 79 co. 3): a claim with no vote within the term counts as consenting.
 *   A late vote is kept on record but not counted: the claim is treated as silent, hence consenting.
 * - The proposal passes with the majority (more than half) of the credits admitted to vote; when the
 *   claims are divided into classes, also with the majority of the classes (a class approves when
 *   more than half of its admitted credits consent; a class with nothing admitted does not vote).
 * - If one creditor holds more than 50 % of the admitted credits, the proposal also needs the
 *   majority per head of the votes expressed; by default silence counts as a vote expressed
 *   (Trib. Milano 14/10/2025) — `silenceCountsAsExpressed: false` takes the other reading.
 *   A creditor's head vote is consent when the consenting part of its admitted credits is more than half.
 */
import { admittedToVoteCents, type ClaimAmounts } from './claims';
import { formatEuro, mulDivHalfUp } from './money';

export type VoteChoice = 'consent' | 'dissent';

export interface TallyClaim extends ClaimAmounts {
  claimId: string;
  /** Identifies the creditor across its claims (tax id or name): heads are counted per creditor. */
  creditorKey: string;
  /** The vote received within the term, if any. */
  vote: VoteChoice | null;
  /** Votes received after the term (kept, not counted). */
  lateVotes?: number;
}

export interface TallyOptions {
  silenceCountsAsExpressed?: boolean;
}

export type ClaimTallyStatus = 'consent' | 'dissent' | 'silent' | 'not_admitted';

export interface ClaimTallyLine {
  claimId: string;
  creditorKey: string;
  classCode: string | null;
  admittedCents: number;
  status: ClaimTallyStatus;
  late: boolean;
}

export interface ClassTally {
  classCode: string;
  admittedCents: number;
  consentingCents: number;
  approved: boolean;
}

export interface VoteTally {
  approved: boolean;
  admittedCents: number;
  /** Explicit consents plus silent claims. */
  consentingCents: number;
  explicitConsentCents: number;
  dissentingCents: number;
  silentCents: number;
  lateVotes: number;
  creditsMajority: boolean;
  classes: ClassTally[] | null;
  classesMajority: boolean | null;
  dominantCreditor: { creditorKey: string; shareBp: number } | null;
  heads: { consenting: number; dissenting: number; expressed: number; majority: boolean } | null;
  lines: ClaimTallyLine[];
  explanation: { it: string; en: string };
}

const pct = (part: number, whole: number) => (whole === 0 ? '0' : (mulDivHalfUp(part, 10_000, whole) / 100).toFixed(2));
const pctIt = (part: number, whole: number) => pct(part, whole).replace('.', ',');
const eurEn = (c: number) => formatEuro(c).replace(/[.,]/g, (m) => (m === '.' ? ',' : '.'));

export function tallyVote(claims: readonly TallyClaim[], options: TallyOptions = {}): VoteTally {
  const silenceCountsAsExpressed = options.silenceCountsAsExpressed ?? true;
  const lines: ClaimTallyLine[] = claims.map((c) => {
    const admittedCents = admittedToVoteCents(c);
    const status: ClaimTallyStatus = admittedCents === 0 ? 'not_admitted' : (c.vote ?? 'silent');
    return { claimId: c.claimId, creditorKey: c.creditorKey, classCode: c.classCode ?? null, admittedCents, status, late: (c.lateVotes ?? 0) > 0 };
  });
  const sum = (status: ClaimTallyStatus, of = lines) => of.filter((l) => l.status === status).reduce((a, l) => a + l.admittedCents, 0);
  const admittedCents = lines.reduce((a, l) => a + l.admittedCents, 0);
  const explicitConsentCents = sum('consent');
  const dissentingCents = sum('dissent');
  const silentCents = sum('silent');
  const consentingCents = explicitConsentCents + silentCents;
  const lateVotes = claims.reduce((a, c) => a + (c.lateVotes ?? 0), 0);
  const creditsMajority = admittedCents > 0 && consentingCents * 2 > admittedCents;

  // Classes
  const classCodes = [...new Set(lines.filter((l) => l.classCode !== null).map((l) => l.classCode!))].sort();
  let classes: ClassTally[] | null = null;
  let classesMajority: boolean | null = null;
  if (classCodes.length > 0) {
    classes = classCodes
      .map((classCode) => {
        const of = lines.filter((l) => l.classCode === classCode);
        const admitted = of.reduce((a, l) => a + l.admittedCents, 0);
        const consenting = sum('consent', of) + sum('silent', of);
        return { classCode, admittedCents: admitted, consentingCents: consenting, approved: admitted > 0 && consenting * 2 > admitted };
      })
      .filter((c) => c.admittedCents > 0);
    classesMajority = classes.filter((c) => c.approved).length * 2 > classes.length;
  }

  // Dominant creditor and heads
  const byCreditor = new Map<string, ClaimTallyLine[]>();
  for (const l of lines) if (l.admittedCents > 0) byCreditor.set(l.creditorKey, [...(byCreditor.get(l.creditorKey) ?? []), l]);
  let dominantCreditor: VoteTally['dominantCreditor'] = null;
  for (const [creditorKey, ls] of byCreditor) {
    const held = ls.reduce((a, l) => a + l.admittedCents, 0);
    if (held * 2 > admittedCents) dominantCreditor = { creditorKey, shareBp: mulDivHalfUp(held, 10_000, admittedCents) };
  }
  let heads: VoteTally['heads'] = null;
  if (dominantCreditor) {
    let consenting = 0;
    let dissenting = 0;
    for (const ls of byCreditor.values()) {
      const held = ls.reduce((a, l) => a + l.admittedCents, 0);
      const explicitlyVoted = ls.some((l) => l.status === 'consent' || l.status === 'dissent');
      if (!explicitlyVoted && !silenceCountsAsExpressed) continue;
      const yes = sum('consent', ls) + sum('silent', ls);
      if (yes * 2 > held) consenting += 1;
      else dissenting += 1;
    }
    const expressed = consenting + dissenting;
    heads = { consenting, dissenting, expressed, majority: expressed > 0 && consenting * 2 > expressed };
  }

  const approved = creditsMajority && (classesMajority ?? true) && (heads?.majority ?? true);
  const explanation = explain({ approved, admittedCents, consentingCents, explicitConsentCents, dissentingCents, silentCents, lateVotes, creditsMajority, classes, classesMajority, dominantCreditor, heads, silenceCountsAsExpressed });
  return { approved, admittedCents, consentingCents, explicitConsentCents, dissentingCents, silentCents, lateVotes, creditsMajority, classes, classesMajority, dominantCreditor, heads, lines, explanation };
}

function explain(t: Omit<VoteTally, 'lines' | 'explanation'> & { silenceCountsAsExpressed: boolean }): { it: string; en: string } {
  if (t.admittedCents === 0) {
    return {
      it: 'Proposta non approvata: nessun credito è ammesso al voto, quindi non si forma alcuna maggioranza.',
      en: 'Proposal not approved: no credit is admitted to vote, so no majority can be formed.',
    };
  }
  const it: string[] = [];
  const en: string[] = [];
  it.push(
    `Crediti ammessi al voto: ${formatEuro(t.admittedCents)}. Consensi: ${formatEuro(t.consentingCents)} (${pctIt(t.consentingCents, t.admittedCents)} %), di cui ${formatEuro(t.explicitConsentCents)} espressi e ${formatEuro(t.silentCents)} per silenzio-assenso (art. 79 co. 3 CCII). Dissensi: ${formatEuro(t.dissentingCents)} (${pctIt(t.dissentingCents, t.admittedCents)} %).`,
  );
  en.push(
    `Credits admitted to vote: ${eurEn(t.admittedCents)}. Consents: ${eurEn(t.consentingCents)} (${pct(t.consentingCents, t.admittedCents)} %), of which ${eurEn(t.explicitConsentCents)} expressed and ${eurEn(t.silentCents)} by silence (art. 79 co. 3 CCII). Dissents: ${eurEn(t.dissentingCents)} (${pct(t.dissentingCents, t.admittedCents)} %).`,
  );
  it.push(t.creditsMajority ? 'La maggioranza dei crediti ammessi al voto è raggiunta.' : 'La maggioranza dei crediti ammessi al voto non è raggiunta.');
  en.push(t.creditsMajority ? 'The majority of the credits admitted to vote is reached.' : 'The majority of the credits admitted to vote is not reached.');
  if (t.lateVotes > 0) {
    it.push(`${t.lateVotes} voto/i pervenuto/i oltre il termine: non conteggiato/i, il credito vale come silenzio-assenso.`);
    en.push(`${t.lateVotes} vote(s) received after the term: not counted, the claim counts as silent consent.`);
  }
  if (t.classes) {
    const approvedClasses = t.classes.filter((c) => c.approved).length;
    it.push(`Classi: ${approvedClasses} su ${t.classes.length} favorevoli — maggioranza delle classi ${t.classesMajority ? 'raggiunta' : 'non raggiunta'}.`);
    en.push(`Classes: ${approvedClasses} of ${t.classes.length} in favour — majority of classes ${t.classesMajority ? 'reached' : 'not reached'}.`);
  }
  if (t.dominantCreditor && t.heads) {
    const share = (t.dominantCreditor.shareBp / 100).toFixed(2);
    it.push(
      `Un creditore detiene il ${share.replace('.', ',')} % dei crediti ammessi: occorre anche la maggioranza per teste dei voti espressi (${t.silenceCountsAsExpressed ? 'il silenzio-assenso conta come voto espresso, Trib. Milano 14/10/2025' : 'senza contare il silenzio'}): ${t.heads.consenting} favorevoli su ${t.heads.expressed} — ${t.heads.majority ? 'raggiunta' : 'non raggiunta'}.`,
    );
    en.push(
      `One creditor holds ${share} % of the admitted credits: a majority per head of the votes expressed is also needed (${t.silenceCountsAsExpressed ? 'silent consent counts as a vote expressed, Trib. Milano 14/10/2025' : 'silence not counted'}): ${t.heads.consenting} in favour of ${t.heads.expressed} — ${t.heads.majority ? 'reached' : 'not reached'}.`,
    );
  }
  it.unshift(t.approved ? 'Proposta approvata.' : 'Proposta non approvata.');
  en.unshift(t.approved ? 'Proposal approved.' : 'Proposal not approved.');
  return { it: it.join(' '), en: en.join(' ') };
}
