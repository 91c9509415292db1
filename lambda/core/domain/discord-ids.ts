/** Discord ids are snowflakes: 64-bit integers as decimal strings, so at most 20 ASCII digits. They go into URL paths. */
export const DISCORD_SNOWFLAKE = /^[0-9]{1,20}$/;
/**
 * Interaction and webhook tokens are URL-safe base64 with dots (letters, digits, `.`, `_`, `-`); the token is a URL path
 * segment, so nothing else is let through, and a segment of dots only (`.`, `..`) is path traversal, not a token.
 */
export const DISCORD_TOKEN_MAX_LENGTH = 1000;
export const DISCORD_TOKEN = new RegExp(`^(?!\\.+$)[A-Za-z0-9._-]{1,${DISCORD_TOKEN_MAX_LENGTH}}$`);
