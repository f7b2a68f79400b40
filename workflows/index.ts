/** Entry point of the workflow bundle: every workflow type the worker runs. */
export { mediation } from './mediation/workflow';
export { mailing } from './mailing/workflow';
export { mailingBatch } from './mailing/batch-workflow';
export { signatureCycle } from './signature/workflow';
export { notification } from './notify/notification-workflow';
export { pecReceiptPoller } from './notify/pec-poller-workflow';
export { preservationAudit, preservationSubmission } from './preservation/workflow';
export { protocolMailRegistration } from './protocol-mail/workflow';
export { protocolDayClosure, protocolDayScheduled } from './protocol-day/workflow';
export { overindebtedness } from './occ/workflow';
