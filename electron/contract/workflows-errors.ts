/** What the « Automatisations » screen and its calls say (see error-catalog.ts). */
export const workflowsErrors = {
  'workflows.step_not_found': {
    fr: 'Cette étape n’existe plus (la règle a été réinitialisée ?) : rechargez l’écran.',
    en: 'This step no longer exists (was the rule reset?): reload the screen.',
  },
  'workflows.step_moved': {
    fr: 'Cette étape a déjà changé entre-temps (quelqu’un l’a traitée) : rechargez l’écran.',
    en: 'This step changed meanwhile (someone handled it): reload the screen.',
  },
  'workflows.rule_not_found': { fr: 'Règle inconnue : rechargez l’écran.', en: 'Unknown rule: reload the screen.' },
  'workflows.rule_delegated': {
    fr: 'Cette règle se règle dans Paramètres › Satisfaction.',
    en: 'This rule is set in Settings › Satisfaction.',
  },
  'workflows.rule_needs_sage': {
    fr: 'Cette règle s’active quand les échéances Sage sont importées.',
    en: 'This rule starts once Sage due dates are imported.',
  },
  'workflows.template_unknown': {
    fr: 'Le modèle « {template} » n’existe pas : choisissez-en un dans la liste.',
    en: 'Template « {template} » does not exist: choose one from the list.',
  },
  'workflows.demo': {
    fr: 'L’espace de démonstration n’envoie rien (ses clients sont inventés) : les automatisations montrent ce qu’elles feraient.',
    en: 'The demo workspace sends nothing (its customers are made up): automations show what they would do.',
  },
  'workflows.not_live': {
    fr: 'Les automatisations tournent dans le serveur (ou la console) qui garde les données, pas dans cette commande.',
    en: 'Automations run in the server (or console) that keeps the data, not in this command.',
  },
} as const;

type WorkflowsErrors = typeof workflowsErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends WorkflowsErrors {}
}
