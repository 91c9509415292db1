/**
 * `npm run release -- --stage prod`: deploys the checked-out commit and, once `cdk deploy` succeeded, tags it
 * `release/<stage>/<YYYY-MM-DD>-<short sha>`. Those tags are what the rollback procedure deploys (docs/runbook.md).
 */
import { execFileSync } from 'node:child_process';
import { requireAwsCredentials, runCdk } from './cdk-cli';
import { OperatorError, parseOperatorArgs, requireStage, runOperatorCommand, usageLine, type CommandHelp } from './operator-command';

const HELP: CommandHelp = {
  command: 'npm run release',
  synopsis: '--stage <dev|prod> [-- <cdk deploy options>]',
  summary:
    'Deploys the checked-out commit (cdk deploy --context stage=<stage>) and, when the deploy succeeds, tags that commit release/<stage>/<YYYY-MM-DD>-<short sha>: the tags the rollback procedure deploys from.',
  options: [['--stage <dev|prod>', 'The stage to deploy and tag.']],
  notes: [
    'Refuses a working tree with uncommitted or untracked files (the tag would name code that was not deployed).',
    'Options after a second "--" go to cdk deploy (e.g. --context alertEmail=oncall@example.com, --require-approval never).',
    'Push the tag afterwards (the command is printed) so every operator can roll back to it. The list, newest first:',
    "  git tag --list 'release/prod/*' --sort=-creatordate",
  ],
  examples: ['npm run release -- --stage prod', 'npm run release -- --stage dev -- --context alertEmail=oncall@example.com'],
};

/** git in the current folder; its own error text becomes the sentence's reason. */
function git(args: readonly string[]): string {
  try {
    return execFileSync('git', [...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd(); // porcelain lines start with a space
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new OperatorError(`git ${args.join(' ')} failed (${stderr.split('\n')[0] || (error as Error).message}); run npm run release from a clone of this repository.`);
  }
}

/** A tag a person can read and sort: the UTC day of the deploy and the commit. */
const releaseTagName = (stage: string, day: Date, shortSha: string): string => `release/${stage}/${day.toISOString().slice(0, 10)}-${shortSha}`;

runOperatorCommand(async () => {
  const { values, positionals, tokens } = parseOperatorArgs(process.argv.slice(2), { stage: { type: 'string' } }, HELP);
  const stage = requireStage(values.stage, HELP);
  const terminator = tokens.findIndex((token) => token.kind === 'option-terminator');
  const beforeTerminator = terminator < 0 ? tokens : tokens.slice(0, terminator);
  if (beforeTerminator.some((token) => token.kind === 'positional')) {
    throw new OperatorError(`Unexpected argument "${positionals[0]}"; cdk deploy options go after a second "--", usage: ${usageLine(HELP)}.`);
  }
  const deployOptions = positionals;
  if (deployOptions.some((arg) => /^stage=|^--context=stage=/.test(arg))) {
    throw new OperatorError('Give the stage with --stage only (release passes --context stage=<stage> to cdk deploy itself).');
  }

  const sha = git(['rev-parse', 'HEAD']);
  const changed = git(['status', '--porcelain']).split('\n').filter(Boolean);
  if (changed.length > 0) {
    const files = changed.slice(0, 3).map((line) => line.slice(3)).join(', ');
    throw new OperatorError(
      `The working tree has ${changed.length} uncommitted or untracked file(s) (${files}${changed.length > 3 ? ', …' : ''}), so a release tag would name code that was not deployed; commit or stash them, then run it again.`,
    );
  }
  // An annotated tag needs a name and e-mail; find out before deploying, not after.
  git(['var', 'GIT_COMMITTER_IDENT']);

  await requireAwsCredentials('npm run release', deployOptions);
  const code = await runCdk(['deploy', '--context', `stage=${stage}`, ...deployOptions]);
  if (code !== 0) {
    process.stderr.write(`cdk deploy exited with ${code}: nothing was tagged. If the stack is rolling back, see "Scenario 1" in docs/runbook.md.\n`);
    return code;
  }

  const previous = git(['tag', '--list', `release/${stage}/*`, '--sort=-creatordate']).split('\n').filter(Boolean)[0];
  const tag = releaseTagName(stage, new Date(), git(['rev-parse', '--short', 'HEAD']));
  const existing = git(['tag', '--list', tag]);
  if (existing === '') {
    git(['tag', '--annotate', tag, '--message', `Deployed to valine-orchestrator-${stage} at ${new Date().toISOString()}`, sha]);
    process.stdout.write(`Tagged ${sha.slice(0, 12)} as ${tag}. Push it so others can roll back to it: git push origin ${tag}\n`);
  } else {
    process.stdout.write(`${tag} already names this commit (deployed earlier today); nothing new to tag.\n`);
  }
  if (previous && previous !== tag) process.stdout.write(`The release before it, the rollback target: ${previous}\n`);
  return 0;
});
