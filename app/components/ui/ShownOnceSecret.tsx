// A secret the server keeps only hashed (an API key, a webhook signing secret): shown once right
// after it is created, selectable and copyable, with a warning that it will not be shown again.
import { useState } from "react";

export function ShownOnceSecret(props: {
  /** The input's id; also names the heading (`<id>-title`). */
  id: string;
  secret: string;
  title: string;
  warning: string;
  label: string;
  copyLabel: string;
  copiedLabel: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert-success created-key" role="status">
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <p>
        <strong>{props.warning}</strong>
      </p>
      <div className="created-key-row">
        <label htmlFor={props.id} className="visually-hidden">
          {props.label}
        </label>
        <input
          id={props.id}
          readOnly
          value={props.secret}
          className="created-key-value"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(props.secret).then(() => setCopied(true));
          }}
        >
          {props.copyLabel}
        </button>
      </div>
      <p aria-live="polite" className="created-key-copied">
        {copied ? props.copiedLabel : ""}
      </p>
    </div>
  );
}
