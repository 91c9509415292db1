import { awsScreenshotPorts } from './aws';
import { createScreenshotHandler } from './handler';

// Built once per Lambda instance; the browser stays open for the instance's next jobs (a warm start).
export const handler = createScreenshotHandler(awsScreenshotPorts());
