/**
 * The maximum duration (art. 6) as a real durable timer, compressed with DEADLINE_TIME_SCALE
 * (6 months ≈ 8 s): when it runs out the procedure closes without agreement, minutes ready.
 * (One stack per process: models are bound once, so this suite has its own file.)
 */
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { flow, waitFor } from '../helpers/mediation-flow';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let f: ReturnType<typeof flow>;
beforeAll(async () => {
  stack = await startStack({ config: { DEADLINE_TIME_SCALE: '2000000' } });
  const tenant: Tenant = await createTenant(stack.sequelize, ['secretariat']);
  f = flow(stack, tenant, (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token);
});
afterAll(() => stack.stop());

describe('the maximum duration', () => {
  it('closes the procedure without agreement when the duration runs out, minutes ready to deposit', async () => {
    const mediator = await f.newMediator();
    const caseId = await f.fileCase();
    await f.accepted(caseId, mediator);
    const closed = await waitFor(() => f.stateOf(caseId), (st) => st.stage === 'VERBALE_IN_FORMAZIONE', 40_000);
    expect(closed).toMatchObject({ stage: 'VERBALE_IN_FORMAZIONE', outcome: { code: 'MANCATO_ACCORDO', by: null }, allowedActions: ['depositMinutes', 'signMinutes'] });
    expect(closed.minutesDocumentId).toEqual(expect.any(String));
  });
});
