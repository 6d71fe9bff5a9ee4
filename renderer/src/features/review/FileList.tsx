/** The changed files, grouped by area, with their counts and "viewed" marks; a click shows the file. */
import type { DiffFile } from '../../../../shared/contract';
import { Icon } from '../../ui/Icon';

const AREA_TITLES: Record<string, string> = { staged: 'Staged', unstaged: 'Changes', untracked: 'Untracked', range: 'Files' };

export function FileList({
  files,
  isViewed,
  onShow,
}: {
  files: readonly DiffFile[];
  isViewed(file: DiffFile): boolean;
  onShow(fileIndex: number): void;
}) {
  const groups: { area: string; items: { file: DiffFile; index: number }[] }[] = [];
  files.forEach((file, index) => {
    const last = groups[groups.length - 1];
    if (last && last.area === file.area) last.items.push({ file, index });
    else groups.push({ area: file.area, items: [{ file, index }] });
  });
  return (
    <nav className="review-files" aria-label="Changed files">
      {groups.map((g) => (
        <section key={g.area} className="review-files-group">
          <h3 className="review-files-title">
            {AREA_TITLES[g.area]} <span className="review-files-count">{g.items.length}</span>
          </h3>
          <ul>
            {g.items.map(({ file, index }) => {
              const slash = file.path.lastIndexOf('/');
              const name = file.path.slice(slash + 1);
              const dir = slash >= 0 ? file.path.slice(0, slash) : '';
              return (
                <li key={file.id}>
                  <button type="button" className="review-file" onClick={() => onShow(index)} title={file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}>
                    <span className={`diff-status diff-status-${file.status}`}>{file.status}</span>
                    <span className="review-file-name">{name}</span>
                    <span className="review-file-dir">{dir}</span>
                    <span className="diff-counts">
                      {file.additions > 0 && <span className="diff-add-count">+{file.additions}</span>}
                      {file.deletions > 0 && <span className="diff-del-count">−{file.deletions}</span>}
                    </span>
                    {isViewed(file) && <Icon name="check" size={13} className="review-file-viewed" />}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </nav>
  );
}
