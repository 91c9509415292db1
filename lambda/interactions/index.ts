import { buildAwsInteractionsRuntime } from '../core/runtime/aws-interactions';
import { onFirstUse } from '../core/runtime/lazy-adapters';
import { createInteractionsHandler } from './handler';

// Built on the first invocation and reused by every later one in this Lambda instance (rebuilt if building failed).
export const handler = createInteractionsHandler(onFirstUse(async () => buildAwsInteractionsRuntime()));
