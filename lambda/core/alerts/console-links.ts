/** CloudWatch console addresses for the alert message. */
const consoleBase = (region: string): string => `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}`;

export const alarmConsoleUrl = (region: string, alarmName: string): string =>
  `${consoleBase(region)}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`;

export const dashboardConsoleUrl = (region: string, dashboardName: string): string =>
  `${consoleBase(region)}#dashboards:name=${encodeURIComponent(dashboardName)}`;
