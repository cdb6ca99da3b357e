/**
 * The renderer's single door to the contract. Every other renderer file imports contract types and
 * helpers from here, never from `electron/` directly, so the boundary is one line to check.
 *
 * Types come from the whole contract; runtime values only from the modules that do not build zod
 * schemas, so the renderer bundle does not carry zod (the services validate; the renderer trusts).
 */
export type * from '../../electron/contract';
export { createContractClient } from '../../electron/contract/client';
export { ContractCallError } from '../../electron/contract/envelope';
export { callLine } from '../../electron/contract/call-spec';
export { countSms, type SmsCount } from '../../electron/contract/sms-segments';
export { errorCatalog, isErrorReason, localizedParams } from '../../electron/contract/error-catalog';
export { WS_PATH, MAX_FRAME_BYTES, SESSION_REVOKED_CLOSE_CODE, LINK_CHECK_PATH } from '../../electron/contract/wire-constants';
