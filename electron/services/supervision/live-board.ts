/**
 * The live state the wall screen shows, kept from the PBX adapter's reports: each watched agent
 * (offline, available, ringing, on a call, wrap-up) and the calls ringing or in progress at the hunt
 * group with how long they have waited. Pure state + clock: `snapshot(now)` is what is sent.
 *
 * Agent state, from the dialogs the PBX reports for her extension and the hunt group's calls:
 *   any confirmed dialog (or a hunt-group call answered by her)  → on_call
 *   else any trying / proceeding / early dialog                    → ringing
 *   else a call ended less than wrapUpSeconds ago                  → wrap_up
 *   else the PBX watches her extension                             → available
 *   else                                                            → offline
 */
import type { AgentState, LiveAgent, LiveCall, LiveParty, LiveState, SupervisionSettings } from '../../contract/supervision-calls';
import type { AgentUpdate, PbxDialog, PbxStatus, QueueUpdate } from './pbx-adapter';

export type PartyResolver = (remote: { user: string; display: string | null }) => LiveParty;

interface AgentRecord {
  extension: string;
  name: string;
  watched: boolean;
  dialogs: PbxDialog[];
  wrapUpUntil: number;
  state: AgentState;
  since: number;
  party: LiveParty | null;
}

interface QueueCallRecord {
  dialog: PbxDialog;
  firstSeen: number;
  answeredAt: number | null;
}

const RINGING = new Set(['trying', 'proceeding', 'early']);

export class LiveBoard {
  private agents = new Map<string, AgentRecord>();
  private queueCalls = new Map<string, QueueCallRecord>();
  private source: LiveState['source'] = { kind: 'none', state: 'unconfigured', detail: null };
  private settings: SupervisionSettings;

  constructor(
    settings: SupervisionSettings,
    private readonly resolveParty: PartyResolver,
    now: number,
  ) {
    this.settings = settings;
    this.configure(settings, now);
  }

  /** New watch list: agents kept keep their state; the others go. */
  configure(settings: SupervisionSettings, now: number): void {
    this.settings = settings;
    const next = new Map<string, AgentRecord>();
    for (const { extension, name } of settings.extensions) {
      const known = this.agents.get(extension);
      next.set(extension, known ? { ...known, name } : { extension, name, watched: false, dialogs: [], wrapUpUntil: 0, state: 'offline', since: now, party: null });
    }
    this.agents = next;
    if (!settings.queueNumber) this.queueCalls.clear();
    const configured = settings.extensions.length > 0 || settings.queueNumber !== '';
    if (!configured) this.source = { kind: 'none', state: 'unconfigured', detail: null };
  }

  setStatus(status: PbxStatus): void {
    this.source = { kind: 'sip-dialog', state: status.state, detail: status.detail };
    if (status.state === 'failed') {
      // Nothing is known any more: better "hors ligne" than a stale "disponible".
      for (const agent of this.agents.values()) agent.watched = false;
    }
  }

  applyAgent(update: AgentUpdate, now: number): void {
    const agent = this.agents.get(update.extension);
    if (!agent) return;
    const hadCall = agent.dialogs.some((d) => d.state === 'confirmed');
    const live = update.dialogs.filter((d) => d.state !== 'terminated');
    const hasCall = live.some((d) => d.state === 'confirmed');
    if (hadCall && !hasCall) agent.wrapUpUntil = now + this.settings.wrapUpSeconds * 1000;
    agent.watched = update.watched;
    agent.dialogs = live;
    for (const dialog of live) this.firstSeen(agent.extension, dialog.id, now);
  }

  applyQueue(update: QueueUpdate, now: number): void {
    if (update.queue !== this.settings.queueNumber) return;
    const seen = new Set<string>();
    for (const dialog of update.dialogs) {
      if (dialog.state === 'terminated') continue;
      seen.add(dialog.id);
      const known = this.queueCalls.get(dialog.id);
      const answeredAt = dialog.state === 'confirmed' ? (known?.answeredAt ?? now) : null;
      this.queueCalls.set(dialog.id, { dialog, firstSeen: known?.firstSeen ?? now, answeredAt });
    }
    for (const [id, call] of this.queueCalls) {
      if (seen.has(id)) continue;
      this.queueCalls.delete(id);
      // The hunt group's call ended: whoever took it goes to wrap-up.
      const agent = call.dialog.answeredBy ? this.agents.get(call.dialog.answeredBy) : undefined;
      if (agent && call.answeredAt !== null) agent.wrapUpUntil = now + this.settings.wrapUpSeconds * 1000;
    }
  }

  private agentState(agent: AgentRecord, now: number): { state: AgentState; party: LiveParty | null } {
    const confirmed = agent.dialogs.find((d) => d.state === 'confirmed');
    const viaQueue = [...this.queueCalls.values()].find((c) => c.answeredAt !== null && c.dialog.answeredBy === agent.extension);
    if (confirmed || viaQueue) {
      const remote = confirmed?.remote ?? viaQueue?.dialog.remote ?? null;
      return { state: 'on_call', party: remote ? this.resolveParty(remote) : null };
    }
    const ringing = agent.dialogs.find((d) => RINGING.has(d.state));
    if (ringing) return { state: 'ringing', party: ringing.remote ? this.resolveParty(ringing.remote) : null };
    if (agent.wrapUpUntil > now) return { state: 'wrap_up', party: null };
    return { state: agent.watched ? 'available' : 'offline', party: null };
  }

  snapshot(now: number): LiveState {
    const agents: LiveAgent[] = [];
    for (const agent of this.agents.values()) {
      const { state, party } = this.agentState(agent, now);
      if (state !== agent.state) {
        agent.state = state;
        agent.since = now;
      }
      agent.party = party;
      agents.push({ extension: agent.extension, name: agent.name, state, since: new Date(agent.since).toISOString(), party });
    }
    const calls: LiveCall[] = [];
    const viaQueue = new Set<string>();
    for (const [id, call] of this.queueCalls) {
      if (call.dialog.remote) viaQueue.add(call.dialog.remote.user);
      calls.push({
        id,
        state: call.answeredAt === null ? 'waiting' : 'in_progress',
        party: call.dialog.remote ? this.resolveParty(call.dialog.remote) : null,
        since: new Date(call.firstSeen).toISOString(),
        answeredAt: call.answeredAt === null ? null : new Date(call.answeredAt).toISOString(),
        agent: call.dialog.answeredBy && this.agents.has(call.dialog.answeredBy) ? call.dialog.answeredBy : null,
      });
    }
    // Direct calls to an extension (not through the hunt group) are calls too.
    for (const agent of this.agents.values()) {
      for (const dialog of agent.dialogs) {
        if (dialog.direction === 'initiator' || (dialog.remote && viaQueue.has(dialog.remote.user))) continue;
        calls.push({
          id: `${agent.extension}:${dialog.id}`,
          state: dialog.state === 'confirmed' ? 'in_progress' : 'waiting',
          party: dialog.remote ? this.resolveParty(dialog.remote) : null,
          since: new Date(this.firstSeen(agent.extension, dialog.id, now)).toISOString(),
          answeredAt: null,
          agent: dialog.state === 'confirmed' ? agent.extension : null,
        });
      }
    }
    calls.sort((a, b) => a.since.localeCompare(b.since));
    return { source: this.source, agents, calls, updatedAt: new Date(now).toISOString() };
  }

  private readonly directSeen = new Map<string, number>();
  private firstSeen(extension: string, dialogId: string, now: number): number {
    const key = `${extension}:${dialogId}`;
    const known = this.directSeen.get(key);
    if (known !== undefined) return known;
    if (this.directSeen.size > 1000) this.directSeen.clear();
    this.directSeen.set(key, now);
    return now;
  }
}
