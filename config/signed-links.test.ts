import { signUnsubscribeToken, verifyUnsubscribeToken } from './signed-links';
import { createSecretBox } from './secret-box';

const secret = 'x'.repeat(40);
const claim = { bodyId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b', list: 'newsletter' as const, address: 'mario@example.it' };

describe('unsubscribe tokens', () => {
  it('verify what they sign', () => expect(verifyUnsubscribeToken(secret, signUnsubscribeToken(secret, claim))).toEqual(claim));
  it('refuse another secret, a changed payload and garbage', () => {
    const token = signUnsubscribeToken(secret, claim);
    expect(verifyUnsubscribeToken('y'.repeat(40), token)).toBeNull();
    const other = signUnsubscribeToken(secret, { ...claim, address: 'altro@example.it' });
    expect(verifyUnsubscribeToken(secret, `${other.split('.')[0]}.${token.split('.')[1]}`)).toBeNull();
    expect(verifyUnsubscribeToken(secret, 'abc')).toBeNull();
    expect(verifyUnsubscribeToken(secret, '')).toBeNull();
  });
});

describe('secret box', () => {
  it('opens what it sealed and nothing tampered with', () => {
    const box = createSecretBox({ LINK_SIGNING_SECRET: secret, SETTINGS_ENCRYPTION_KEY: undefined });
    const sealed = box.seal('password-pec');
    expect(sealed).not.toContain('password');
    expect(box.open(sealed)).toBe('password-pec');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox({ LINK_SIGNING_SECRET: 'z'.repeat(40), SETTINGS_ENCRYPTION_KEY: undefined }).open(sealed)).toThrow();
  });
});
