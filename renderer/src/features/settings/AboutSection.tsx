/** Settings → About: version, how Tandem is running, and where its data lives. */
import { useApp } from '../../stores/react';

export function AboutSection() {
  const info = useApp((s) => s.info);
  if (!info) return <p className="muted">Loading…</p>;
  return (
    <dl className="about-list">
      <dt>Version</dt>
      <dd>{info.version}</dd>
      <dt>Running as</dt>
      <dd>{info.mode === 'electron' ? 'Desktop app' : 'Web page served by tandem serve'}</dd>
      <dt>Platform</dt>
      <dd>{info.platform}</dd>
      <dt>Data folder</dt>
      <dd className="mono selectable">{info.dataDir}</dd>
    </dl>
  );
}
