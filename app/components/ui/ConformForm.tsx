import { FormProvider, getFormProps, type FormMetadata } from "@conform-to/react";
import { Form, type FormProps } from "@remix-run/react";

/**
 * A Remix <Form> wired to a Conform form. The provider lets each <Field> subscribe to its own
 * errors, so a message appears (and clears) when that field is validated.
 */
export function ConformForm<Schema extends Record<string, unknown>>({
  form,
  children,
  method = "post",
  ...props
}: { form: FormMetadata<Schema, string[]> } & Omit<FormProps, "id" | "onSubmit" | "noValidate">) {
  return (
    <FormProvider context={form.context}>
      <Form method={method} {...getFormProps(form)} {...props}>
        {children}
      </Form>
    </FormProvider>
  );
}
