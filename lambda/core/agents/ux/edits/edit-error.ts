/** An edit could not be made; the message names the file and what was looked for. */
export class EditError extends Error {}
