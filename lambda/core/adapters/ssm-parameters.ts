import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';

/** SSM reads through Powertools Parameters (its cache, pagination and decryption); one provider per process. */
export type SsmParameterSource = SSMProvider;

export function createSsmParameterSource(): SsmParameterSource {
  return new SSMProvider();
}
