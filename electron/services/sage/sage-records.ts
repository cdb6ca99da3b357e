/**
 * What a Sage file holds once read: customer accounts (Sage 100's F_COMPTET, Sage 50's « Tiers »)
 * and open items (échéances: F_ECRITUREC), each with the line it came from, plus the lines refused
 * and why. Codes are strings exactly as Sage wrote them.
 */
import { SAGE_FORMATS } from '../../contract/sage-calls';
import type { CodePage } from './code-pages';

/** Named once, in the contract (the console's import step offers them). */
export { SAGE_FORMATS };
export type SageFormat = (typeof SAGE_FORMATS)[number];

export type SageAccountKind = 'client' | 'fournisseur' | 'salarie' | 'autre';

export interface SageAccount {
  /** CT_Num: kept as written (« 0041 », « C00041 »), upper case. */
  code: string;
  /** CT_Intitule: the raison sociale, or the person's name. */
  name: string;
  kind: SageAccountKind;
  /** Compte collectif (41100000). */
  collective: string | null;
  contact: string | null;
  address: string | null;
  complement: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  /** CT_Identifiant: the intra-EU VAT number. */
  vat: string | null;
  /** Digits only; null when absent or unreadable (see siretValid). */
  siret: string | null;
  /** The SIRET/SIREN passed its Luhn key: only then is it used to match. */
  siretValid: boolean;
  ape: string | null;
  /** YYYY-MM-DD. */
  createdOn: string | null;
  phone: string | null;
  mobile: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  dormant: boolean;
  /** Where the account starts in the file (1-based). */
  line: number;
}

export interface SageOpenItem {
  account: string;
  /** EC_Piece: the invoice number. */
  piece: string;
  /** YYYY-MM-DD (EC_Echeance). */
  dueDate: string;
  /** Debit − credit, in cents: what the customer owes on this item. */
  amountCents: number;
  label: string | null;
  issuedOn: string | null;
  /** EC_Lettrage: set once the item is matched with a payment (then it is no longer owed). */
  lettrage: string | null;
  line: number;
}

/** A line (or block) not imported, and why, in French. */
export interface LineProblem {
  line: number;
  reason: string;
  code?: string;
}

/** What reading a file gave, whatever its format (see SageFileReading, DelimitedReading). */
export interface SageReading {
  kind: 'accounts' | 'open-items';
  accounts: SageAccount[];
  openItems: SageOpenItem[];
  /** Lines refused: the rest is imported. */
  rejected: LineProblem[];
  /** Imported, with something worth a look (a SIRET whose key is wrong is kept, never used to match). */
  warnings: LineProblem[];
  /** Accounts of other kinds (fournisseurs, salariés), counted, not imported. */
  ignored: number;
  /** The whole file is refused (cut short, wrong separator, wrong code page): nothing is imported. */
  fileError: { line: number | null; reason: string } | null;
}

export interface SageFileReading extends SageReading {
  format: SageFormat;
  /** The page the file was read in (UTF-8 when it carried a byte-order mark). */
  page: CodePage;
}

/** Fields a column of a CSV can be mapped to (the mapping step). */
export const ACCOUNT_FIELDS = ['code', 'name', 'firstName', 'contact', 'address', 'complement', 'complement2', 'postalCode', 'city', 'country', 'phone', 'mobile', 'fax', 'email', 'website', 'siret', 'vat', 'ape', 'createdOn', 'dormant', 'kind', 'collective'] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];
export const OPEN_ITEM_FIELDS = ['account', 'piece', 'dueDate', 'amount', 'debit', 'credit', 'lettrage', 'label', 'issuedOn'] as const;
export type OpenItemField = (typeof OPEN_ITEM_FIELDS)[number];

/** A saved column mapping: our field → the header label of the source's column. */
export type ColumnMapping = Partial<Record<AccountField | OpenItemField, string>>;
