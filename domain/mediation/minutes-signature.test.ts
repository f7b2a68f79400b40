import { planMinutesSigners, signMinutesSchema, type MinutesCandidate } from './minutes-signature';

const mario: MinutesCandidate = { key: 'party-0', role: 'party', givenName: 'Mario', surname: 'Rossi', taxCode: 'rssmra80a01h501u', email: 'mario.rossi@example.it', phone: '+393331234567' };
const anna: MinutesCandidate = { key: 'lawyer-0', role: 'lawyer', givenName: 'Anna', surname: 'Bruno', taxCode: 'BNCLRA85M52F205I', email: 'anna.bruno@pec.example.it', phone: null };
const alfa: MinutesCandidate = { key: 'party-1', role: 'party', givenName: null, surname: null, taxCode: null, email: 'alfa@pec.example.it', phone: null };
const laura: MinutesCandidate = { key: 'lawyer-1', role: 'lawyer', givenName: 'Laura', surname: 'Ferri', taxCode: 'FRRLCU90E50L219S', email: 'laura.ferri@pec.example.it', phone: null };
const mediator: MinutesCandidate = { key: 'mediator', role: 'mediator', givenName: 'Giuseppe', surname: 'Verdi', taxCode: 'VRDGPP70C10F205B', email: 'mediatore@odm.example.it', phone: null };
const mediatorNoCode: MinutesCandidate = { ...mediator, taxCode: null };

describe('planMinutesSigners', () => {
  test.each<[string, MinutesCandidate[], number[], string[][], string[]]>([
    ['parties and lawyers first, mediator last', [mario, anna, alfa, laura, mediator], [0, 1], [['party-0', 'lawyer-0', 'lawyer-1'], ['mediator']], []],
    ['a company is signed for by its lawyer', [alfa, laura, mediator], [1], [['lawyer-1'], ['mediator']], []],
    ['a company without a lawyer is missing', [mario, alfa, mediator], [0, 1], [['party-0'], ['mediator']], ['party-1']],
    ['a mediator without a tax code is missing', [mario, mediatorNoCode], [0], [['party-0']], ['mediator']],
    ['only the parties present sign', [mario, anna, alfa, laura, mediator], [0], [['party-0', 'lawyer-0'], ['mediator']], []],
    ['the same person signs once', [mario, { ...anna, key: 'lawyer-1', taxCode: 'BNCLRA85M52F205I' }, anna, mediator], [0, 1], [['party-0', 'lawyer-0'], ['mediator']], []],
  ])('%s', (_name, candidates, positions, steps, missing) => {
    const plan = planMinutesSigners(candidates, { positions });
    expect(plan.steps).toEqual(steps);
    expect(plan.missing).toEqual(missing);
  });

  test('parties sign one-shot by default, lawyers and mediator choose; the secretariat overrides', () => {
    const plan = planMinutesSigners([mario, anna, mediator], { positions: [0], methods: { mediator: 'own-device', 'party-0': 'any' } });
    expect(Object.fromEntries(plan.signers.map((s) => [s.id, s.method]))).toEqual({ 'party-0': null, 'lawyer-0': null, mediator: 'own-device' });
    expect(planMinutesSigners([mario, mediator], { positions: [0] }).signers[0]).toMatchObject({ id: 'party-0', method: 'one-shot', taxCode: 'RSSMRA80A01H501U' });
  });

  test('a signer added for a company covers it', () => {
    const rep = { givenName: 'Gianni', surname: 'Bianchi', taxCode: 'BNCGNN75D15H501Q', email: 'g.bianchi@alfa.example.it', role: 'party' as const, forPosition: 1 };
    const plan = planMinutesSigners([alfa, mediator], { positions: [1], extra: [rep] });
    expect(plan).toMatchObject({ steps: [['extra-0'], ['mediator']], missing: [] });
    expect(plan.signers[0]).toMatchObject({ role: 'party', method: 'one-shot' });
  });

  test.each([
    [{ extraSigners: [{ givenName: 'A', surname: 'B', taxCode: 'RSSMRA80A01H501X', email: 'a@b.it', role: 'party' }] }, false],
    [{ extraSigners: [{ givenName: 'A', surname: 'B', taxCode: 'RSSMRA80A01H501U', email: 'a@b.it', role: 'party' }] }, true],
    [{ methods: { mediator: 'pen-and-paper' } }, false],
    [{ methods: { 'party-0': 'one-shot' } }, true],
  ])('the action body is validated: %j → %s', (body, ok) => {
    expect(signMinutesSchema.safeParse(body).success).toBe(ok);
  });
});
