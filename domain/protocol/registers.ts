/**
 * Protocol registers of a body (ProtoSFERA P4): up to five separate registers, each with its own
 * numbering and contents (e.g. the order's institutional affairs, its mediation body, its OCC).
 */
import { z } from 'zod';
import { DomainError } from '../errors';

export const MAX_REGISTERS_PER_BODY = 5;

/** Segnatura XSD `CodiceRegistroType`. */
export const REGISTER_CODE_PATTERN = /^[A-Za-z0-9_.-]{1,16}$/;
/** IPA codes: administration (codice IPA ente) and AOO (Codice_uni_aoo: 7 characters starting with A since 2022). */
export const IPA_CODE_PATTERN = /^[A-Za-z0-9_.-]{1,32}$/;

const trimmed = (max: number) => z.string().trim().min(1, { error: 'REQUIRED', abort: true }).max(max, { error: 'TOO_LONG' });

export const registerInputSchema = z.object({
  code: z.string().trim().regex(REGISTER_CODE_PATTERN, { error: 'INVALID_REGISTER_CODE' }),
  name: trimmed(200),
  /** Codice IPA of the administration (the body) as printed in the segnatura. */
  administrationCode: z.string().trim().regex(IPA_CODE_PATTERN, { error: 'INVALID_IPA_CODE' }),
  /** Codice AOO of the area organizzativa omogenea that keeps the register. */
  aooCode: z.string().trim().regex(IPA_CODE_PATTERN, { error: 'INVALID_IPA_CODE' }),
  /** The automatic daily closure runs for this register (the Temporal Schedule). */
  autoClose: z.boolean().default(true),
});
export type RegisterInput = z.infer<typeof registerInputSchema>;

export const registerUpdateSchema = registerInputSchema.omit({ code: true }).partial().extend({ active: z.boolean().optional() });
export type RegisterUpdate = z.infer<typeof registerUpdateSchema>;

/** A body may keep at most five registers (active or not: a register with entries is never deleted). */
export function assertCanAddRegister(existingRegisters: number): void {
  if (existingRegisters >= MAX_REGISTERS_PER_BODY) throw new DomainError('REGISTER_LIMIT_REACHED');
}

/** A register takes new entries only while active. */
export function assertRegisterOpen(register: { active: boolean }): void {
  if (!register.active) throw new DomainError('REGISTER_INACTIVE');
}
