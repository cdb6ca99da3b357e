import { describe, expect, it } from 'vitest';
import { KnowledgeIndex } from './knowledge-index';

const articles = [
  { id: 'fuite', title: 'Que faire en cas de fuite d’eau ?', keywords: 'dégât des eaux robinet', body: 'Coupez l’eau au robinet d’arrêt.' },
  { id: 'pression', title: 'Pression de la chaudière trop basse', keywords: 'manomètre bar', body: 'La pression normale est de 1 à 1,5 bar.' },
  { id: 'purge', title: 'Purger ses radiateurs', keywords: 'air glouglou', body: 'Un radiateur froid en haut contient de l’air : purgez-le.' },
];

describe('the knowledge base search', () => {
  const index = new KnowledgeIndex(articles);

  it('finds the article whose title says it first', () => {
    expect(index.search('fuite d eau')[0]!.id).toBe('fuite');
    expect(index.search('pression chaudière')[0]!.id).toBe('pression');
  });

  it('forgives typos by reading the nearest known word, at a discount', () => {
    const typed = index.search('presion chaudeire');
    expect(typed[0]!.id).toBe('pression');
    expect(typed[0]!.score).toBeLessThan(index.search('pression chaudière')[0]!.score);
  });

  it('says how much of the question an article covers', () => {
    const hit = index.search('purger radiateur fuite')[0]!;
    expect(hit.id).toBe('purge');
    expect(hit.share).toBeGreaterThan(0.5);
    expect(hit.share).toBeLessThan(1);
    expect(index.search('purger radiateur')[0]!.share).toBe(1);
    // A word nobody wrote about is not read at all: coverage says so.
    expect(index.coverage('purger radiateur voiture')).toEqual({ typed: 3, read: 2 });
  });

  it('finds nothing for words it does not know and cannot mistake', () => {
    expect(index.search('blanquette veau')).toEqual([]);
  });
});
