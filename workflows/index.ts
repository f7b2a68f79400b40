/** Entry point of the workflow bundle: every workflow type the worker runs. */
export { mediation } from './mediation/workflow';
export { signatureCycle } from './signature/workflow';
export { protocolMailRegistration } from './protocol-mail/workflow';
export { protocolDayClosure, protocolDayScheduled } from './protocol-day/workflow';
