/** E-mail templates: library, merge fields, preview, sending over SMTP (issue 4, templates part). */
export const templateCalls = {} as const;
export const templateEvents = {} as const;
