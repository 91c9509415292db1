/**
 * Whether the AWS SDK's default credential chain (the one the CDK CLI uses) has anything to work with, decided
 * offline from the environment, the shared config files and the SSO token cache: no request to AWS or to the
 * instance metadata service. It answers "nothing is configured", not "the credentials are valid".
 */
import { existsSync, readFileSync } from 'node:fs';
import { getSSOTokenFilepath, loadSharedConfigFiles } from '@smithy/core/config';

export type CredentialCheck = { readonly found: true; readonly source: string } | { readonly found: false; readonly problem: string };

type Profile = Readonly<Record<string, string | undefined>>;

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * @param profileOption the CLI's `--profile <name>`, which the CDK prefers over AWS_PROFILE.
 */
export async function findAwsCredentials(env: NodeJS.ProcessEnv, profileOption?: string): Promise<CredentialCheck> {
  const profileName = profileOption ?? [env.AWS_PROFILE, env.AWS_DEFAULT_PROFILE].find(set);
  // Like the CDK: `--profile` is all it reads; otherwise keys in the environment win over any profile.
  if (profileOption === undefined) {
    const keyId = [env.AWS_ACCESS_KEY_ID, env.AMAZON_ACCESS_KEY_ID].find(set);
    const secret = [env.AWS_SECRET_ACCESS_KEY, env.AMAZON_SECRET_ACCESS_KEY].find(set);
    if (keyId && secret) return { found: true, source: 'AWS_ACCESS_KEY_ID' };
    if (profileName === undefined && (keyId || secret)) {
      const missing = keyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
      return { found: false, problem: `${missing} is not set while its partner is; export both (or unset both and set AWS_PROFILE), then run it again.` };
    }
    if (set(env.AWS_WEB_IDENTITY_TOKEN_FILE) && set(env.AWS_ROLE_ARN)) return { found: true, source: 'AWS_WEB_IDENTITY_TOKEN_FILE' };
    if (set(env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) || set(env.AWS_CONTAINER_CREDENTIALS_FULL_URI)) return { found: true, source: 'the container credentials endpoint' };
  }

  const name = profileName ?? 'default';
  const where = `${set(env.AWS_CONFIG_FILE) ? env.AWS_CONFIG_FILE : '~/.aws/config'} or ${set(env.AWS_SHARED_CREDENTIALS_FILE) ? env.AWS_SHARED_CREDENTIALS_FILE : '~/.aws/credentials'}`;
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  // The config file also holds [sso-session …] and [services …] sections, which the loader keys with a dot.
  const profileNames = [...new Set([...Object.keys(files.configFile), ...Object.keys(files.credentialsFile)])].filter((key) => !/^(sso-session|services)\./.test(key));
  const merged = (profileKey: string): Profile | undefined =>
    files.configFile[profileKey] || files.credentialsFile[profileKey] ? { ...files.configFile[profileKey], ...files.credentialsFile[profileKey] } : undefined;
  const profile = merged(name);
  if (profile) {
    const problem = profileProblem(name, profile, merged, new Set([name]), where);
    return problem === undefined ? { found: true, source: `profile ${name}` } : { found: false, problem };
  }
  if (profileName !== undefined) {
    const known = profileNames;
    return {
      found: false,
      problem: `The AWS profile "${name}" is not in ${where} (${known.length > 0 ? `profiles there: ${known.join(', ')}` : 'no profiles there'}); run aws configure sso --profile ${name} (or aws configure --profile ${name}), or set AWS_PROFILE to one that exists, then run it again.`,
    };
  }
  if (env.AWS_EC2_METADATA_DISABLED !== 'true' && looksLikeEc2()) return { found: true, source: 'the EC2 instance profile' };
  return {
    found: false,
    problem:
      `No AWS credentials are configured (no AWS_PROFILE, no AWS_ACCESS_KEY_ID, no default profile in ${where}); set AWS_PROFILE to a profile that reaches the account (after aws configure sso, run aws sso login), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run it again.`,
  };
}

/** Why a profile cannot give credentials without a login first, or undefined when it can. */
function profileProblem(name: string, profile: Profile, lookUp: (name: string) => Profile | undefined, seen: Set<string>, where: string): string | undefined {
  if (set(profile.aws_access_key_id) && set(profile.aws_secret_access_key)) return undefined;
  if (set(profile.credential_process) || set(profile.login_session) || set(profile.web_identity_token_file)) return undefined;
  if (set(profile.role_arn) && set(profile.credential_source)) return undefined;
  if (set(profile.role_arn) && set(profile.source_profile)) {
    const sourceName = profile.source_profile;
    if (sourceName === name) return `The AWS profile "${name}" names itself as source_profile but holds no keys; fix ${where}, then run it again.`;
    const source = lookUp(sourceName);
    if (!source) return `The AWS profile "${name}" assumes its role from source_profile "${sourceName}", which is not in ${where}; add it, then run it again.`;
    if (seen.has(sourceName)) return `The AWS profiles ${[...seen].join(' → ')} → ${sourceName} form a loop of source_profile; fix ${where}, then run it again.`;
    return profileProblem(sourceName, source, lookUp, new Set([...seen, sourceName]), where);
  }
  const ssoCacheKey = set(profile.sso_session) ? profile.sso_session : profile.sso_start_url;
  if (set(ssoCacheKey)) {
    // The SDK reads the token `aws sso login` cached (and refreshes it if it can); no cache file means no login yet.
    return existsSync(getSSOTokenFilepath(ssoCacheKey))
      ? undefined
      : `The AWS profile "${name}" uses SSO but has no login cached; run aws sso login --profile ${name}, then run it again.`;
  }
  return `The AWS profile "${name}" holds no credentials (no keys, role, SSO or credential_process); run aws configure sso --profile ${name} (or aws configure --profile ${name}), then run it again.`;
}

/** The CDK CLI's own offline EC2 test (board asset tag or hypervisor uuid), so an instance profile is not refused. */
function looksLikeEc2(): boolean {
  const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8').trim().toLowerCase() : '');
  try {
    return read('/sys/devices/virtual/dmi/id/board_asset_tag').startsWith('i-') || read('/sys/hypervisor/uuid').startsWith('ec2');
  } catch {
    return false;
  }
}

/** The region the CDK would use from the environment or the profile, or undefined when it would fall back to us-east-1. */
export async function configuredRegion(env: NodeJS.ProcessEnv, profileOption?: string): Promise<string | undefined> {
  const fromEnv = [env.AWS_REGION, env.AMAZON_REGION, env.AWS_DEFAULT_REGION, env.AMAZON_DEFAULT_REGION].find(set);
  if (fromEnv) return fromEnv;
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  const name = profileOption ?? [env.AWS_PROFILE, env.AWS_DEFAULT_PROFILE].find(set) ?? 'default';
  return [files.configFile[name]?.region, files.credentialsFile[name]?.region, files.configFile.default?.region].find(set);
}
