import { awsInteractions } from './aws';
import { buildInteractions } from './handler';

// Built on the first invocation and reused by every later one in this Lambda instance (rebuilt if building failed).
export const handler = buildInteractions(awsInteractions());
