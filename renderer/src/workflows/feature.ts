/**
 * Automatisations: the rules that act by themselves (relances de devis, chantier à planifier,
 * rappel de rendez-vous, entretien annuel), their screen (Alt+A), the top-bar button with what
 * waits for a decision, and the line on the pop and the record saying what runs for the customer.
 */
import './workflows.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { WorkflowsView } from './WorkflowsView';
import { selectWorkflowsReader, WorkflowsButton } from './WorkflowsButton';
import { useWorkflowsStore } from './workflows-store';

declare module '../app/view-store' {
  interface ViewKinds {
    /** The automations: rules, decisions, coming steps, dry run, history. */
    workflows: object;
  }
}

export const feature: ConsoleFeature = {
  name: 'workflows',
  order: 76,
  views: { workflows: WorkflowsView },
  placed: [{ slot: 'topbar.status', order: 44, component: WorkflowsButton }],
  refresh: () => [useWorkflowsStore.getState().loadAttention()],
  subscribe: (client) => [client.on('workflows.changed', ({ contactIds }) => useWorkflowsStore.getState().applyChanged(contactIds))],
  shortcuts: [
    {
      order: 47,
      handle(e) {
        // A (« automatisations »): by the key's character, so Alt+A is the A of AZERTY and QWERTY alike.
        if (!e.altKey || e.ctrlKey || e.metaKey || e.key.toLowerCase() !== 'a' || !selectWorkflowsReader()) return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'workflows' });
        return true;
      },
    },
  ],
  help: [{ order: 128, keys: ['Alt+A'], label: 'help.workflows', shown: selectWorkflowsReader }],
};
