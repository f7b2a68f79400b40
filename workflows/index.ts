/** Entry point of the workflow bundle: every workflow type the worker runs. */
export { mediation } from './mediation/workflow';
export { signatureCycle } from './signature/workflow';
export { preservationAudit, preservationSubmission } from './preservation/workflow';
