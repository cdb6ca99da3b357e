export { Directory, type DirectoryOptions, type NewCallerInput, type AttachNumberRequest } from './directory';
export { CallerIdentifier, rankMatches, type CallerIdentification } from './caller-identifier';
export { ScreenPopAssembler, POP_HISTORY_LIMIT } from './screen-pop';
export { suggestTemplates, suggestedPurposes, TEMPLATE_PURPOSES, type TemplatePurpose, type CallerSituation } from './template-suggester';
export { normalizeNumber, toE164, phoneKindFor, phoneSearchDigits, userPart, type NormalizeOptions, type CountryCode } from '../shared/phone-number';
