import { useId, useState, type DragEvent } from 'react';
import { formatBytes } from '../../ui/format';
import { ACCEPTED_LABEL, ACCEPTED_TYPES, fileProblem } from './attachments';

/** Files to attach: dropped on the zone or chosen with the button; refused ones are said at once. */
export function AttachmentDrop({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const add = (incoming: File[]) => {
    const refused = incoming.map(fileProblem).filter((problem): problem is string => problem !== null);
    setProblems(refused);
    onChange([...files, ...incoming.filter((file) => fileProblem(file) === null)]);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    add(Array.from(event.dataTransfer.files));
  };
  return (
    <div className="field">
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <label htmlFor={inputId}>Attachments</label>
        <p className="hint">Drop files here or choose them: {ACCEPTED_LABEL}.</p>
        <input
          id={inputId}
          type="file"
          multiple
          accept={ACCEPTED_TYPES}
          onChange={(event) => {
            add(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
      </div>
      {problems.map((problem) => (
        <p key={problem} className="field-error" role="alert">
          {problem}
        </p>
      ))}
      {files.length > 0 ? (
        <ul aria-label="Files to upload">
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`}>
              {file.name} ({formatBytes(file.size)}){' '}
              <button
                type="button"
                className="link-button"
                onClick={() => onChange(files.filter((_, other) => other !== index))}
              >
                Remove {file.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
