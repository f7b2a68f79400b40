import { safeError } from './safe-error';

describe('safeError', () => {
  it('drops the message, SQL and bound values of a database error', () => {
    const err = Object.assign(new Error('invalid input syntax for type uuid: "mario.rossi@example.it"'), {
      name: 'SequelizeDatabaseError',
      sql: "SELECT * FROM cases WHERE body_id = 'mario.rossi@example.it'",
      parameters: ['mario.rossi@example.it'],
      parent: { code: '22P02' },
    });
    const safe = safeError(err)!;
    expect(JSON.stringify(safe)).not.toContain('mario.rossi');
    expect(safe).toMatchObject({ name: 'SequelizeDatabaseError', code: '22P02' });
    expect(safe.stack).toMatch(/^\s+at /);
  });

  it("keeps the message of the codec's own failures", () => {
    const err = Object.assign(new Error('key id "ka" is not in TEMPORAL_PAYLOAD_KEYS'), { type: 'PayloadKeyUnknown' });
    expect(safeError(err)!.message).toContain('TEMPORAL_PAYLOAD_KEYS');
  });
});
