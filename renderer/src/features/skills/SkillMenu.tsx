/** The list under `$` in the message box: skills by name and description; ↑↓ choose, Tab or Enter insert. */
import type { Skill } from '../../../../shared/contract';

export function SkillMenu({ matches, active, onPick }: { matches: Skill[]; active: number; onPick(skill: Skill): void }) {
  return (
    <div className="skill-menu" role="listbox" aria-label="Skills">
      {matches.map((skill, i) => (
        <div
          key={skill.path}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'skill-menu-item is-active' : 'skill-menu-item'}
          onMouseDown={(e) => {
            // Keep the focus (and the caret) in the message box.
            e.preventDefault();
            onPick(skill);
          }}
        >
          <span className="skill-menu-name">${skill.name}</span>
          <span className="skill-menu-description">{skill.description}</span>
          <span className="skill-menu-scope">{skill.scope === 'repo' ? 'repo' : 'yours'}</span>
        </div>
      ))}
    </div>
  );
}
