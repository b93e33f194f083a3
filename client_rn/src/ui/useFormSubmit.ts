// Run a form's action and keep what went wrong in the two places a person
// looks: a message above the form, and the server's notes beside each field.
import { useState } from "react";

import { type FieldErrors, ValidationError } from "../api/errors";
import { describeError } from "../api/messages";

export function useFormSubmit(fieldNames: string[], action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  async function submit() {
    setBusy(true);
    setMessage(null);
    setFieldErrors({});
    try {
      await action();
    } catch (error) {
      const { onFields, elsewhere } = splitFieldErrors(error, fieldNames);
      setMessage([describeError(error), ...elsewhere].join("\n"));
      setFieldErrors(onFields);
    } finally {
      setBusy(false);
    }
  }

  return { submit, busy, message, fieldErrors };
}

// Messages about a field the form shows go beside it; any others (about the
// request as a whole, say) join the message above the form.
function splitFieldErrors(error: unknown, fieldNames: string[]) {
  const onFields: FieldErrors = {};
  const elsewhere: string[] = [];
  if (!(error instanceof ValidationError)) {
    return { onFields, elsewhere };
  }

  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    if (fieldNames.includes(field)) {
      onFields[field] = messages;
    } else {
      elsewhere.push(...messages);
    }
  }
  return { onFields, elsewhere };
}
