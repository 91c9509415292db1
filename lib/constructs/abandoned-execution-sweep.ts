import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { WorkItem } from '../../lambda/core/domain/work';
import { sweepRuleName } from '../config/resource-names';
import type { StageConfig } from '../config/stages';

/** Worst case from Confirm to resumed: ABANDONED_EXECUTION_SECONDS (150 s) + this interval. */
export const SWEEP_INTERVAL = Duration.minutes(5);

export interface AbandonedExecutionSweepProps {
  readonly config: StageConfig;
  readonly worker: IFunction;
}

/**
 * Every 5 minutes, the worker sweeps tasks left `executing` when every delivery of Confirm's
 * work item died, which no retry and no click (the buttons say "Working…") would ever resume.
 */
export class AbandonedExecutionSweep extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: AbandonedExecutionSweepProps) {
    super(scope, id);
    const sweep: WorkItem = { kind: 'sweep' };
    this.rule = new Rule(this, 'Schedule', {
      ruleName: sweepRuleName(props.config.stage),
      description: 'Invokes the worker with { "kind": "sweep" }: resumes or hands back tasks whose worker stopped.',
      schedule: Schedule.rate(SWEEP_INTERVAL),
      targets: [
        new LambdaFunction(props.worker, {
          event: RuleTargetInput.fromObject(sweep),
          // An invoke EventBridge could not deliver in time is replaced by the next sweep.
          maxEventAge: SWEEP_INTERVAL,
          retryAttempts: 2,
        }),
      ],
    });
  }
}
