import { DomainError } from '../errors';
import { accessIssues, assertProcedureAvailable, type AccessFacts } from './procedures';

const base: AccessFacts = { procedure: 'RISTRUTTURAZIONE_CONSUMATORE', category: 'consumatore', naturalPerson: true, previousDischarges: [], today: '2026-03-10' };

describe('who may use which procedure (A.2)', () => {
  it.each<[Partial<AccessFacts>, string[]]>([
    [{}, []],
    [{ category: 'professionista' }, ['CONSUMERS_ONLY']],
    [{ naturalPerson: false, category: 'consumatore' }, ['CONSUMERS_ONLY']],
    [{ procedure: 'CONCORDATO_MINORE' }, ['NOT_FOR_CONSUMERS']],
    [{ procedure: 'CONCORDATO_MINORE', category: 'imprenditore_minore', naturalPerson: false }, []],
    [{ procedure: 'CONCORDATO_MINORE', category: 'startup_innovativa', naturalPerson: false }, []],
    [{ procedure: 'CONCORDATO_MINORE', category: 'imprenditore_agricolo' }, []],
    [{ procedure: 'LIQUIDAZIONE_CONTROLLATA' }, []],
    [{ procedure: 'LIQUIDAZIONE_CONTROLLATA', category: 'imprenditore_minore', naturalPerson: false }, []],
    [{ procedure: 'ESDEBITAZIONE_INCAPIENTE', naturalPerson: false, category: 'professionista' }, ['NATURAL_PERSON_ONLY']],
    [{ previousDischarges: [{ date: '2021-03-11', incapiente: false }] }, ['DISCHARGE_WITHIN_5_YEARS']],
    [{ previousDischarges: [{ date: '2021-03-10', incapiente: false }] }, []],
    [{ previousDischarges: [{ date: '2001-01-01', incapiente: false }, { date: '2010-01-01', incapiente: false }] }, ['TWO_DISCHARGES_ALREADY']],
    [{ procedure: 'ESDEBITAZIONE_INCAPIENTE', previousDischarges: [{ date: '2005-01-01', incapiente: true }] }, ['INCAPIENTE_ONCE_ONLY']],
  ])('%j → %j', (over, issues) => {
    expect(accessIssues({ ...base, ...over })).toEqual(issues);
  });

  it('throws OCC_PROCEDURE_NOT_AVAILABLE with the issues as fields', () => {
    try {
      assertProcedureAvailable({ ...base, procedure: 'CONCORDATO_MINORE' });
      throw new Error('not thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('OCC_PROCEDURE_NOT_AVAILABLE');
      expect((err as DomainError).fields).toEqual([{ path: 'procedure', code: 'NOT_FOR_CONSUMERS' }]);
    }
  });
});
