import { useEffect, useId, useRef, useState } from 'react';
import type { ShownSecret } from './integration-types';

/**
 * A secret the API answers once (a signing secret, an API token). It lives in the screen's state
 * only: "Done" or leaving the page forgets it. Focus moves here so nobody misses it. Give each new
 * secret a new `key`, so its copy state starts afresh.
 */
export function SecretOnce({ shown, onDone }: { shown: ShownSecret; onDone: () => void }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const secretRef = useRef<HTMLElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => headingRef.current?.focus(), []);

  const copySecret = async () => {
    try {
      await navigator.clipboard.writeText(shown.secret);
      setCopy('copied');
    } catch {
      // No clipboard (an insecure context, a refusal): select the text so Ctrl+C works.
      const node = secretRef.current;
      if (node) window.getSelection()?.selectAllChildren(node);
      setCopy('failed');
    }
  };

  return (
    <section className="card secret-once" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1} ref={headingRef}>
        {shown.title}
      </h2>
      <p className="secret-warning">
        <strong>Warning: copy it now. It will not be shown again.</strong> {shown.note}
      </p>
      <p>
        <code className="secret" ref={secretRef}>
          {shown.secret}
        </code>
      </p>
      <div className="page-actions">
        <button type="button" className="primary" onClick={() => void copySecret()}>
          Copy
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
      <p role="status">
        {copy === 'copied'
          ? 'Copied to the clipboard.'
          : copy === 'failed'
            ? 'Copying is not possible here: the secret is selected, press Ctrl+C (⌘+C on a Mac).'
            : ''}
      </p>
    </section>
  );
}
