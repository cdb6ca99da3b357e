import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, type FakeClient } from '../../test/support/fake-client';
import { setContractClient } from '../transport/contract-client';
import { PREVIEW_DEBOUNCE_MS, clipboardText, useTemplateStore, type EmailPreview } from './template-store';
import { insertField } from './TemplateComposer';

let fake: FakeClient;
const initial = useTemplateStore.getState();

function preview(over: Partial<EmailPreview['draft']> = {}, rest: Partial<EmailPreview> = {}): EmailPreview {
  return {
    draft: {
      draftId: 'd', templateId: 'tpl-x', contactId: 'c1', companyId: null, quoteId: 'q1', interventionId: null, ticketId: null,
      to: 'f@example.fr', subject: 'Devis {{devis.numero}}', body: 'Bonjour {{contact.prenom}}', values: {}, lastError: null, updatedAt: null, recipientLabel: 'François', ...over,
    },
    subject: 'Devis DEV-1', text: 'Bonjour François', subjectSegments: [], bodySegments: [], missing: [], choices: { quotes: [], interventions: [], tickets: [] }, blockers: [],
    ...rest,
  };
}

beforeEach(() => {
  fake = fakeClient();
  setContractClient(fake);
  useTemplateStore.setState(initial, true);
  fake.handle('templates.fields', () => []);
  fake.handle('templates.drafts', () => []);
});
afterEach(() => {
  vi.useRealTimers();
  setContractClient(null);
});

describe('useTemplateStore composer', () => {
  it('opens the composer for a caller and takes the template text, recipient and devis from the first preview', async () => {
    fake.handle('templates.preview', () => preview());
    await useTemplateStore.getState().openComposer({ templateId: 'tpl-x', contactId: 'c1', companyId: null });
    const s = useTemplateStore.getState();
    expect(s.panel).toBe('composer');
    expect(s.draft).toMatchObject({ to: 'f@example.fr', subject: 'Devis {{devis.numero}}', quoteId: 'q1', contactId: 'c1' });
    expect(fake.calls.find((c) => c.name === 'templates.preview')?.input).toMatchObject({ templateId: 'tpl-x', contactId: 'c1', companyId: null, values: {} });
  });

  it('asks for a new preview once Claire stops typing, with the edited text', async () => {
    vi.useFakeTimers();
    fake.handle('templates.preview', (input) => preview({ body: input.body ?? 'Bonjour {{contact.prenom}}' }));
    await useTemplateStore.getState().openComposer({ templateId: 'tpl-x', contactId: 'c1', companyId: null });
    useTemplateStore.getState().edit({ body: 'A' });
    useTemplateStore.getState().edit({ body: 'AB' });
    expect(fake.calls.filter((c) => c.name === 'templates.preview')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(PREVIEW_DEBOUNCE_MS + 10);
    const previews = fake.calls.filter((c) => c.name === 'templates.preview');
    expect(previews).toHaveLength(2);
    expect(previews[1]!.input).toMatchObject({ body: 'AB', draftId: useTemplateStore.getState().draft!.draftId });
  });

  it('keeps the draft on screen with the service’s sentence when sending fails', async () => {
    fake.handle('templates.preview', () => preview());
    fake.fail('templates.send', 'unavailable', 'Le serveur d’envoi a refusé l’identifiant ou le mot de passe. Le brouillon est conservé.');
    await useTemplateStore.getState().openComposer({ templateId: 'tpl-x', contactId: 'c1', companyId: null });
    expect(await useTemplateStore.getState().send()).toBe(false);
    const s = useTemplateStore.getState();
    expect(s.sendStatus).toBe('error');
    expect(s.sendError).toEqual({ kind: 'service', code: 'unavailable', message: expect.stringMatching(/mot de passe/) });
    expect(s.draft?.body).toBe('Bonjour {{contact.prenom}}');
    expect(s.panel).toBe('composer');
  });

  it('sends the draft with its id and reports where it went', async () => {
    fake.handle('templates.preview', () => preview());
    fake.handle('templates.send', (input) => ({ emailId: 'e1', sentAt: '2024-05-13T10:00:00Z', to: input.to ?? '', subject: 'Devis DEV-1', messageId: null }));
    await useTemplateStore.getState().openComposer({ templateId: 'tpl-x', contactId: 'c1', companyId: null });
    expect(await useTemplateStore.getState().send()).toBe(true);
    const sent = fake.calls.find((c) => c.name === 'templates.send')!.input as { draftId: string; to: string };
    expect(sent.draftId).toBe(useTemplateStore.getState().draft!.draftId);
    expect(useTemplateStore.getState().sent?.to).toBe('f@example.fr');
  });
});

describe('composer helpers', () => {
  it('copies the merged subject and text, not the fields', () => {
    expect(clipboardText(preview())).toBe('Devis DEV-1\n\nBonjour François');
  });

  it('inserts a field at the caret, replacing the selection', () => {
    expect(insertField('Bonjour X,', 8, 9, 'contact.prenom')).toEqual({ text: 'Bonjour {{contact.prenom}},', caret: 26 });
  });
});

describe('closing the composer', () => {
  it('keeps an edited draft on the service side, so nothing Claire typed is lost', async () => {
    fake.handle('templates.preview', () => preview());
    fake.handle('templates.saveDraft', (input) => ({ ...preview().draft, draftId: input.draftId, body: input.body ?? '' }));
    await useTemplateStore.getState().openComposer({ templateId: 'tpl-x', contactId: 'c1', companyId: null });
    useTemplateStore.getState().edit({ body: 'Texte de Claire' });
    useTemplateStore.getState().close();
    await vi.waitFor(() => expect(fake.calls.some((c) => c.name === 'templates.saveDraft')).toBe(true));
    expect(fake.calls.find((c) => c.name === 'templates.saveDraft')!.input).toMatchObject({ body: 'Texte de Claire' });
    expect(useTemplateStore.getState().panel).toBe('none');
  });

  it('does not keep a draft Claire did not touch', async () => {
    fake.handle('templates.preview', () => preview());
    await useTemplateStore.getState().openComposer({ templateId: 'tpl-x', contactId: 'c1', companyId: null });
    useTemplateStore.getState().close();
    expect(fake.calls.some((c) => c.name === 'templates.saveDraft')).toBe(false);
  });
});
