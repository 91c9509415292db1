import type { FlagValues } from '../../../contract/flags';
import { createMeteredLlm, type MeteredLlmDeps } from '../../../llm/metered-completion';
import type { IntentParseContext, IntentParser, ParseOutcome } from '../intent';
import type { SiteMap } from '../site-map';
import { readAnswer } from './answer';
import { buildIntentRequest } from './prompt';

/** Longer descriptions go to the rules parser: they cost more and are rarely one change. */
export const MAX_LLM_DESCRIPTION_CHARS = 1000;

export interface LlmIntentParserDeps extends MeteredLlmDeps {
  /** The deterministic plain-language parser that answers whenever the model does not. */
  fallback: IntentParser;
}

/**
 * The model-backed plain-language parser: with `use-llm-parsing` on, the provider and model
 * from the flags turn the words into an intent within the daily budget; in every other case
 * (off, no key, no budget, timeout, error, unusable answer) `fallback` answers. Each outcome
 * names the parser that answered; `note` says why the rules answered ("LLM parsing is off.")
 * or which model answered at what cost ("gpt-5.4-nano, $0.0003."). Flags come from
 * `context.flags`. `name` is the fallback's: the parser that can always answer.
 */
export function createLlmIntentParser(deps: LlmIntentParserDeps): IntentParser {
  const llm = createMeteredLlm(deps);

  const fallBack = async (why: string, text: string, siteMap: SiteMap, context: IntentParseContext | undefined, reason?: string): Promise<ParseOutcome> => {
    if (reason) llm.fallback(reason);
    const outcome = await deps.fallback.parse(text, siteMap, context);
    return { ...outcome, note: `${why}${outcome.note ? ` ${outcome.note}` : ''}` };
  };

  return {
    name: deps.fallback.name,
    async parse(text, siteMap, context) {
      const flags: FlagValues | undefined = context?.flags;
      if (!flags || !flags['use-llm-parsing']) return fallBack('LLM parsing is off.', text, siteMap, context);
      if (text.length > MAX_LLM_DESCRIPTION_CHARS) {
        return fallBack(`The description is longer than ${MAX_LLM_DESCRIPTION_CHARS} characters.`, text, siteMap, context, 'too-long');
      }
      const result = await llm.complete(
        flags,
        (model, reasoning) => buildIntentRequest(siteMap, text, model, reasoning, context?.pageTexts, context?.pages),
        (output, provider) => {
          const reading = readAnswer(output, siteMap, provider);
          return reading.ok ? { ok: true, value: reading.outcome, outcome: reading.outcome.kind } : { ok: false, reason: reading.reason };
        },
      );
      // The metered call has already counted its own fallbacks.
      if (!result.ok) return fallBack(result.why, text, siteMap, context);
      return { ...result.value, note: result.note };
    },
  };
}
