import { EnvironmentError } from '../contract/environment';
import { isStageName, type StageName } from '../contract/stages';

export function stageFrom(value: string): StageName {
  if (!isStageName(value)) throw new EnvironmentError(`VALINE_STAGE "${value}" is not a stage (dev or prod); redeploy the stack.`);
  return value;
}

export function positiveSeconds(name: string, value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds <= 0) throw new EnvironmentError(`${name} must be a whole number of seconds, not "${value}"; redeploy the stack.`);
  return seconds;
}
