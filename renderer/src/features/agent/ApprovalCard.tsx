/**
 * A request from the agent to do something outside what it may do alone. Keyboard: with the card
 * focused, Enter approves once, T approves for this thread, A always allows the command prefix (when
 * offered), Esc denies; D opens a message for the model before denying. The card takes focus when it
 * appears unless the user is typing somewhere.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApprovalDecision, ApprovalRequest } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { Kbd } from '../../ui/Kbd';
import { MarkdownInline } from '../../ui/markdown/Markdown';

function isTyping(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);
}

export function ApprovalCard({ request, onRespond }: { request: ApprovalRequest; onRespond(decision: ApprovalDecision, message?: string): Promise<void> }) {
  const card = useRef<HTMLDivElement>(null);
  const messageBox = useRef<HTMLTextAreaElement>(null);
  const [denying, setDenying] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState<ApprovalDecision | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!isTyping()) card.current?.focus({ preventScroll: false });
  }, []);
  useEffect(() => {
    if (denying) messageBox.current?.focus();
  }, [denying]);

  const respond = async (decision: ApprovalDecision, text?: string) => {
    if (busy) return;
    setBusy(decision);
    setError(null);
    try {
      await onRespond(decision, text?.trim() || undefined);
    } catch (err) {
      setError(describeError(err));
      setBusy(null);
    }
  };

  const prefix = request.rulePrefix?.join(' ') ?? null;
  const mcp = request.kind === 'mcpToolCall' ? (request.mcp ?? null) : null;
  // "Always" saves a command prefix as a rule, or allows an MCP tool from now on.
  const canAlways = prefix !== null || mcp !== null;
  const what = request.kind === 'command' ? 'run a command' : mcp ? `use ${mcp.server}’s ${mcp.tool} tool` : 'edit files outside the workspace';

  return (
    <div
      ref={card}
      className="approval-card"
      role="group"
      aria-label={`Approval needed: ${what}`}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.target !== card.current) return; // keys typed in the message box are text
        if (e.key === 'Enter') {
          e.preventDefault();
          void respond('approve');
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          void respond('deny');
        } else if (e.key === 't' || e.key === 'T') {
          e.preventDefault();
          void respond('approveForThread');
        } else if ((e.key === 'a' || e.key === 'A') && canAlways) {
          e.preventDefault();
          void respond('approveAlways');
        } else if (e.key === 'd' || e.key === 'D') {
          e.preventDefault();
          setDenying(true);
        }
      }}
    >
      <div className="approval-head">
        <Icon name="alert" size={15} />
        <strong>Tandem wants to {what}</strong>
      </div>
      <p className="approval-reason">
        <MarkdownInline text={request.reason} />
      </p>
      {request.justification && !request.reason.includes(request.justification) && (
        <p className="approval-why">
          <span className="approval-label">Why:</span> {request.justification}
        </p>
      )}
      {request.command && <pre className="approval-command">{request.command}</pre>}
      {mcp && mcp.arguments !== '{}' && <pre className="approval-command">{mcp.arguments}</pre>}
      {request.paths.length > 0 && (
        <ul className="approval-paths">
          {request.paths.map((p) => (
            <li key={p} className="mono">
              {p}
            </li>
          ))}
        </ul>
      )}
      <p className="approval-cwd">
        in <span className="mono">{request.cwd}</span>
      </p>
      {denying ? (
        <div className="approval-deny">
          <textarea
            ref={messageBox}
            className="input approval-deny-input"
            rows={2}
            placeholder="Tell Tandem why, or what to do instead (optional)"
            aria-label="Message to Tandem"
            value={message}
            maxLength={2000}
            onChange={(e) => setMessage(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                void respond('deny', message);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setDenying(false);
                card.current?.focus();
              }
            }}
          />
          <div className="approval-actions">
            <Button size="sm" variant="danger" busy={busy === 'deny'} onClick={() => void respond('deny', message)}>
              Deny
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setDenying(false)}>
              Back
            </Button>
          </div>
        </div>
      ) : (
        <div className="approval-actions">
          <Button size="sm" variant="primary" busy={busy === 'approve'} onClick={() => void respond('approve')}>
            Approve once <Kbd shortcut="Enter" className="kbd-on-accent" />
          </Button>
          <Button size="sm" busy={busy === 'approveForThread'} onClick={() => void respond('approveForThread')} title="Approve this kind of request for the rest of this thread (T)">
            For this thread
          </Button>
          {mcp && (
            <Button size="sm" busy={busy === 'approveAlways'} onClick={() => void respond('approveAlways')} title={`Always allow ${mcp.server}’s ${mcp.tool} tool, in every thread (A)`}>
              Always allow <code className="md-code">{mcp.tool}</code>
            </Button>
          )}
          {prefix && (
            <Button size="sm" busy={busy === 'approveAlways'} onClick={() => void respond('approveAlways')} title={`Save a rule that always allows commands starting with “${prefix}” (A)`}>
              Always allow <code className="md-code">{prefix}</code>
            </Button>
          )}
          <span className="approval-spacer" />
          <Button size="sm" variant="ghost" onClick={() => setDenying(true)} title="Deny with a message to Tandem (D)">
            Deny with message…
          </Button>
          <Button size="sm" variant="danger" busy={busy === 'deny'} onClick={() => void respond('deny')}>
            Deny <Kbd shortcut="Escape" className="kbd-quiet" />
          </Button>
        </div>
      )}
      {error && (
        <p className="composer-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
