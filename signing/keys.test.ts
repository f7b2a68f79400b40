import { generateRsaKeyPair, openPrivateKey, sealPrivateKey, SealedKeyError } from './keys';

const secret = 'a-signing-keys-secret-of-at-least-32-chars';

describe('sealed private keys', () => {
  it('opens with the same secret and owner, and signs like the original', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const blob = sealPrivateKey(privateKey, secret, 'body-1:ca');
    expect(blob.includes(privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(40, 80))).toBe(false);
    const opened = openPrivateKey(blob, secret, 'body-1:ca');
    expect(opened.export({ type: 'pkcs8', format: 'der' }).equals(privateKey.export({ type: 'pkcs8', format: 'der' }))).toBe(true);
  });

  it('refuses a wrong secret, another owner, or a tampered blob', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const blob = sealPrivateKey(privateKey, secret, 'body-1:ca');
    expect(() => openPrivateKey(blob, `${secret}x`, 'body-1:ca')).toThrow(SealedKeyError);
    expect(() => openPrivateKey(blob, secret, 'body-2:ca')).toThrow(SealedKeyError);
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => openPrivateKey(tampered, secret, 'body-1:ca')).toThrow(SealedKeyError);
  });
});
