/** The title row every panel shares, so the sidebar, review and terminal panels line up. */
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../ui/Icon';

export function PanelHeader({ title, icon, actions, children }: { title: string; icon?: IconName; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="panel-header">
      {icon && <Icon name={icon} size={14} className="panel-header-icon" />}
      <h2 className="panel-title">{title}</h2>
      {children}
      <div className="panel-header-actions">{actions}</div>
    </header>
  );
}
