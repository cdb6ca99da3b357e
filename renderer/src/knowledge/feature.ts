/**
 * Base de connaissances: the help articles customers read on the public surface (/aide), their
 * figures, the assistant's unanswered questions, the editor with the customers' preview (Alt+H).
 */
import './knowledge.css';
import type { ConsoleFeature } from '../app/console-feature';
import { useViewStore } from '../app/view-store';
import { KnowledgeView } from './KnowledgeView';
import { KnowledgeButton, selectKnowledgeReader } from './KnowledgeButton';

declare module '../app/view-store' {
  interface ViewKinds {
    /** The knowledge base and the assistant's figures. */
    knowledge: object;
  }
}

export const feature: ConsoleFeature = {
  name: 'knowledge',
  order: 77,
  views: { knowledge: KnowledgeView },
  placed: [{ slot: 'topbar.status', order: 43, component: KnowledgeButton }],
  shortcuts: [
    {
      order: 48,
      handle(e) {
        // H (« help ») sits at the same place on AZERTY and QWERTY: the physical key.
        if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== 'KeyH' || !selectKnowledgeReader()) return false;
        e.preventDefault();
        useViewStore.getState().show({ kind: 'knowledge' });
        return true;
      },
    },
  ],
  help: [{ order: 129, keys: ['Alt+H'], label: 'help.knowledge', shown: selectKnowledgeReader }],
};
