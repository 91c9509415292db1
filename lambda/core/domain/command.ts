/**
 * The slash commands, defined once: the router answers them and `npm run register-commands`
 * registers them with Discord from these same definitions.
 */
export interface CommandOptionDefinition {
  readonly name: string;
  readonly description: string;
  /** Only string options are used; Discord type 3. */
  readonly type: 'string';
  readonly required: boolean;
  readonly maxLength: number;
  /** Discord asks the bot for suggestions while it is typed (answered from the site outline the worker keeps). */
  readonly autocomplete?: boolean;
}

export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly options: readonly CommandOptionDefinition[];
  /** `agent`: the roles the answering agent lets request (its profile's `roles.request`); `everyone`: anyone. */
  readonly audience: 'everyone' | 'agent';
  /** A boolean flag that must be on for the command to be offered and answered. */
  readonly enabledBy?: 'enable-debug-cmd';
  /** Options that are each optional but of which at least one is needed, and how to write the command. */
  readonly atLeastOneOf?: { readonly options: readonly string[]; readonly usage: string };
}
