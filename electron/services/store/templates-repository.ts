import type { Template } from '../../contract/model';
import type { AccueilDatabase } from './database';
import type { Clock } from './record-owner';

interface TemplateRow {
  id: string;
  name: string;
  category: string;
  subject: string;
  body: string;
}

export class TemplatesRepository {
  private readonly upsertStatement;
  private readonly allStatement;
  private readonly byId;

  constructor(
    db: AccueilDatabase,
    private readonly clock: Clock,
  ) {
    this.upsertStatement = db.prepare(
      `INSERT INTO templates (id, name, category, subject, body, position, created_at, updated_at)
       VALUES (@id, @name, @category, @subject, @body, @position, @at, @at)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, category = excluded.category, subject = excluded.subject,
         body = excluded.body, position = excluded.position, updated_at = excluded.updated_at`,
    );
    this.allStatement = db.prepare<TemplateRow>(`SELECT id, name, category, subject, body FROM templates ORDER BY position, name`);
    this.byId = db.prepare<TemplateRow>(`SELECT id, name, category, subject, body FROM templates WHERE id = ?`);
  }

  /** Inserts or replaces a template by id. `position` orders the list shown to the user. */
  upsert(template: Template & { position?: number; updatedAt?: string }): void {
    this.upsertStatement.run({
      id: template.id,
      name: template.name,
      category: template.category,
      subject: template.subject,
      body: template.body,
      position: template.position ?? 0,
      at: template.updatedAt ?? this.clock().toISOString(),
    });
  }

  list(): Template[] {
    return this.allStatement.all().map((row) => ({ ...row }));
  }

  get(id: string): Template | null {
    const row = this.byId.get(id);
    return row ? { ...row } : null;
  }
}
