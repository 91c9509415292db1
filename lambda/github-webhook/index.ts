import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult } from 'aws-lambda';
import { awsGithubWebhookPorts } from './aws';
import { createGithubWebhookHandler } from './handler';

// Built once per Lambda instance, reused across invocations.
const handleWebhook = createGithubWebhookHandler(awsGithubWebhookPorts());

export const handler = (event: APIGatewayProxyEvent | APIGatewayProxyEventV2): Promise<APIGatewayProxyResult> => handleWebhook(event);
