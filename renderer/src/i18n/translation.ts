/** Another language's messages for a feature: exactly the keys of its French, each a plain string. */
export type Translation<French> = { readonly [K in keyof French]: string };
