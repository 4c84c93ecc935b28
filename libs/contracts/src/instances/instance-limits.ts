/**
 * The bounds of an instance's fields: the DTO's validators and the SPA's form both read them, so the form
 * cannot accept what the API refuses.
 */
export const INSTANCE_LIMITS = {
  name: { maxLength: 128 },
  host: { maxLength: 255, pattern: /^[A-Za-z0-9._:\-[\]]+$/ },
  port: { minimum: 1, maximum: 65535 },
  username: { maxLength: 128 },
  password: { maxLength: 512 },
  database_name: { maxLength: 255 },
  tags: { maxItems: 32, itemMaxLength: 64 },
  description: { maxLength: 1000 },
} as const;
