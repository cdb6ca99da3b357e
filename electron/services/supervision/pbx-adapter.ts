/**
 * What the live board needs from a PBX, whatever speaks for it: SIP dialog events (RFC 4235, any
 * standards-compliant PBX — see sip-dialog-adapter.ts) today, Asterisk AMI or a vendor API later.
 * An adapter reports full states (every dialog it knows for an extension), never deltas, so a lost
 * event costs at most one stale second, never a stuck "en appel".
 */
export type PbxDialogState = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated';

export interface PbxDialog {
  /** Stable for the dialog's life (call-id + tags, or the PBX's own id). */
  id: string;
  state: PbxDialogState;
  /** 'initiator' when the watched party placed the call. */
  direction: 'initiator' | 'recipient' | null;
  /** The other party: user part of its URI (a number, usually) and display name. */
  remote: { user: string; display: string | null } | null;
  /** For a hunt group: the user part of the device that took the call, when the PBX says. */
  answeredBy: string | null;
}

export interface AgentUpdate {
  extension: string;
  /** The PBX accepted to report on this extension (subscription active). */
  watched: boolean;
  dialogs: PbxDialog[];
}

export interface QueueUpdate {
  queue: string;
  dialogs: PbxDialog[];
}

export interface PbxStatus {
  state: 'connecting' | 'live' | 'failed';
  /** Plain French for the wall screen's status line. */
  detail: string | null;
}

export interface PbxAdapterEvents {
  agent: (update: AgentUpdate) => void;
  call: (update: QueueUpdate) => void;
  status: (status: PbxStatus) => void;
}

export interface PbxAdapter {
  readonly kind: 'sip-dialog';
  start(): Promise<void>;
  stop(): Promise<void>;
  on<E extends keyof PbxAdapterEvents>(event: E, listener: PbxAdapterEvents[E]): () => void;
}
