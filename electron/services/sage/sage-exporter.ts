/**
 * Customers Accueil or HubSpot know and Sage does not, written for the accountant's import in the
 * accounts source's format and code page. Each gets a new account code (prefix + digits, never one
 * Sage or an earlier export already holds), kept with the company (sage_exports) so a second
 * export writes the same code, and the next accounts import says whether it arrived.
 *
 * A character the code page cannot hold (œ, € in OEM 850) is spelled out (oe, EUR) and reported;
 * any other is refused with the company named, never written as « ? ».
 */
import { canEncode, encodeText, type CodePage } from './code-pages';
import { writeDelimited } from './delimited-export';
import { fieldProblem, writeSage100, type ExportedAccount } from './sage100-format';
import type { SageFormat } from './sage-records';
import type { SageRepository } from './sage-repository';
import { checkSiret } from './sage-values';

export interface SageExportReport {
  format: SageFormat;
  page: CodePage;
  written: Array<{ code: string; companyId: string; name: string }>;
  refused: Array<{ companyId: string; name: string; reason: string }>;
  spelledOut: Array<{ code: string; field: string; from: string; to: string }>;
}

/** What each page lacks, as Sage users write it by hand. */
const SPELLED_OUT: Record<string, string> = { œ: 'oe', Œ: 'OE', '€': 'EUR', '’': "'", '‘': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...', '\u00a0': ' ', '\u202f': ' ' };

function fitToPage(value: string, page: CodePage): { text: string; changed: boolean } | null {
  if (canEncode(value, page)) return { text: value, changed: false };
  let out = '';
  for (const ch of value) out += canEncode(ch, page) ? ch : (SPELLED_OUT[ch] ?? '\ufffd');
  return out.includes('\ufffd') || !canEncode(out, page) ? null : { text: out, changed: true };
}

export interface ExportOptions {
  format: SageFormat;
  page: CodePage;
  codePrefix: string;
  codeDigits: number;
  fileName: string;
  /** Dry run: the file is built, no code is recorded. */
  record: boolean;
}

export function exportUnknownCustomers(repo: SageRepository, phonesOf: (companyId: string) => Array<{ raw: string; kind: string }>, options: ExportOptions): { bytes: Uint8Array; report: SageExportReport } {
  const report: SageExportReport = { format: options.format, page: options.page, written: [], refused: [], spelledOut: [] };
  const accounts: ExportedAccount[] = [];
  let next = 1;
  const newCode = (): string => {
    for (;;) {
      const code = `${options.codePrefix}${String(next++).padStart(options.codeDigits, '0')}`;
      if (!repo.codeTaken(code)) return code;
    }
  };
  return repo.transaction(() => {
    for (const company of repo.companiesUnknownToSage()) {
      const code = repo.exportOf(company.id)?.code ?? newCode();
      const phones = phonesOf(company.id);
      const siret = company.siret ? checkSiret(company.siret) : null;
      const raw: Record<string, string | null> = {
        name: company.name,
        address: company.address,
        postalCode: company.postal_code,
        city: company.city,
        email: company.email,
        phone: phones.find((p) => p.kind !== 'mobile')?.raw ?? phones[0]?.raw ?? null,
        siret: siret && siret.kind !== 'none' && siret.kind !== 'malformed' && siret.valid ? siret.digits : null,
      };
      const fitted: Record<string, string | null> = {};
      let refused: string | null = null;
      for (const [field, value] of Object.entries(raw)) {
        if (value === null || value.trim() === '') {
          fitted[field] = null;
          continue;
        }
        const problem = fieldProblem(value);
        if (problem) {
          refused = `${field} ${problem}`;
          break;
        }
        const fit = fitToPage(value, options.page);
        if (!fit) {
          refused = `${field} « ${value} » : un caractère n’existe pas en ${options.page}`;
          break;
        }
        if (fit.changed) report.spelledOut.push({ code, field, from: value, to: fit.text });
        fitted[field] = fit.text;
      }
      if (refused) {
        report.refused.push({ companyId: company.id, name: company.name, reason: refused });
        continue;
      }
      accounts.push({ code, name: fitted['name']!, contact: null, address: fitted['address'] ?? null, complement: null, postalCode: fitted['postalCode'] ?? null, city: fitted['city'] ?? null, country: null, vat: null, siret: fitted['siret'] ?? null, createdOn: null, phone: fitted['phone'] ?? null, fax: null, email: fitted['email'] ?? null, website: null });
      report.written.push({ code, companyId: company.id, name: company.name });
      if (options.record) repo.recordExport(company.id, code, options.fileName);
    }
    const text = options.format === 'sage100' ? writeSage100(accounts) : writeDelimited(accounts, options.format === 'sage50' ? '\t' : ';');
    return { bytes: encodeText(text, options.page), report };
  });
}
