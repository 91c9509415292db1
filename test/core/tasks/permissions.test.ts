import { UX_AGENT_PROFILE } from '../../../lambda/core/agents/ux/profile';
import { defaultFlagValues, type FlagValues } from '../../../lambda/core/contract/flags';
import { mayCancel, mayConfirm, mayPick, mayRequest, type FlagLocator } from '../../../lambda/core/tasks/permissions';
import { rolesOf } from '../../../lambda/core/domain/roles';

const locate: FlagLocator = (flag) => `the SSM parameter /valine/prod/flags/${flag}`;
const flags = (values: Partial<FlagValues> = {}): FlagValues => ({ ...defaultFlagValues('prod'), ...values });
const person = (id: string, roles: string[] = []) => ({ id, name: `user ${id}`, roles });

const ALICE = person('100000000000000001');
const TEAM_ROLE = '900000000000000009';

describe('role resolution', () => {
  it('grants a role by user id or by Discord role id, adds them up, and everyone is a contributor', () => {
    const team = flags({ 'admin-user-ids': [ALICE.id], 'pm-role-ids': [TEAM_ROLE], 'developer-user-ids': [ALICE.id] });
    expect(rolesOf(ALICE, team)).toEqual(['admin', 'developer', 'contributor']);
    expect(rolesOf(person('200000000000000002', [TEAM_ROLE]), team)).toEqual(['pm', 'contributor']);
    expect(rolesOf(person('300000000000000003', ['111111111111111111']), team)).toEqual(['contributor']);
  });

  it('ships with no one holding a role in either stage, and the second approver on in prod only', () => {
    for (const stage of ['dev', 'prod'] as const) expect(rolesOf(ALICE, defaultFlagValues(stage))).toEqual(['contributor']);
    expect(defaultFlagValues('prod')['require-second-approver']).toBe(true);
    expect(defaultFlagValues('dev')['require-second-approver']).toBe(false);
  });
});

describe('what the UX Agent lets each role do', () => {
  const task = { requesterId: ALICE.id, requesterName: 'Alice' };

  it('lets everyone request, and only admin, pm or developer confirm', () => {
    const team = flags({ 'pm-user-ids': ['200000000000000002'], 'require-second-approver': false });
    expect(mayRequest(UX_AGENT_PROFILE, ALICE, team, locate)).toEqual({ allowed: true });
    expect(mayConfirm(UX_AGENT_PROFILE, person('200000000000000002'), task, team, locate)).toEqual({ allowed: true });
    const refused = mayConfirm(UX_AGENT_PROFILE, ALICE, task, team, locate);
    expect(refused).toEqual({
      allowed: false,
      message:
        "Only admin, pm or developer may confirm UX Agent's changes, and you are a contributor. Ask someone who holds one of those roles to click Confirm; or, to get one, " +
        'ask an operator to add your user id (100000000000000001) to the SSM parameter /valine/prod/flags/admin-user-ids or the SSM parameter /valine/prod/flags/pm-user-ids or the SSM parameter /valine/prod/flags/developer-user-ids, ' +
        'or one of your Discord roles to the SSM parameter /valine/prod/flags/admin-role-ids or the SSM parameter /valine/prod/flags/pm-role-ids or the SSM parameter /valine/prod/flags/developer-role-ids.',
    });
  });

  it('secure by default: with no roles configured nobody can confirm, and the operator is told which flags to set', () => {
    const refused = mayConfirm(UX_AGENT_PROFILE, ALICE, { requesterId: '5' }, flags(), locate);
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.message).toBe(
      "Nobody may confirm UX Agent's changes yet: no admin, pm or developer is configured. An operator must set the SSM parameter /valine/prod/flags/admin-user-ids or the SSM parameter /valine/prod/flags/pm-user-ids or the SSM parameter /valine/prod/flags/developer-user-ids (comma-separated Discord user ids) " +
        'or the SSM parameter /valine/prod/flags/admin-role-ids or the SSM parameter /valine/prod/flags/pm-role-ids or the SSM parameter /valine/prod/flags/developer-role-ids (comma-separated role ids).',
    );
  });

  it('names the roles and flags when an agent keeps requests to some roles', () => {
    const releases = { name: 'Release Agent', roles: { request: ['admin', 'developer'], confirm: ['admin'] } } as const;
    const message = (permission: ReturnType<typeof mayRequest>) => (permission.allowed ? '' : permission.message);
    expect(message(mayRequest(releases, ALICE, flags({ 'admin-user-ids': ['400000000000000004'] }), locate))).toBe(
      'Only admin or developer may ask Release Agent for work, and you are a contributor. To get one of those roles, ask an operator to add your user id (100000000000000001) to ' +
        'the SSM parameter /valine/prod/flags/admin-user-ids or the SSM parameter /valine/prod/flags/developer-user-ids, or one of your Discord roles to the SSM parameter /valine/prod/flags/admin-role-ids or the SSM parameter /valine/prod/flags/developer-role-ids.',
    );
    expect(message(mayRequest(releases, ALICE, flags(), locate))).toMatch(/^Nobody may ask Release Agent for work yet: no admin or developer is configured\. An operator must set /);
    expect(message(mayRequest(releases, person('500000000000000005', [TEAM_ROLE]), flags({ 'pm-role-ids': [TEAM_ROLE], 'admin-user-ids': ['4000000'] }), locate))).toMatch(
      /^Only admin or developer may ask Release Agent for work, and you hold the role pm\./,
    );
  });

  it('with a second approver required, refuses the requester\'s own Confirm but not their pick or cancel', () => {
    const team = flags({ 'developer-user-ids': [ALICE.id] });
    const own = mayConfirm(UX_AGENT_PROFILE, ALICE, task, team, locate);
    expect(!own.allowed && own.message).toBe(
      'This change needs a second approver: someone else who may confirm (roles admin, pm or developer) must click Confirm. ' +
        'You asked for it, and while the SSM parameter /valine/prod/flags/require-second-approver is true a requester cannot approve their own change.',
    );
    expect(mayPick(UX_AGENT_PROFILE, ALICE, task, team, locate)).toEqual({ allowed: true });
    expect(mayCancel(UX_AGENT_PROFILE, ALICE, task, team)).toEqual({ allowed: true });
    expect(mayConfirm(UX_AGENT_PROFILE, ALICE, { requesterId: '600000000000000006' }, team, locate)).toEqual({ allowed: true });
  });
});
