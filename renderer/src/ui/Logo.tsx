/** Tandem's mark: two riders, one behind the other — two overlapping circles. */
export function Logo({ size = 18 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="9" cy="12" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <circle cx="15" cy="12" r="6.5" fill="currentColor" fillOpacity="0.35" stroke="currentColor" strokeWidth="2.2" />
    </svg>
  );
}
