/**
 * The bounds of the user and login fields: the DTOs' validators and the SPA's forms both read them, so a form
 * cannot accept what the API refuses.
 */
export const AUTH_LIMITS = {
  /** A new username: 3 to 64 letters, digits, `_`, `.` or `-` (the pattern is the whole rule, lengths included). */
  username: { minLength: 3, maxLength: 64, pattern: /^[A-Za-z0-9_.-]{3,64}$/ },
  /** A new password: at least 8 characters and at most 72 bytes in UTF-8 (bcrypt ignores the rest); not the username. */
  password: { minLength: 8, maxBytes: 72 },
  /** Login takes any password that could have been stored before the byte rule. */
  login: { usernameMaxLength: 64, passwordMaxLength: 256 },
} as const;

const encoder = new TextEncoder();

/** Length of a string in UTF-8 bytes, as `password.maxBytes` counts it (a lone surrogate counts three). */
export const utf8Length = (value: string): number => encoder.encode(value).length;
