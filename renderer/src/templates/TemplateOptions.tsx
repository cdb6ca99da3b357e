/** The templates as the options of a <select> (a workflow step, an SMS, a reply to an e-mail). */
export function TemplateOptions({ templates }: { templates: ReadonlyArray<{ id: string; name: string }> }) {
  return (
    <>
      {templates.map((tpl) => (
        <option key={tpl.id} value={tpl.id}>
          {tpl.name}
        </option>
      ))}
    </>
  );
}
