import { ApplicationFailure } from '@temporalio/activity';
import { QueryTypes, type Sequelize } from 'sequelize';
import { normalizeRecipientAddress, registryFieldFor, type Channel } from '../../domain/notify/channels';

/** Who a message is for: a registry subject (its address for the channel is used) or an explicit address. */
export type RecipientRef = { subjectId: string; address?: string; name?: string } | { subjectId?: undefined; address: string; name?: string | null };

export interface ResolvedRecipient {
  address: string;
  name: string | null;
  subjectId: string | null;
}

interface SubjectRow {
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
}

/**
 * Resolves and validates the recipient before anything is recorded: an unknown subject, a subject
 * without an address for the channel, or an address the channel cannot use (e-mail/PEC syntax, an
 * Italian mobile number in E.164 for SMS, a postal address with its CAP) is refused, non-retryable.
 */
export async function resolveRecipient(sequelize: Sequelize, bodyId: string, channel: Channel, ref: RecipientRef): Promise<ResolvedRecipient> {
  let raw = ref.address;
  let name = ref.name ?? null;
  if (ref.subjectId) {
    const [s] = await sequelize.query<SubjectRow>(
      'SELECT first_name, last_name, company_name, email, pec, phone FROM subjects WHERE id = :id AND body_id = :bodyId',
      { type: QueryTypes.SELECT, replacements: { id: ref.subjectId, bodyId } },
    );
    if (!s) throw ApplicationFailure.nonRetryable(`subject ${ref.subjectId} is not in the registry of this body`, 'RECIPIENT_NOT_FOUND');
    name ??= s.company_name ?? [s.first_name, s.last_name].filter(Boolean).join(' ');
    const field = registryFieldFor(channel);
    if (raw === undefined && field) raw = s[field] ?? undefined;
    if (raw === undefined) throw ApplicationFailure.nonRetryable(`subject ${ref.subjectId} has no address for ${channel}`, 'RECIPIENT_HAS_NO_ADDRESS');
  }
  const checked = normalizeRecipientAddress(channel, raw ?? '');
  if (!checked.ok) throw ApplicationFailure.create({ message: `invalid recipient for ${channel}`, type: 'INVALID_RECIPIENT', nonRetryable: true, details: [checked.code] });
  return { address: checked.address, name, subjectId: ref.subjectId ?? null };
}
