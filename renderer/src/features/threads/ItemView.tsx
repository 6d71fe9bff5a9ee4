/**
 * One entry of a thread. Items are an open set (the agent adds kinds over time), so known kinds get
 * their own look and anything else is shown faithfully as its type and recorded body.
 */
import type { ThreadItem } from '../../../../shared/contract';
import { Icon } from '../../ui/Icon';

function textOf(data: unknown, ...keys: string[]): string | null {
  if (typeof data === 'string') return data;
  if (typeof data !== 'object' || data === null) return null;
  for (const key of keys) {
    const v = (data as Record<string, unknown>)[key];
    if (typeof v === 'string') return v;
  }
  return null;
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function ItemView({ item }: { item: ThreadItem }) {
  switch (item.type) {
    case 'userMessage': {
      const text = textOf(item.data, 'text', 'content') ?? '';
      return (
        <article className="item item-user" aria-label="Your message">
          <div className="item-bubble">{text}</div>
          <time className="item-time">{time(item.createdAt)}</time>
        </article>
      );
    }
    case 'agentMessage': {
      const text = textOf(item.data, 'text', 'content') ?? '';
      return (
        <article className="item item-agent" aria-label="Tandem’s message">
          <div className="item-prose">{text}</div>
        </article>
      );
    }
    case 'error': {
      const message = textOf(item.data, 'message', 'text') ?? 'Something went wrong.';
      return (
        <article className="item item-error callout callout-danger" role="note">
          <Icon name="alert" size={15} />
          <div className="callout-body">{message}</div>
        </article>
      );
    }
    default:
      return (
        <article className="item item-generic">
          <details>
            <summary>
              <Icon name="chevronRight" size={13} className="item-generic-chevron" />
              <span className="item-generic-type mono">{item.type}</span>
              <time className="item-time">{time(item.createdAt)}</time>
            </summary>
            <pre className="item-generic-body">{JSON.stringify(item.data, null, 2)}</pre>
          </details>
        </article>
      );
  }
}
