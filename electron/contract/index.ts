export * from './model';
export * from './calls';
export * from './events';
export * from './envelope';
export type { CallLog, CallOutcome, Callback, CallbackSettings, Note, TicketDetail, TicketDraft, TicketEvent } from './work-calls';
export type { Transport, ContractClient } from './client';
export { createContractClient } from './client';
export { WS_PATH, MAX_FRAME_BYTES } from './wire';
export type { ServerFrame, ClientFrame } from './wire';
