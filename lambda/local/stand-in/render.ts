import { EPHEMERAL, type DiscordMessage } from '../../core/domain/discord-message';

/** What a Discord user would see, as plain text for a terminal. */
export function renderMessage(message: DiscordMessage, heading = 'Valine'): string {
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
  const buttons = (message.components ?? []).flatMap((row) => row.components);
  if (buttons.length > 0) {
    lines.push(`│ ${buttons.map((b) => `[ ${b.label}${b.disabled ? ' (disabled)' : ''} ]${b.url ? ` <${b.url}>` : ''}`).join(' ')}`);
  }
  lines.push('└─');
  return lines.join('\n');
}
