/**
 * The knowledge base's search: BM25 over an article's title, keywords and body (each field saturated on its own, then weighted), read through
 * french-words.ts (accents, plurals, slang) and forgiving typos (a word the index does not know is
 * read as the known words one or two keystrokes away, at a discount). Rebuilt from the articles when
 * they change: twenty to a few hundred articles fit in memory many times over.
 *
 *   const index = new KnowledgeIndex(articles);
 *   index.search('ma chaudiere fui') → [{ id, score, matched: ['chaudi', 'fuit'] }, …]
 */
import { editDistance, searchWords, typoAllowance } from './french-words';

export interface IndexedArticle {
  id: string;
  title: string;
  keywords: string;
  body: string;
}

export interface SearchHit {
  id: string;
  score: number;
  /** The query's words (as read) that this article contains. */
  matched: string[];
  /**
   * How much of the query this article answers: the rarity (idf) of the words it contains over that
   * of all the query's words read. 1: every word; a generic word alone weighs little.
   */
  share: number;
}

/** How much a word in each field weighs (a title says what the article is about). */
const FIELD_WEIGHTS = { title: 3, keywords: 2, body: 1 } as const;
const K1 = 1.2;
const B = 0.75;
/** A word recognised through a typo counts for less than the word itself. */
const TYPO_DISCOUNT = 0.7;

type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

interface Doc {
  id: string;
  /** Term frequency per word, per field (a title's word is not drowned by a long body). */
  terms: Record<Field, Map<string, number>>;
  length: Record<Field, number>;
}

export class KnowledgeIndex {
  private readonly docs: Doc[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: Record<Field, number>;
  private readonly vocabulary: string[];

  constructor(articles: readonly IndexedArticle[]) {
    this.docs = articles.map((article) => {
      const terms = { title: new Map<string, number>(), keywords: new Map<string, number>(), body: new Map<string, number>() };
      const length = { title: 0, keywords: 0, body: 0 };
      for (const field of FIELDS) {
        for (const word of searchWords(article[field])) {
          terms[field].set(word, (terms[field].get(word) ?? 0) + 1);
          length[field] += 1;
        }
      }
      return { id: article.id, terms, length };
    });
    for (const doc of this.docs) {
      const words = new Set(FIELDS.flatMap((field) => [...doc.terms[field].keys()]));
      for (const word of words) this.documentFrequency.set(word, (this.documentFrequency.get(word) ?? 0) + 1);
    }
    const average = (field: Field) => this.docs.reduce((sum, doc) => sum + doc.length[field], 0) / Math.max(1, this.docs.length) || 1;
    this.averageLength = { title: average('title'), keywords: average('keywords'), body: average('body') };
    this.vocabulary = [...this.documentFrequency.keys()];
  }

  /** The query's words as the index reads them: known words as such, unknown ones through their nearest known spellings. */
  readQuery(query: string): Array<{ word: string; weight: number; typed: string }> {
    const read: Array<{ word: string; weight: number; typed: string }> = [];
    for (const typed of new Set(searchWords(query))) {
      if (this.documentFrequency.has(typed)) {
        read.push({ word: typed, weight: 1, typed });
        continue;
      }
      const allowance = typoAllowance(typed);
      if (allowance === 0) continue;
      let best = allowance + 1;
      let nearest: string[] = [];
      for (const known of this.vocabulary) {
        if (known.length < 4) continue;
        const distance = editDistance(typed, known, allowance);
        if (distance < best) {
          best = distance;
          nearest = [known];
        } else if (distance === best) nearest.push(known);
      }
      if (best <= allowance) for (const word of nearest) read.push({ word, weight: TYPO_DISCOUNT / nearest.length, typed });
    }
    return read;
  }

  search(query: string, limit = 5): SearchHit[] {
    const words = this.readQuery(query);
    if (words.length === 0) return [];
    const n = this.docs.length;
    const idf = (word: string) => {
      const df = this.documentFrequency.get(word) ?? 0;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    };
    const mass = words.reduce((sum, w) => sum + w.weight * idf(w.word), 0);
    const hits: SearchHit[] = [];
    for (const doc of this.docs) {
      let score = 0;
      let matchedMass = 0;
      const matched: string[] = [];
      for (const { word, weight } of words) {
        let fieldScore = 0;
        for (const field of FIELDS) {
          const tf = doc.terms[field].get(word);
          if (!tf) continue;
          fieldScore += FIELD_WEIGHTS[field] * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length[field]) / this.averageLength[field])));
        }
        if (fieldScore === 0) continue;
        const wordIdf = idf(word);
        score += weight * wordIdf * fieldScore;
        matchedMass += weight * wordIdf;
        matched.push(word);
      }
      if (score > 0) hits.push({ id: doc.id, score, matched, share: mass > 0 ? matchedMass / mass : 0 });
    }
    hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return hits.slice(0, limit);
  }

  /** How many of the query's words the index could read at all (the assistant's « do I understand this? »). */
  coverage(query: string): { typed: number; read: number } {
    const typed = new Set(searchWords(query)).size;
    const read = new Set(this.readQuery(query).map((w) => w.typed)).size;
    return { typed, read };
  }
}
