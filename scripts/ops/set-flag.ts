/**
 * Sets one feature flag in SSM: `npm run set-flag -- --stage prod use-llm-parsing false`.
 * Validates the name and the value against the shared flag contract before writing.
 */
import { GetParameterCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { FLAG_CACHE_SECONDS } from '../../lambda/core/adapters/cached-flags';
import { FLAG_DEFINITIONS, FLAG_NAMES, isFlagName, parseFlag } from '../../lambda/core/contract/flags';
import { flagParameterName } from '../../lambda/core/contract/parameters';
import { OperatorError, parseOperatorArgs, requireStage, runOperatorCommand, usageLine, type CommandHelp } from './operator-command';

const HELP: CommandHelp = {
  command: 'npm run set-flag',
  synopsis: '--stage <dev|prod> <flag-name> <value>',
  summary: `Sets one feature flag (the SSM String /valine/<stage>/flags/<flag-name>) after checking the value against the flag contract; running functions pick it up within ${FLAG_CACHE_SECONDS} seconds, no redeploy.`,
  options: [['--stage <dev|prod>', 'The stage whose flag it is.']],
  notes: [
    'Prints the previous value. Needs AWS credentials (AWS_PROFILE, AWS_REGION).',
    '',
    'Flags:',
    ...FLAG_NAMES.map((name) => `  ${name}: ${FLAG_DEFINITIONS[name].description}`),
  ],
  examples: [
    'npm run set-flag -- --stage prod use-llm-parsing false',
    'npm run set-flag -- --stage dev developer-role-ids 345678901234567890',
  ],
};
const USAGE = usageLine(HELP);

runOperatorCommand(async () => {
  const { values, positionals } = parseOperatorArgs(process.argv.slice(2), { stage: { type: 'string' } }, HELP);
  const stage = requireStage(values.stage, HELP);
  const [name, value, ...extra] = positionals;
  if (name === undefined || value === undefined || extra.length > 0) {
    throw new OperatorError(`Expected a flag name and one value; usage: ${USAGE}.`);
  }
  if (!isFlagName(name)) throw new OperatorError(`Unknown flag "${name}"; flags: ${FLAG_NAMES.join(', ')}.`);
  const parsed = parseFlag(name, value);
  if (!parsed.ok) {
    throw new OperatorError(`"${value}" is not a valid value for ${name} (${parsed.problem}); ${FLAG_DEFINITIONS[name].description}`);
  }

  const ssm = new SSMClient({});
  const parameterName = flagParameterName(stage, name);
  const previous = await ssm
    .send(new GetParameterCommand({ Name: parameterName }))
    .then((r) => r.Parameter?.Value)
    .catch((error: unknown) => {
      if (error instanceof ParameterNotFound) return undefined;
      throw error;
    });
  const { Version } = await ssm.send(new PutParameterCommand({ Name: parameterName, Value: value, Type: 'String', Overwrite: true }));
  const was = previous === undefined ? 'not set before' : `was ${previous}`;
  process.stdout.write(`Set ${parameterName} = ${value} (${was}; version ${Version}); running functions pick it up within ${FLAG_CACHE_SECONDS} seconds.\n`);
});
