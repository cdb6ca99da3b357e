/**
 * The knowledge base as Claire works on it: articles in Markdown (with a safe preview), their
 * figures (readers, « cet article vous a aidé ? »), and the questions the assistant could not answer.
 * Customers read the articles and talk to the assistant on the public surface (/aide), not here.
 */
import { z } from 'zod';
import { call, Empty, STAFF } from './call-spec';
import { Id, IsoDate } from './model';

export const KnowledgeCategory = z.enum(['entretien', 'depannage', 'securite', 'devis-factures', 'rendez-vous', 'aides-renovation', 'garanties']);

export const KnowledgeArticle = z.object({
  id: Id,
  slug: z.string(),
  title: z.string(),
  category: KnowledgeCategory,
  keywords: z.string(),
  body: z.string(),
  published: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: IsoDate,
  /** Different visitors who read it (one a day each). */
  readers: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
});
export type KnowledgeArticle = z.infer<typeof KnowledgeArticle>;

export const KnowledgeOverview = z.object({
  articles: z.array(KnowledgeArticle),
  /** Questions the assistant was not sure about, newest first. */
  unanswered: z.array(z.object({ conversationId: z.string(), question: z.string(), at: IsoDate, handedOver: z.boolean() })),
  /** The last 30 days. */
  figures: z.object({ questions: z.number().int(), answered: z.number().int(), unsure: z.number().int(), handovers: z.number().int() }),
  /** Where customers read the articles (the public surface's address, when known). */
  publicPath: z.string(),
});

export const knowledgeCalls = {
  'knowledge.overview': call('read', Empty, KnowledgeOverview, STAFF),
  'knowledge.save': call(
    'write',
    z
      .object({
        id: Id.nullable(),
        title: z.string().max(200),
        slug: z.string().max(80).default(''),
        category: KnowledgeCategory,
        keywords: z.string().max(1000).default(''),
        body: z.string().max(50_000),
        published: z.boolean(),
      })
      .strict(),
    KnowledgeArticle,
    STAFF,
  ),
  'knowledge.remove': call('write', z.object({ id: Id }).strict(), z.object({ removed: z.boolean() }), STAFF),
  /** The article as customers will see it (the same safe rendering as the public page). */
  'knowledge.preview': call('read', z.object({ body: z.string().max(50_000) }).strict(), z.object({ html: z.string() }), STAFF),
  /** What the assistant would answer (Claire tries a question before a customer does). */
  'knowledge.tryAssistant': call(
    'read',
    z.object({ question: z.string().min(1).max(500) }).strict(),
    z.object({ kind: z.string(), text: z.string(), sources: z.array(z.object({ kind: z.string(), label: z.string(), href: z.string().nullable() })), offerHandover: z.boolean() }),
    STAFF,
  ),
} as const;

type KnowledgeCalls = typeof knowledgeCalls;
declare module './calls' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ContractCalls extends KnowledgeCalls {}
}
