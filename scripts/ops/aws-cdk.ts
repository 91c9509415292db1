/**
 * `npm run diff` and `npm run deploy`: the CDK CLI's `diff` / `deploy` with every argument passed on, after an
 * offline check that AWS credentials are configured (aws-credentials.ts). `npx cdk diff` skips the check.
 */
import { helpText, HelpRequested, OperatorError, runOperatorCommand, type CommandHelp } from './operator-command';
import { requireAwsCredentials, runCdk } from './cdk-cli';

const SUBCOMMANDS = ['diff', 'deploy'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const HELP: Record<Subcommand, CommandHelp> = {
  diff: {
    command: 'npm run diff',
    synopsis: '[--context stage=<dev|prod>] [any cdk diff option]',
    summary: 'Shows what a deploy would change in the deployed stack (cdk diff), after checking that AWS credentials are configured.',
    options: [
      ['--context stage=<dev|prod>', 'The stage to compare (default dev). Always with "=": "--context stage" alone is dropped by the CDK.'],
      ['--profile <name>', 'The AWS profile to use instead of AWS_PROFILE.'],
      ['--method template', 'Compare templates only (no change set); what the pull-request workflow uses.'],
    ],
    notes: [
      'Every other argument goes to cdk diff unchanged (npx cdk diff --help lists them). Credentials are looked for',
      'offline, as the AWS SDK would find them: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE (or --profile) in',
      '~/.aws/config or ~/.aws/credentials (SSO after aws sso login), web identity, a container or EC2 instance role.',
    ],
    examples: ['npm run diff -- --context stage=prod', 'AWS_PROFILE=valine-prod npm run diff -- --context stage=prod --method template'],
  },
  deploy: {
    command: 'npm run deploy',
    synopsis: '[--context stage=<dev|prod>] [any cdk deploy option]',
    summary: 'Deploys the stack (cdk deploy), after checking that AWS credentials are configured. npm run release also tags the deployed commit for rollback.',
    options: [
      ['--context stage=<dev|prod>', 'The stage to deploy (default dev). Always with "=": "--context stage" alone is dropped by the CDK.'],
      ['--context alertEmail=<address>', 'Subscribe an e-mail address to the alarm topic.'],
      ['--profile <name>', 'The AWS profile to use instead of AWS_PROFILE.'],
    ],
    notes: ['Every other argument goes to cdk deploy unchanged (npx cdk deploy --help lists them).'],
    examples: ['npm run deploy -- --context stage=dev', 'npm run release -- --stage prod        # deploy and tag release/prod/<date>-<sha>'],
  },
};

runOperatorCommand(async () => {
  const [subcommand, ...cdkArgs] = process.argv.slice(2);
  if (!SUBCOMMANDS.includes(subcommand as Subcommand)) {
    throw new OperatorError(`scripts/ops/aws-cdk.ts runs ${SUBCOMMANDS.join(' or ')}, not "${subcommand ?? ''}"; use npm run diff or npm run deploy.`);
  }
  const help = HELP[subcommand as Subcommand];
  if (cdkArgs.includes('--help') || cdkArgs.includes('-h')) throw new HelpRequested(helpText(help));
  await requireAwsCredentials(`cdk ${subcommand}`, cdkArgs);
  return runCdk([subcommand!, ...cdkArgs]);
});
