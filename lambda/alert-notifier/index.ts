import type { SNSEvent } from 'aws-lambda';
import { awsAlertNotifierPorts } from './aws';
import { createAlertNotifierHandler } from './handler';

// Built once per Lambda instance, reused across invocations.
const notify = createAlertNotifierHandler(awsAlertNotifierPorts());

export const handler = async (event: SNSEvent): Promise<void> => {
  await notify(event);
};
