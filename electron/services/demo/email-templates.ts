/**
 * The e-mail templates of the demo workspace are the product's defaults: one source of truth in
 * `resources/templates/modeles-fr.json`, read by services/templates/default-templates.ts.
 */
export { DEFAULT_TEMPLATES } from '../templates/default-templates';
