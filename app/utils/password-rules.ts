// Shared by the browser-side form checks and app/utils/password.server.ts.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
