/** What the knowledge base and the assistant say (see error-catalog.ts). */
export const knowledgeErrors = {
  'knowledge.article_not_found': { fr: 'Cet article n’existe plus.', en: 'This article no longer exists.' },
  'knowledge.title_missing': { fr: 'Donnez un titre à l’article.', en: 'Give the article a title.' },
  'knowledge.body_missing': { fr: 'L’article est vide.', en: 'The article is empty.' },
  'knowledge.category_unknown': { fr: 'Catégorie inconnue.', en: 'Unknown category.' },
  'knowledge.slug_taken': { fr: 'Un autre article a déjà l’adresse « {slug} ».', en: 'Another article already has the address « {slug} ».' },
  'knowledge.empty_question': { fr: 'Posez une question.', en: 'Ask a question.' },
  'knowledge.conversation_not_found': { fr: 'Cette conversation n’existe plus : posez votre question à nouveau.', en: 'This conversation no longer exists: ask your question again.' },
  'knowledge.phone_invalid': { fr: 'Ce numéro de téléphone est illisible.', en: 'This phone number cannot be read.' },
  'knowledge.contact_needed': { fr: 'Laissez une adresse e-mail ou un numéro pour que nous puissions vous répondre.', en: 'Leave an e-mail address or a number so that we can answer.' },
} as const;

type KnowledgeErrors = typeof knowledgeErrors;
declare module './error-catalog' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCatalog extends KnowledgeErrors {}
}
