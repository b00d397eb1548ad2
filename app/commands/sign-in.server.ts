import { audit } from "~/models/audit.server";
import { PORTAL_EVENTS, recordEvent } from "~/models/event.server";
import { authenticator, InvalidCredentialsError } from "~/utils/auth.server";
import {
  assertUnderLimits,
  hit,
  RateLimitedError,
  reset,
  SIGN_IN_LIMITS,
  type RateLimitRule,
} from "~/utils/rate-limit.server";
import { startSession } from "~/utils/session.server";

export class SignInRefused extends Error {
  constructor(
    public reason: "invalid" | "rate_limited",
    public retryAfterSeconds = 0,
  ) {
    super(reason);
  }
}

/**
 * Verifies the credentials in the request's form (remix-auth's form strategy), under per-e-mail
 * and per-IP limits on failures; on success rotates the session and records the sign-in.
 */
export async function signIn(request: Request, input: { email: string; ipAddress: string }) {
  const limits: [string, RateLimitRule][] = [
    [`signin:email:${input.email}`, SIGN_IN_LIMITS.perEmail],
    [`signin:ip:${input.ipAddress}`, SIGN_IN_LIMITS.perIp],
  ];
  try {
    await assertUnderLimits(limits);
  } catch (error) {
    if (error instanceof RateLimitedError)
      throw new SignInRefused("rate_limited", error.retryAfterSeconds);
    throw error;
  }

  let user;
  try {
    user = await authenticator.authenticate("form", request);
  } catch (error) {
    if (!(error instanceof InvalidCredentialsError)) throw error;
    await Promise.all(limits.map(([key, rule]) => hit(key, rule)));
    await audit({
      actorId: null,
      action: "auth.sign_in_failed",
      data: { email: input.email },
      ipAddress: input.ipAddress,
    });
    throw new SignInRefused("invalid");
  }

  await reset(`signin:email:${input.email}`);
  const cookie = await startSession(request, user.id, { ipAddress: input.ipAddress });
  await audit({ actorId: user.id, action: "auth.sign_in", ipAddress: input.ipAddress });
  await recordEvent({ type: PORTAL_EVENTS.signedIn, accountId: user.accountId, userId: user.id });
  return { user, cookie };
}
