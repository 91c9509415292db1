import { buildAwsInteractionsRuntime } from '../core/runtime/aws-interactions';
import { createInteractionsHandler, type InteractionsRuntime } from './handler';

// Built on the first invocation and reused by every later one in this Lambda instance.
let runtime: Promise<InteractionsRuntime> | undefined;
const loadRuntime = (): Promise<InteractionsRuntime> =>
  (runtime ??= Promise.resolve()
    .then(() => buildAwsInteractionsRuntime())
    .catch((error: unknown) => {
      runtime = undefined;
      throw error;
    }));

export const handler = createInteractionsHandler(loadRuntime);
