/** Builds a value on first use (and again after a failed build), then reuses it. */
export function onFirstUse<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= build().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
}
