/**
 * A labelled select over a fixed list of values (ticket category, priority, status): each option
 * shows its translated label, and the change hands back a value of the list, typed.
 */
export function EnumSelect<V extends string>({
  label,
  value,
  values,
  optionLabel,
  onChange,
  disabled,
  testId,
}: {
  label: string;
  value: V;
  values: readonly V[];
  optionLabel: (value: V) => string;
  onChange: (value: V) => void;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select value={value} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.target.value as V)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {optionLabel(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
