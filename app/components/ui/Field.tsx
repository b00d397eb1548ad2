import { getInputProps, useField, type FieldMetadata } from "@conform-to/react";

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
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} inputMode={inputMode} />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
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
