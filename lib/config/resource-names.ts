import type { FunctionId } from '../../lambda/core/contract/environment';
import type { StageName } from '../../lambda/core/contract/stages';

/** Physical names of the stack's resources, so the runbook's commands can name them. */
export const APP_NAME = 'valine-orchestrator';
export const stackName = (stage: StageName): string => `${APP_NAME}-${stage}`;
export const functionName = (id: FunctionId, stage: StageName): string => `${APP_NAME}-${id}-${stage}`;
export const apiName = (stage: StageName): string => `${APP_NAME}-${stage}`;
export const dashboardName = (stage: StageName): string => `${APP_NAME}-${stage}`;
export const alarmTopicName = (stage: StageName): string => `${APP_NAME}-alarms-${stage}`;
export const deadLetterQueueName = (stage: StageName): string => `${APP_NAME}-failed-events-${stage}`;
export const sweepRuleName = (stage: StageName): string => `${APP_NAME}-sweep-${stage}`;
export const alarmName = (stage: StageName, id: string): string => `${APP_NAME}-${stage}-${id}`;
export const accessLogGroupName = (stage: StageName): string => `/aws/apigateway/${APP_NAME}-${stage}/access`;
