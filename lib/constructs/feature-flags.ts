import { ParameterTier, StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { FLAG_DEFINITIONS, FLAG_NAMES, type FlagName } from '../../lambda/core/contract/flags';
import { flagParameterName } from '../../lambda/core/contract/parameters';
import type { StageConfig } from '../config/stages';

/**
 * One SSM String parameter per flag under /valine/<stage>/flags/, created with the stage default.
 * CloudFormation writes the value only when the parameter resource changes, so an operator's
 * `npm run set-flag` survives later deploys (docs/runbook.md, "Feature flags and drift").
 */
export class FeatureFlags extends Construct {
  readonly parameters: Readonly<Record<FlagName, StringParameter>>;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.parameters = Object.fromEntries(
      FLAG_NAMES.map((flag) => [
        flag,
        new StringParameter(this, flag, {
          parameterName: flagParameterName(config.stage, flag),
          stringValue: config.flagDefaults[flag],
          description: FLAG_DEFINITIONS[flag].description,
          tier: ParameterTier.STANDARD,
        }),
      ]),
    ) as Record<FlagName, StringParameter>;
  }
}
