/** An import's report in French, as the CLI prints it and the watched folder writes it beside the file. */
import type { SageImportReport } from './sage-importer';
import type { SageFormat } from './sage-records';

export const FORMAT_LABEL: Record<SageFormat, string> = { sage100: 'Sage 100 (format Sage)', sage50: 'Sage 50 (tabulations)', csv: 'CSV' };
const FIELD_LABEL: Record<string, string> = { name: 'raison sociale', siret: 'SIRET', address: 'adresse', postal_code: 'code postal', city: 'ville' };

export function describeImportReport(r: SageImportReport): string[] {
  const lines = [`${r.fileName} — ${FORMAT_LABEL[r.format]}, ${r.page}${r.dryRun ? ' — essai à blanc : rien n’a été enregistré' : ''}`];
  if (r.fileError) {
    lines.push(`Fichier refusé${r.fileError.line !== null ? ` (ligne ${r.fileError.line})` : ''} : ${r.fileError.reason}`);
    return lines;
  }
  if (r.kind === 'accounts') {
    const a = r.accounts;
    lines.push(`Comptes : ${a.read} lus — ${a.created} créés, ${a.linked} rapprochés, ${a.updated} mis à jour, ${a.unchanged} inchangés, ${a.toReview} à vérifier${a.ignored ? `, ${a.ignored} autres que clients (ignorés)` : ''}, ${r.rejected.length} lignes refusées`);
  } else {
    const o = r.openItems;
    lines.push(`Échéances : ${o.read} lues — ${o.added} nouvelles, ${o.changed} modifiées, ${o.removed} soldées (absentes du fichier), ${o.unchanged} inchangées, ${r.rejected.length} lignes refusées`);
  }
  if (r.rejected.length) {
    lines.push(`Lignes refusées (${r.rejected.length}) :`);
    for (const p of r.rejected) lines.push(`  ligne ${p.line} : ${p.reason}`);
  }
  if (r.warnings.length) {
    lines.push(`À noter (${r.warnings.length}) :`);
    for (const p of r.warnings) lines.push(`  ligne ${p.line} : ${p.reason}`);
  }
  if (r.conflicts.length) {
    lines.push(`Différences avec Accueil (${r.conflicts.length}) — rien n’a été écrasé, à trancher :`);
    for (const c of r.conflicts) lines.push(`  ${c.code} ${FIELD_LABEL[c.field] ?? c.field} : Sage « ${c.sageValue} », Accueil « ${c.localValue} »`);
  }
  if (r.reviews.length) {
    lines.push(`Rapprochements à vérifier (${r.reviews.length}) — accueil sage reviews :`);
    for (const v of r.reviews) lines.push(`  ${v.code} ${v.name} : ${v.reason} → ${v.candidates.map((c) => c.label).join(' ; ')}`);
  }
  if (r.exportsMissing.length) {
    lines.push(`Clients exportés pour Sage et pas encore importés par le comptable (${r.exportsMissing.length}) :`);
    for (const e of r.exportsMissing) lines.push(`  ${e.code} (fichier ${e.fileName}, ${e.exportedAt.slice(0, 10)})`);
  }
  if (r.exportsArrived) lines.push(`${r.exportsArrived} client(s) exporté(s) pour Sage sont bien arrivés.`);
  return lines;
}
