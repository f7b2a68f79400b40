/**
 * Planning a cycle in a form: each signer has a group number (same number = sign in parallel;
 * groups sign in increasing order) and a visible box; presets such as the minutes of art. 8-bis.
 * Pure helpers for the UI, checked again by cycleRequestSchema on the API.
 */
import type { SignatureBoxInput, SignerRole } from './cycle';

/** The steps of a cycle from the signers' group numbers: ascending groups, each a parallel set. */
export function stepsFromGroups(signers: readonly { id: string; group: number }[]): string[][] {
  const groups = [...new Set(signers.map((s) => s.group))].sort((a, b) => a - b);
  return groups.map((g) => signers.filter((s) => s.group === g).map((s) => s.id));
}

/** Box size and margins (PDF points) of the default layout: three boxes per row from the bottom left. */
export const DEFAULT_BOX = { width: 165, height: 60, left: 40, bottom: 60, gap: 15, perRow: 3 } as const;

/** The n-th signer's default visible box on the given page, so that boxes never overlap. */
export function defaultBox(index: number, page = 1): SignatureBoxInput {
  const col = index % DEFAULT_BOX.perRow;
  const row = Math.floor(index / DEFAULT_BOX.perRow);
  return {
    page,
    x: DEFAULT_BOX.left + col * (DEFAULT_BOX.width + DEFAULT_BOX.gap),
    y: DEFAULT_BOX.bottom + row * (DEFAULT_BOX.height + DEFAULT_BOX.gap),
    width: DEFAULT_BOX.width,
    height: DEFAULT_BOX.height,
  };
}

/** Art. 8-bis minutes: parties and lawyers together first (group 1), the mediator last (group 2). */
export function minutesGroup(role: SignerRole): number {
  return role === 'mediator' ? 2 : 1;
}

/** Whether two boxes on the same page overlap (the form warns before the API is asked). */
export function boxesOverlap(a: SignatureBoxInput, b: SignatureBoxInput): boolean {
  if (a.page !== b.page) return false;
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
