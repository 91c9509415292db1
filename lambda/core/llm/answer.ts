import { z } from 'zod';
import { plainText, shorten } from '../domain/discord-text';
import type { ParseOutcome, ParserName, UxIntent } from '../agents/ux/intent';
import type { SiteMap } from '../agents/ux/site-map';
import { sectionList, validateIntent } from '../agents/ux/validate';

const QUESTION_MAX_LENGTH = 300;

/** The model's answer (see ANSWER_SCHEMA); unknown keys are refused, missing nulls and lists tolerated. */
const answerSchema = z
  .object({
    kind: z.enum(['edit', 'clarification']),
    section: z.string().nullish(),
    changes: z.array(z.object({ property: z.string(), value: z.string() }).strict()).max(20).default([]),
    addLinks: z.array(z.object({ label: z.string(), href: z.string() }).strict()).max(10).default([]),
    question: z.string().nullish(),
  })
  .strict();

export type AnswerReading =
  | { ok: true; outcome: Extract<ParseOutcome, { kind: 'intent' | 'clarification' }> }
  | { ok: false; reason: string };

/**
 * Turns the model's answer into an outcome. The intent goes through the UX Agent's own
 * validation: a section, property or value outside the site map becomes a clarification.
 */
export function readAnswer(output: unknown, siteMap: SiteMap, parser: ParserName): AnswerReading {
  const parsed = answerSchema.safeParse(output);
  if (!parsed.success) return { ok: false, reason: 'it was not in the expected shape' };
  const answer = parsed.data;
  const askAgain = `Which part of the site should change, and how? Sections: ${sectionList(siteMap)}.`;
  if (answer.kind === 'clarification' || !answer.section) {
    const question = oneLine(answer.question ?? '');
    // The model's words reach the channel: shown as plain text, never as links or formatting.
    return { ok: true, outcome: { kind: 'clarification', question: question ? plainText(shorten(question, QUESTION_MAX_LENGTH)) : askAgain, parser } };
  }
  const intent: UxIntent = {
    section: answer.section,
    changes: answer.changes,
    ...(answer.addLinks.length > 0 ? { addLinks: answer.addLinks } : {}),
  };
  const validation = validateIntent(intent, siteMap);
  if (!validation.ok) {
    return { ok: true, outcome: { kind: 'clarification', question: `${validation.message.replace(/([^.?!])$/, '$1.')} What should change instead?`, parser } };
  }
  const { section, changes, addLinks } = validation.intent;
  return {
    ok: true,
    outcome: {
      kind: 'intent',
      intent: {
        section,
        changes: changes.map(({ property, requested }) => ({ property, value: requested })),
        ...(addLinks.length > 0 ? { addLinks } : {}),
      },
      parser,
    },
  };
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
