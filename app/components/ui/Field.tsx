import { getInputProps, getTextareaProps, useField, type FieldMetadata } from "@conform-to/react";

type InputType = "text" | "email" | "password" | "number" | "search" | "url" | "date";

/** A labelled input with its errors announced to screen readers. */
export function Field({
  label,
  meta,
  type = "text",
  autoComplete,
  hint,
  inputMode,
}: {
  label: string;
  meta: FieldMetadata<string | number | undefined>;
  type?: InputType;
  autoComplete?: string;
  hint?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
}) {
  // Subscribing here (not reading `meta` from the route) re-renders the field when its errors change;
  // it needs the provider that <ConformForm> puts around the form.
  const [field] = useField<string | number | undefined>(meta.name, { formId: meta.formId });
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <Labelled meta={field} label={label} hint={hint} hintId={hintId}>
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} />
    </Labelled>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} className="field-errors" aria-live="polite">
      {errors?.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="alert alert-error" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}

type TextMeta = FieldMetadata<string | number | undefined>;

/** A new password and its confirmation, as every form that sets a password asks for them. */
export function NewPasswordFields({
  password,
  confirm,
  labels,
}: {
  password: TextMeta;
  confirm: TextMeta;
  labels: { password: string; confirm: string };
}) {
  return (
    <>
      <Field label={labels.password} meta={password} type="password" autoComplete="new-password" />
      <Field label={labels.confirm} meta={confirm} type="password" autoComplete="new-password" />
    </>
  );
}

type StringMeta = FieldMetadata<string | undefined>;

/** A label and hint above the control, and its errors announced below. */
function Labelled({
  meta,
  label,
  hintId,
  hint,
  children,
}: {
  meta: { id: string; errorId: string; errors?: string[] };
  label: string;
  hintId?: string;
  hint?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/**
 * A labelled input for forms that hand each field's metadata down themselves (no <ConformForm>
 * provider around them, unlike Field).
 */
export function MetaInput({
  label,
  meta,
  type = "text",
  hint,
}: {
  label: string;
  meta: StringMeta;
  type?: "text" | "number" | "datetime-local";
  hint?: string;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <Labelled meta={meta} label={label} hint={hint} hintId={hintId}>
      <input {...props} key={props.key} />
    </Labelled>
  );
}

/** MetaInput's multi-line twin. */
export function MetaTextArea({
  label,
  meta,
  hint,
  rows = 3,
}: {
  label: string;
  meta: StringMeta;
  hint?: string;
  rows?: number;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getTextareaProps(meta, { ariaDescribedBy: hintId });
  return (
    <Labelled meta={meta} label={label} hint={hint} hintId={hintId}>
      <textarea {...props} key={props.key} rows={rows} />
    </Labelled>
  );
}
