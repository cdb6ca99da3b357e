/**
 * The assistant of the help pages and the customer portal: it answers in French from the knowledge
 * base and, for a signed-in customer, from their own records — by rules and retrieval, no language
 * model, nothing fetched at run time. Every answer names its source (an article, a visit, a quote);
 * when it is not sure it says so and offers the handover to a person (a callback or a written
 * request, with the conversation attached).
 *
 *   question ──► safety (odeur de gaz)  ─────────────► safety advice + handover, always
 *            ├─► asks for a person      ─────────────► handover
 *            ├─► about their own records (visit, quote, invoice, moving a visit)
 *            │      signed in ──► the record, cited   not signed in ──► « connectez-vous » + article
 *            └─► the knowledge base (KnowledgeIndex) ── sure ──► the article, cited
 *                                                     └ unsure ──► « je ne suis pas sûr » + handover
 */
import { foldText, searchWords } from './french-words';
import type { KnowledgeIndex } from './knowledge-index';
import { markdownToText } from './safe-markdown';

export type AnswerKind = 'article' | 'record' | 'sign_in' | 'safety' | 'handover' | 'unsure' | 'greeting';
export type RecordIntent = 'next_visit' | 'quote' | 'invoice' | 'move_visit';

export interface AnswerSource {
  kind: 'article' | 'intervention' | 'quote' | 'invoice';
  id: string;
  label: string;
  /** Where the customer reads it (a path of the help pages or the portal). */
  href: string | null;
}

export interface AssistantAnswer {
  kind: AnswerKind;
  /** What the assistant says, plain text (French). */
  text: string;
  sources: AnswerSource[];
  /** The handover is offered with this answer (always with « unsure », « handover », « safety »). */
  offerHandover: boolean;
  /** Articles worth a look when unsure (at most three). */
  suggestions: AnswerSource[];
  /** For the log and the bench: which rule answered, and the article's score when one did. */
  intent: RecordIntent | 'safety' | 'person' | 'faq' | 'greeting' | 'none';
  score: number;
}

export interface ArticleForAnswer {
  id: string;
  slug: string;
  title: string;
  body: string;
}

export interface VisitFact {
  id: string;
  kind: string;
  scheduledAt: string;
  /** The end of the arrival window when booked with one; null: an hour only. */
  windowEndAt: string | null;
  technician: string | null;
  status: string;
}

export interface QuoteFact {
  id: string;
  number: string;
  title: string;
  amountCents: number;
  status: string;
  validUntil: string | null;
}

export interface InvoiceFact {
  id: string;
  number: string;
  amountDueCents: number;
  dueDate: string | null;
}

/** What the assistant may read of a signed-in customer (only theirs: the caller resolved who they are). */
export interface CustomerFacts {
  firstName: string | null;
  nextVisit(): VisitFact | null;
  lastVisit(): VisitFact | null;
  quotes(): QuoteFact[];
  /** Unpaid invoices; null when the company's invoices are not known to Accueil (no Sage link). */
  unpaidInvoices(): InvoiceFact[] | null;
}

export interface AssistantOptions {
  index: KnowledgeIndex;
  articles: () => ReadonlyMap<string, ArticleForAnswer>;
  /** Where the portal lives (for « connectez-vous » and record links). */
  portalPath: string;
  helpPath: string;
}

// When an article is an answer rather than a guess (tuned on the development questions, measured on
// the held-out ones in the bench):
/** A floor on the BM25 score, against one common word matching faintly. */
export const SURE_SCORE = 2;
/** The article must contain this share of the question's meaning (idf-weighted words). */
export const SURE_SHARE = 0.6;
/** The best article must lead the second by this share of its score, or the question is ambiguous. */
export const SURE_MARGIN = 0.1;
/** Share of the question's meaningful words the knowledge base must recognise at all. */
export const SURE_COVERAGE = 0.5;

const PARIS_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' });
const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: 'numeric', minute: '2-digit' });

/** « 8 h », « 13 h 30 » (French typography). */
export function frenchHour(iso: string): string {
  const [h, m] = PARIS_TIME.format(new Date(iso)).split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}

export function frenchDay(iso: string): string {
  return PARIS_DAY.format(new Date(iso));
}

const euros = (cents: number) => `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;

const QUOTE_STATUS: Record<string, string> = {
  brouillon: 'en préparation',
  envoye: 'envoyé, en attente de votre accord',
  accepte: 'accepté',
  refuse: 'refusé',
  expire: 'expiré',
};

// ── intents (on folded text: no accents, lower case) ───────────────────────────────────────────

const GAS_DANGER = /\b(odeur|sent|sens|senti|sentir|fuite|fuit)\b[^.?!]{0,40}\bgaz\b|\bgaz\b[^.?!]{0,30}\b(odeur|sent|fuite|fuit)\b|\bmonoxyde\b|\bco\s+detecteur|\bdetecteur\s+(de\s+)?(co|monoxyde)\b.*\bsonne/;
const PERSON = /\b(humain|conseill\w*|quelqu.?un|une personne|un vrai|parler (a|avec)|appel(ez|er)[- ]moi|rappel(ez|er)[- ]moi|me rappeler|me rappele|etre rappele|operat\w*|standard\w*|joindre (un|une|le|la|quelqu)|contacter (un|une|le|la|quelqu))/;
const VISIT_WORDS = /\b(technicien|tech|plombier|chauffagiste|depanneur|intervention|rdv|rendez[- ]?vous|passage|visite|entretien|il|vous|quelqu.?un)\b/;
const VISIT_WHEN = /\b(quand|quel(le)?s? (jour|heure|date)|a quelle heure|(a|vers) quelle heure|prochain\w*|prevu\w*|pass\w*|vien\w*|arriv\w*|date)\b/;
const VISIT_MINE = /\b(mon|ma|mes|le technicien|chez moi|mon (rdv|rendez)|notre)\b|\bquand (passe|vient|arrive)|\b(vient|passe|arrive|viendra|passera)\b[^.?!]{0,20}\bquand\b|\bprochain/;
/** A question about how visits go in general, not about one's own. */
const VISIT_GENERAL = /\b(obligatoire|faut[- ]il|doit[- ]on|combien de fois|tous les|en general|d.?habitude|normalement|generalement|pourquoi)\b/;
const MOVE_VISIT = /\b(deplac\w*|decal\w*|report\w*|chang\w*|modifi\w*|annul\w*)\b[^.?!]{0,40}\b(rdv|rendez[- ]?vous|intervention|passage|visite|creneau)\b|\b(rdv|rendez[- ]?vous|intervention|passage|visite)\b[^.?!]{0,30}\b(deplac\w*|decal\w*|report\w*|annul\w*)/;
const QUOTE_MINE = /\b(mon|ma|mes|le|du) devis\b/;
const QUOTE_STATE = /\b(ou en est|statut|etat|recu|signe|accepte|valide|envoye|suivi|nouvelles?|avance|quand)\b/;
const INVOICE_MINE = /\b(ma|mes|la|une) factures?\b|\bcombien (je )?(dois|reste|doit)\b|\bje (vous )?dois\b|\breste a payer\b|\bimpaye/;
const INVOICE_STATE = /\b(payee?|regle|reste|dois|montant|combien|impaye\w*|relance|solde|en retard|a jour|argent)\b/;
const GREETING_ONLY = /^\s*(bonjour|bonsoir|salut|hello|coucou|allo|merci( beaucoup)?|ok|d.?accord|aide|help|au secours|une question|j.?ai une question|question)[\s!.?]*$/;

export function detectIntent(question: string): AssistantAnswer['intent'] {
  const q = foldText(question);
  if (GAS_DANGER.test(q)) return 'safety';
  if (GREETING_ONLY.test(q)) return 'greeting';
  if (PERSON.test(q)) return 'person';
  if (MOVE_VISIT.test(q)) return 'move_visit';
  if (QUOTE_MINE.test(q) && QUOTE_STATE.test(q) && !/\b(delai|combien de temps|sous quel)\b/.test(q)) return 'quote';
  if (INVOICE_MINE.test(q) && INVOICE_STATE.test(q) && !/\bcomment\b/.test(q)) return 'invoice';
  if (VISIT_WORDS.test(q) && VISIT_WHEN.test(q) && VISIT_MINE.test(q) && !VISIT_GENERAL.test(q)) return 'next_visit';
  return 'faq';
}

export class Assistant {
  constructor(private readonly options: AssistantOptions) {}

  answer(question: string, customer: CustomerFacts | null): AssistantAnswer {
    const intent = detectIntent(question);
    switch (intent) {
      case 'safety':
        return this.safety();
      case 'greeting':
        return this.base('greeting', intent, customer?.firstName ? `Bonjour ${customer.firstName} ! Posez votre question : rendez-vous, devis, factures, entretien, dépannage…` : 'Bonjour ! Posez votre question : rendez-vous, devis, factures, entretien, dépannage…');
      case 'person':
        return { ...this.base('handover', intent, 'Bien sûr : laissez votre numéro pour être rappelé, ou une demande écrite. Une personne de l’équipe reprend la conversation.'), offerHandover: true };
      case 'next_visit':
      case 'quote':
      case 'invoice':
      case 'move_visit':
        return customer ? this.fromRecords(intent, customer, question) : this.signIn(intent, question);
      default:
        return this.fromArticles(question);
    }
  }

  private base(kind: AnswerKind, intent: AssistantAnswer['intent'], text: string): AssistantAnswer {
    return { kind, text, sources: [], offerHandover: false, suggestions: [], intent, score: 0 };
  }

  private articleSource(article: ArticleForAnswer): AnswerSource {
    return { kind: 'article', id: article.id, label: article.title, href: `${this.options.helpPath}/${article.slug}` };
  }

  private articleBySlugPrefix(prefix: string): ArticleForAnswer | null {
    for (const article of this.options.articles().values()) if (article.slug.startsWith(prefix)) return article;
    return null;
  }

  private safety(): AssistantAnswer {
    const article = this.articleBySlugPrefix('odeur-de-gaz');
    return {
      ...this.base(
        'safety',
        'safety',
        'Sortez du logement sans rien allumer ni éteindre, et appelez de l’extérieur Urgence Sécurité Gaz au 0 800 47 33 33 (gratuit, 24 h/24) ou le 112. N’attendez pas notre réponse pour le faire. Ensuite, nous pouvons vous rappeler.',
      ),
      sources: article ? [this.articleSource(article)] : [],
      offerHandover: true,
    };
  }

  private signIn(intent: RecordIntent, question: string): AssistantAnswer {
    const what = { next_visit: 'votre prochaine intervention', quote: 'vos devis', invoice: 'vos factures', move_visit: 'vos rendez-vous' }[intent];
    const related = this.fromArticles(question);
    const sources = related.kind === 'article' ? related.sources : [];
    return {
      ...this.base('sign_in', intent, `Pour voir ${what}, connectez-vous à votre espace client (${this.options.portalPath}) : un lien de connexion vous est envoyé par e-mail. Je peux aussi vous faire rappeler.`),
      sources,
      offerHandover: true,
      suggestions: related.kind === 'article' ? [] : related.suggestions,
    };
  }

  private fromRecords(intent: RecordIntent, customer: CustomerFacts, question: string): AssistantAnswer {
    const portal = this.options.portalPath;
    if (intent === 'next_visit' || intent === 'move_visit') {
      const visit = customer.nextVisit();
      if (!visit) {
        const last = customer.lastVisit();
        const text = last
          ? `Aucune intervention n’est prévue pour vous en ce moment. La dernière a eu lieu le ${frenchDay(last.scheduledAt)}. Voulez-vous un rendez-vous ? Je peux vous faire rappeler.`
          : 'Aucune intervention n’est prévue pour vous en ce moment. Voulez-vous un rendez-vous ? Je peux vous faire rappeler.';
        return { ...this.base('record', intent, text), sources: last ? [visitSource(last, portal)] : [], offerHandover: true };
      }
      const when = visit.windowEndAt
        ? `le ${frenchDay(visit.scheduledAt)} entre ${frenchHour(visit.scheduledAt)} et ${frenchHour(visit.windowEndAt)}`
        : `le ${frenchDay(visit.scheduledAt)} à ${frenchHour(visit.scheduledAt)}`;
      const who = visit.technician ? ` (${visit.technician})` : '';
      if (intent === 'move_visit') {
        const article = this.articleBySlugPrefix('deplacer-ou-annuler');
        return {
          ...this.base('record', intent, `Votre prochaine intervention (${visit.kind.toLowerCase()}) est prévue ${when}. Pour la déplacer ou l’annuler, ouvrez-la dans votre espace client, ou demandez à être rappelé.`),
          sources: [visitSource(visit, portal), ...(article ? [this.articleSource(article)] : [])],
          offerHandover: true,
        };
      }
      return {
        ...this.base('record', intent, `Votre prochaine intervention (${visit.kind.toLowerCase()}) est prévue ${when}${who}. Le technicien vous prévient quand il part vers chez vous.`),
        sources: [visitSource(visit, portal)],
      };
    }
    if (intent === 'quote') {
      const quotes = customer.quotes().filter((q) => q.status !== 'brouillon');
      if (quotes.length === 0) {
        const article = this.articleBySlugPrefix('delai-pour-recevoir');
        return {
          ...this.base('record', intent, 'Aucun devis ne vous a encore été envoyé. Un devis part en général sous 48 heures ouvrées, ou après la visite technique pour les gros travaux.'),
          sources: article ? [this.articleSource(article)] : [],
          offerHandover: true,
        };
      }
      const lines = quotes.slice(0, 3).map((q) => `devis ${q.number} (${q.title}, ${euros(q.amountCents)}) : ${QUOTE_STATUS[q.status] ?? q.status}`);
      const waiting = quotes.some((q) => q.status === 'envoye');
      return {
        ...this.base('record', intent, `${capitalise(lines.join(' ; '))}.${waiting ? ' Vous pouvez l’accepter en ligne dans votre espace client, rubrique « Vos devis ».' : ''}`),
        sources: quotes.slice(0, 3).map((q) => ({ kind: 'quote' as const, id: q.id, label: `Devis ${q.number}`, href: `${portal}/devis/${encodeURIComponent(q.id)}` })),
      };
    }
    const unpaid = customer.unpaidInvoices();
    if (unpaid === null) {
      const article = this.articleBySlugPrefix('payer-ma-facture');
      return {
        ...this.base('record', intent, 'Vos factures sont dans votre espace client, rubrique « Vos documents ». Pour savoir ce qui reste à payer, une personne de l’équipe peut vous répondre.'),
        sources: article ? [this.articleSource(article)] : [],
        offerHandover: true,
      };
    }
    if (unpaid.length === 0) {
      return { ...this.base('record', intent, 'Vous n’avez aucune facture en attente de paiement. Merci !'), sources: [{ kind: 'invoice', id: 'none', label: 'Vos factures', href: `${portal}/#factures` }] };
    }
    const total = unpaid.reduce((sum, i) => sum + i.amountDueCents, 0);
    const lines = unpaid.slice(0, 3).map((i) => `facture ${i.number} : ${euros(i.amountDueCents)}${i.dueDate ? ` (échéance le ${frenchDay(i.dueDate)})` : ''}`);
    void question;
    return {
      ...this.base('record', intent, `Il reste ${euros(total)} à payer : ${lines.join(' ; ')}. Les moyens de paiement sont indiqués sur la facture.`),
      sources: unpaid.slice(0, 3).map((i) => ({ kind: 'invoice' as const, id: i.id, label: `Facture ${i.number}`, href: `${portal}/#factures` })),
    };
  }

  /** The knowledge base: the best article when the search is sure, else « je ne suis pas sûr » and the handover. */
  fromArticles(question: string): AssistantAnswer {
    const articles = this.options.articles();
    const hits = this.options.index.search(question, 4).filter((hit) => articles.has(hit.id));
    const coverage = this.options.index.coverage(question);
    const top = hits[0];
    const second = hits[1];
    const covered = coverage.typed > 0 ? coverage.read / coverage.typed : 0;
    const sure = top !== undefined && top.score >= SURE_SCORE && top.share >= SURE_SHARE && covered >= SURE_COVERAGE && (!second || (top.score - second.score) / top.score >= SURE_MARGIN);
    if (top && sure) {
      const article = articles.get(top.id)!;
      return {
        ...this.base('article', 'faq', `${article.title} — ${summary(article.body)}`),
        sources: [this.articleSource(article)],
        score: top.score,
      };
    }
    const suggestions = hits.slice(0, 3).map((hit) => this.articleSource(articles.get(hit.id)!));
    return {
      ...this.base(
        'unsure',
        'none',
        suggestions.length > 0
          ? 'Je ne suis pas sûr d’avoir bien compris votre question. Ces articles peuvent peut-être vous aider ; sinon, une personne de l’équipe peut vous répondre.'
          : 'Je ne sais pas répondre à cette question. Une personne de l’équipe peut vous répondre : laissez votre numéro ou une demande écrite.',
      ),
      offerHandover: true,
      suggestions,
      score: top?.score ?? 0,
    };
  }
}

function visitSource(visit: VisitFact, portal: string): AnswerSource {
  return { kind: 'intervention', id: visit.id, label: `${visit.kind} du ${frenchDay(visit.scheduledAt)}`, href: `${portal}/interventions/${encodeURIComponent(visit.id)}` };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The article's first sentences, up to about 280 characters, ending on a sentence. */
export function summary(body: string): string {
  const text = markdownToText(body);
  if (text.length <= 280) return text;
  const cut = text.slice(0, 280);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf(' : '));
  return end > 80 ? `${cut.slice(0, end + 1).trim()} …` : `${cut.trim()} …`;
}

/** The words of a question as read (for the conversation log Claire reads). */
export function readWords(question: string): string {
  return searchWords(question).join(' ');
}
