/** A screenshot that could not be taken; `message` is a sentence for the requester (what failed and why). */
export class ScreenshotError extends Error {}

/** No Chromium on this machine: the message says how to install one or where to point CHROMIUM_PATH. */
export class ChromiumNotFoundError extends ScreenshotError {}
