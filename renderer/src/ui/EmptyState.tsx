/** What a panel shows when it has nothing yet: what this place is for and what to do next. */
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export function EmptyState({
  icon,
  title,
  children,
  actions,
  compact = false,
  className,
}: {
  icon: IconName;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  compact?: boolean;
  className?: string;
}) {
  return (
    <div className={['empty-state', compact ? 'is-compact' : '', className ?? ''].filter(Boolean).join(' ')}>
      <div className="empty-state-icon">
        <Icon name={icon} size={compact ? 18 : 22} />
      </div>
      <h2 className="empty-state-title">{title}</h2>
      {children && <div className="empty-state-body">{children}</div>}
      {actions && <div className="empty-state-actions">{actions}</div>}
    </div>
  );
}
