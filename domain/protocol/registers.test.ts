import { DomainError } from '../errors';
import { assertCanAddRegister, assertRegisterOpen, MAX_REGISTERS_PER_BODY, registerInputSchema } from './registers';

describe('protocol registers', () => {
  it.each([0, 1, 4])('allows a new register when the body has %d', (n) => expect(() => assertCanAddRegister(n)).not.toThrow());
  it.each([5, 6])('refuses a sixth register when the body has %d', (n) => {
    expect(() => assertCanAddRegister(n)).toThrow(expect.objectContaining({ code: 'REGISTER_LIMIT_REACHED' }));
  });
  it('caps at five, as ProtoSFERA does', () => expect(MAX_REGISTERS_PER_BODY).toBe(5));

  it('refuses entries in an inactive register', () => {
    expect(() => assertRegisterOpen({ active: false })).toThrow(DomainError);
    expect(() => assertRegisterOpen({ active: true })).not.toThrow();
  });

  it.each([
    [{ code: 'GEN', name: 'Generale', administrationCode: 'oav_rm', aooCode: 'A1B2C3D' }, true],
    [{ code: 'MED-2', name: 'Mediazione', administrationCode: 'oav_rm', aooCode: 'A1B2C3D' }, true],
    [{ code: 'TROPPO_LUNGO_PER_CODICE', name: 'x', administrationCode: 'a', aooCode: 'b' }, false],
    [{ code: 'con spazio', name: 'x', administrationCode: 'a', aooCode: 'b' }, false],
    [{ code: 'GEN', name: '  ', administrationCode: 'a', aooCode: 'b' }, false],
  ])('register input %j valid: %s', (input, ok) => expect(registerInputSchema.safeParse(input).success).toBe(ok));
});
