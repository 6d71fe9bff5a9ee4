/** The skills a thread's agent sees, fetched when the thread opens and again when asked. */
import { useCallback, useEffect, useState } from 'react';
import type { Skill, SkillProblem } from '../../../../shared/contract';
import { useStores } from '../../stores/react';

export interface ThreadSkills {
  skills: Skill[];
  problems: SkillProblem[];
  refresh(): void;
}

export function useThreadSkills(threadId: string): ThreadSkills {
  const { client } = useStores();
  const [state, setState] = useState<{ skills: Skill[]; problems: SkillProblem[] }>({ skills: [], problems: [] });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    client
      .invoke('skills.list', { threadId })
      .then((result) => {
        if (live) setState(result);
      })
      .catch(() => {
        // No skills is a fine answer for a thread whose folder is gone; the composer still works.
        if (live) setState({ skills: [], problems: [] });
      });
    return () => {
      live = false;
    };
  }, [client, threadId, generation]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, refresh };
}
