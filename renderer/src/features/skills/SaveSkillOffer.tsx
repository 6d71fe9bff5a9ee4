/**
 * "Save as skill": when the agent wrote a script and ran it successfully more than once in this thread,
 * a quiet card above the message box offers to keep it as a skill in the repository (.agents/skills), so
 * teammates get it with the code. Saving asks for a name and a description, prefilled, and shows where
 * the files go; "Not now" stops the offer for this script.
 */
import { useEffect, useState } from 'react';
import type { SkillCandidate } from '../../../../shared/contract';
import { describeError } from '../../api/describe-error';
import { useStores } from '../../stores/react';
import { Button, IconButton } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Icon } from '../../ui/Icon';

export function SaveSkillOffer({ threadId, onSaved }: { threadId: string; onSaved?: () => void }) {
  const stores = useStores();
  const { client } = stores;
  const [candidates, setCandidates] = useState<SkillCandidate[]>([]);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    let live = true;
    setCandidates([]);
    setEditing(false);
    client
      .invoke('skills.candidates', { threadId })
      .then((list) => {
        if (live) setCandidates(list);
      })
      .catch(() => undefined);
    const off = client.on('skills.candidates', (payload) => {
      if (payload.threadId === threadId) setCandidates(payload.candidates);
    });
    return () => {
      live = false;
      off();
    };
  }, [client, threadId]);

  const candidate = candidates[0];
  if (!candidate) return null;
  const drop = () => setCandidates((list) => list.filter((c) => c.id !== candidate.id));

  const dismiss = () => {
    drop();
    client.invoke('skills.dismissCandidate', { threadId, candidateId: candidate.id }).catch((err: unknown) => {
      stores.toasts.getState().show('error', `Could not dismiss the offer: ${describeError(err)}`);
    });
  };

  return (
    <section className="skill-offer" aria-label="Save as skill">
      {editing ? (
        <SaveSkillForm
          candidate={candidate}
          onCancel={() => setEditing(false)}
          onSaved={(path) => {
            drop();
            setEditing(false);
            stores.toasts.getState().show('info', `Saved the skill to ${path}. Commit it so teammates get it.`);
            onSaved?.();
          }}
        />
      ) : (
        <div className="skill-offer-row">
          <Icon name="sparkle" size={15} />
          <p className="skill-offer-text">
            Tandem wrote a {candidate.runner} script and ran it {candidate.runs} times here. Keep it as a skill, so the agent — and your teammates — can reuse it?
          </p>
          <Button size="sm" variant="primary" onClick={() => setEditing(true)}>
            Save as skill…
          </Button>
          <IconButton icon="close" size="sm" label="Not now" onClick={dismiss} />
        </div>
      )}
    </section>
  );
}

function SaveSkillForm({ candidate, onCancel, onSaved }: { candidate: SkillCandidate; onCancel(): void; onSaved(path: string): void }) {
  const { client } = useStores();
  const [name, setName] = useState(candidate.name);
  const [description, setDescription] = useState(candidate.description);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const folder = `.agents/skills/${name || '…'}/`;

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const skill = await client.invoke('skills.save', {
        threadId: candidate.threadId,
        candidateId: candidate.id,
        name: name.trim(),
        description: description.trim(),
        ...(notes.trim() ? { notes } : {}),
      });
      onSaved(skill.path);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <form
      className="skill-offer-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <p className="skill-offer-title">
        <Icon name="sparkle" size={14} /> Save as a skill in this repository
      </p>
      <div className="skill-offer-fields">
        <Field label="Name" hint={`Saved in ${folder} with the script as ${candidate.scriptFile}`}>
          {({ id, describedBy, invalid }) => (
            <input id={id} className="input mono" value={name} autoFocus aria-describedby={describedBy} aria-invalid={invalid} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="When to use it" hint="The agent sees this line in every request and opens the skill when a task matches.">
          {({ id, describedBy }) => <input id={id} className="input" value={description} aria-describedby={describedBy} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field label="Notes (optional)">
          {({ id }) => <textarea id={id} className="input skill-offer-notes" rows={2} value={notes} placeholder="Inputs, caveats, how to check the result…" onChange={(e) => setNotes(e.target.value)} />}
        </Field>
        <details className="skill-offer-script">
          <summary>The script ({candidate.script.split('\n').length - 1} lines)</summary>
          <pre>{candidate.script}</pre>
        </details>
      </div>
      {error && (
        <p className="skill-offer-error" role="alert">
          {error}
        </p>
      )}
      <div className="skill-offer-actions">
        <Button size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit" busy={busy} disabled={busy || !name.trim() || !description.trim()}>
          Save skill
        </Button>
      </div>
    </form>
  );
}
