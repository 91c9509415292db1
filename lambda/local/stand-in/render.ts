import { EPHEMERAL, type Button, type DiscordMessage, type StringSelect } from '../../core/domain/discord-message';

/** A button as the stand-in draws it: whatever Discord would show (the payload check of the tests validates what is sent). */
type DrawnButton = Partial<Pick<Button, 'style' | 'label' | 'disabled' | 'url' | 'custom_id'>> & { type: 2 };
/** A message as the stand-in draws it. */
export type DrawnMessage = Omit<DiscordMessage, 'components'> & { components?: ReadonlyArray<{ type: 1; components: ReadonlyArray<DrawnButton | StringSelect> }> };

const isSelect = (component: DrawnButton | StringSelect): component is StringSelect => component.type === 3;

/** A select menu as Discord lists it once opened, numbered for `npm run discord -- --pick <n>`. */
function selectLines(select: StringSelect): string[] {
  const lines = [`│ [ ${select.placeholder ?? 'Select…'} ▾ ]${select.disabled ? ' (disabled)' : ''}`];
  select.options.forEach((option, index) => {
    lines.push(`│   ${index + 1}. ${option.label}`);
    if (option.description) lines.push(`│      ${option.description}`);
  });
  return lines;
}

/** What a Discord user would see, as plain text for a terminal. */
export function renderMessage(message: DrawnMessage, heading = 'Valine'): string {
  const lines: string[] = [];
  const ephemeral = ((message.flags ?? 0) & EPHEMERAL) !== 0;
  lines.push(`┌─ ${heading}${ephemeral ? ' (only you can see this)' : ''}`);
  for (const line of (message.content ?? '').split('\n')) if (message.content) lines.push(`│ ${line}`);
  for (const embed of message.embeds ?? []) {
    if (embed.title) lines.push(`│ ▌ ${embed.title}${embed.url ? ` <${embed.url}>` : ''}`);
    for (const line of (embed.description ?? '').split('\n')) if (embed.description) lines.push(`│ ▌ ${line}`);
    for (const field of embed.fields ?? []) {
      lines.push(`│ ▌ ${field.name}`);
      for (const line of field.value.split('\n')) lines.push(`│ ▌   ${line}`);
    }
    if (embed.footer?.text) lines.push(`│ ▌ ${embed.footer.text}`);
  }
  for (const row of message.components ?? []) {
    const buttons: DrawnButton[] = [];
    for (const component of row.components) {
      if (isSelect(component)) lines.push(...selectLines(component));
      else buttons.push(component);
    }
    if (buttons.length > 0) {
      lines.push(`│ ${buttons.map((b) => `[ ${b.label}${b.disabled ? ' (disabled)' : ''} ]${b.url ? ` <${b.url}>` : ''}`).join(' ')}`);
    }
  }
  lines.push('└─');
  return lines.join('\n');
}
