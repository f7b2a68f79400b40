/**
 * The body's classification scheme (titolario, DPR 445/2000 arts. 56 and 64): a tree of up to three
 * levels (titolo, classe, sottoclasse). Codes are dotted paths — `I`, `I.2`, `I.2.3` — so a code
 * names its parent. Every protocol entry is classified with a code of the scheme.
 */
import { z } from 'zod';
import { DomainError } from '../errors';

export const MAX_CLASSIFICATION_DEPTH = 3;
export const CLASSIFICATION_CODE_PATTERN = /^[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,10}){0,2}$/;

export const classificationNodeSchema = z.object({
  code: z.string().trim().regex(CLASSIFICATION_CODE_PATTERN, { error: 'INVALID_CLASSIFICATION_CODE' }),
  title: z.string().trim().min(1, { error: 'REQUIRED', abort: true }).max(200, { error: 'TOO_LONG' }),
  active: z.boolean().default(true),
});
export type ClassificationNodeInput = z.infer<typeof classificationNodeSchema>;

export interface ClassificationNode {
  code: string;
  title: string;
  active: boolean;
}

/** `I.2.3` → `I.2`; a top-level code has no parent. */
export function parentCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

export function classificationDepth(code: string): number {
  return code.split('.').length;
}

/**
 * Checks a node against the scheme it joins: valid code, its parent already there, not a duplicate.
 * Throws DomainError with the field and the reason.
 */
export function assertNodeFits(scheme: readonly ClassificationNode[], node: ClassificationNode): void {
  if (!CLASSIFICATION_CODE_PATTERN.test(node.code)) {
    throw new DomainError('VALIDATION_FAILED', [{ path: 'code', code: 'INVALID_CLASSIFICATION_CODE' }]);
  }
  if (scheme.some((n) => n.code === node.code)) throw new DomainError('VALIDATION_FAILED', [{ path: 'code', code: 'DUPLICATE' }]);
  const parent = parentCode(node.code);
  if (parent !== null && !scheme.some((n) => n.code === parent)) {
    throw new DomainError('VALIDATION_FAILED', [{ path: 'code', code: 'PARENT_NOT_FOUND' }]);
  }
}

/** The nodes from the top level down to `code` (for the segnatura's CodicePath); throws when unknown. */
export function classificationPath(scheme: readonly ClassificationNode[], code: string): ClassificationNode[] {
  const byCode = new Map(scheme.map((n) => [n.code, n] as const));
  const leaf = byCode.get(code);
  if (!leaf) throw new DomainError('CLASSIFICATION_UNKNOWN', [{ path: 'classificationCode', code: 'UNKNOWN' }]);
  const path: ClassificationNode[] = [leaf];
  for (let p = parentCode(code); p !== null; p = parentCode(p)) {
    const node = byCode.get(p);
    if (!node) throw new DomainError('CLASSIFICATION_UNKNOWN', [{ path: 'classificationCode', code: 'PARENT_NOT_FOUND' }]);
    path.unshift(node);
  }
  return path;
}

/** A new entry may only be classified with an existing, active node. */
export function assertUsableClassification(scheme: readonly ClassificationNode[], code: string): ClassificationNode {
  const path = classificationPath(scheme, code);
  const leaf = path[path.length - 1]!;
  if (path.some((n) => !n.active)) throw new DomainError('CLASSIFICATION_UNKNOWN', [{ path: 'classificationCode', code: 'INACTIVE' }]);
  return leaf;
}

/** A small default titolario for a new register's body, following the usual layout of a professional order. */
export const defaultTitolario: readonly ClassificationNode[] = [
  { code: 'I', title: 'Amministrazione', active: true },
  { code: 'I.1', title: 'Organi istituzionali', active: true },
  { code: 'I.2', title: 'Personale', active: true },
  { code: 'I.3', title: 'Contabilità e bilancio', active: true },
  { code: 'II', title: 'Albo e iscritti', active: true },
  { code: 'II.1', title: 'Iscrizioni e cancellazioni', active: true },
  { code: 'II.2', title: 'Formazione continua', active: true },
  { code: 'III', title: 'Procedimenti', active: true },
  { code: 'III.1', title: 'Mediazione', active: true },
  { code: 'III.2', title: 'Composizione della crisi da sovraindebitamento', active: true },
  { code: 'III.3', title: 'Procedimenti disciplinari', active: true },
  { code: 'IV', title: 'Corrispondenza generale', active: true },
];
