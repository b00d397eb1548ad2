import { HONEYPOT_FIELD } from "~/utils/honeypot";

/** The public forms' bot trap; see app/utils/honeypot.ts. */
export function Honeypot() {
  return (
    <div hidden>
      <label>
        Website
        <input type="text" name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}
