/** An on/off switch (role="switch"), labelled by the text beside it. */
export function Switch({
  checked,
  onChange,
  id,
  describedBy,
  disabled,
  label,
}: {
  checked: boolean;
  onChange(checked: boolean): void;
  id?: string;
  describedBy?: string;
  disabled?: boolean;
  label?: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      id={id}
      aria-checked={checked}
      aria-describedby={describedBy}
      aria-label={label}
      disabled={disabled}
      className={checked ? 'switch is-on' : 'switch'}
      onClick={() => onChange(!checked)}
    >
      <span className="switch-thumb" />
    </button>
  );
}
