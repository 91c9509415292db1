// Placeholder entry point for the interactions function; replaced by its real handler.
export const handler = async (): Promise<{ statusCode: number; body: string }> => ({ statusCode: 503, body: 'not ready' });
