/** HTTP headers as API Gateway (v1 or v2) and node:http hand them over. */
export type HeaderMap = Readonly<Record<string, string | string[] | undefined>> | null | undefined;

/** Looks a header up case-insensitively (API Gateway v1 keeps the sender's casing). */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
