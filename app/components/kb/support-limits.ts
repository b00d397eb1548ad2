/** Limits of the "still need help" form, shared by the browser's checks and the server's. */
export const SUPPORT_LIMITS = { subject: 200, body: 5000, searchQuery: 200 } as const;
