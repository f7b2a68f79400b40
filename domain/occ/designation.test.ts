import { DomainError } from '../errors';
import { chooseCrisisManager, type CrisisManagerCandidate } from './designation';

const a: CrisisManagerCandidate = { id: 'a', available: true, activeFiles: 3, lastAssignedAt: '2026-01-10T10:00:00.000Z' };
const b: CrisisManagerCandidate = { id: 'b', available: true, activeFiles: 1, lastAssignedAt: '2026-02-10T10:00:00.000Z' };
const c: CrisisManagerCandidate = { id: 'c', available: false, activeFiles: 0, lastAssignedAt: null };

describe('designation of the crisis manager', () => {
  it.each<[Parameters<typeof chooseCrisisManager>[1], string[], string]>([
    [{ criterion: 'rotation' }, [], 'a'],
    [{ criterion: 'availability' }, [], 'b'],
    [{ criterion: 'rotation' }, ['a'], 'b'],
    [{ criterion: 'manual', mediatorId: 'b', reason: 'Competenza in procedure agricole' }, [], 'b'],
  ])('%j excluding %j → %s', (criteria, excluded, expected) => {
    const d = chooseCrisisManager([a, b, c], criteria, excluded);
    expect(d.crisisManagerId).toBe(expected);
    expect(d.reason.it).not.toContain('mediator');
  });

  it.each<[Parameters<typeof chooseCrisisManager>[1], string[], string]>([
    [{ criterion: 'rotation' }, ['a', 'b'], 'NO_ELIGIBLE_CRISIS_MANAGER'],
    [{ criterion: 'manual', mediatorId: 'c', reason: 'x' }, [], 'CRISIS_MANAGER_NOT_ELIGIBLE'],
    [{ criterion: 'manual', mediatorId: 'a', reason: ' ' }, [], 'MANUAL_CHOICE_REASON_REQUIRED'],
  ])('%j excluding %j → %s', (criteria, excluded, code) => {
    expect(() => chooseCrisisManager([a, b, c], criteria, excluded)).toThrow(DomainError);
    try {
      chooseCrisisManager([a, b, c], criteria, excluded);
    } catch (err) {
      expect((err as DomainError).code).toBe(code);
    }
  });
});
