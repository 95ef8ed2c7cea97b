/** @module The embedded model's text handling: prompt tokens with the thinking prefill, output splitting, answer confidence. */
import { lastUserText, type Message, type Warning } from '../../spec/index.js';
import { extractArithmeticExpression } from '../../tasks/arithmetic-trace.js';
import { ANSWER_PREFIX, normalizeQuestion, THINK_CLOSE, THINK_OPEN } from '../../tasks/format.js';
import { BOS_ID, decodeTokens, encodeText } from './vocab.js';

/** The answer given, without generating, to a question outside the embedded models' tasks. */
export const OUT_OF_DOMAIN_ANSWER =
  "I am slowthink's small embedded model: I only know integer arithmetic (for example `What is 347*58?`), " +
  'Countdown (`Use 3, 7, 25, 50 to make 65.`), physics word problems with units and what a short Python program ' +
  'prints. For other questions, connect a general model: ' +
  '`--model openai:gpt-4o-mini` with OPENAI_API_KEY set, or any OpenAI-compatible server with SLOWTHINK_OPENAI_BASE_URL ' +
  '(for example a local llama.cpp or vLLM server).';

/** The answer given, without generating, to a question of a known task that is outside what the model was trained on. */
export function declineAnswer(reason: string): string {
  return (
    `I can't answer this reliably: ${reason}. ` +
    'For questions beyond that, connect a general model: `--model openai:gpt-4o-mini` with OPENAI_API_KEY set, or any ' +
    'OpenAI-compatible server with SLOWTHINK_OPENAI_BASE_URL.'
  );
}

/** The question the embedded model answers: the last user message, normalised; system messages are dropped with a warning. */
export function questionOf(messages: readonly Message[], warnings: Warning[]): string {
  if (messages.some((message) => message.role === 'system' || message.role === 'developer'))
    warnings.push({
      type: 'unsupported',
      feature: 'system',
      message: 'The embedded model ignores system messages (it was trained on bare questions).',
    });
  const question = normalizeQuestion(lastUserText(messages));
  // An arithmetic question is asked in the one form most of its training examples use, whatever words it came in.
  const expression = extractArithmeticExpression(question);
  return expression === undefined ? question : `What is ${expression.replace(/\s+/g, '')}?`;
}

/** Prompt tokens: BOS, `{question}\n`, then the prefill `<think>\n{prefix}` (thinking) or `<think>\n</think>\n` (direct). */
export function promptTokens(question: string, thinking: boolean, prefix: string | undefined): { tokens: number[]; prefill: string } {
  const prefill = thinking ? `${THINK_OPEN}\n${prefix ?? ''}` : `${THINK_OPEN}\n${THINK_CLOSE}\n${prefix ?? ''}`;
  return { tokens: [BOS_ID, ...encodeText(`${question}\n${prefill}`)], prefill };
}

/** Splits the text after `<think>\n` into thinking lines and the `A: …` line (empty text when no answer was written). */
export function splitCompletion(
  generated: string,
  thinking: boolean,
): { reasoning: string; text: string; answerStart: number | undefined } {
  const close = thinking ? generated.indexOf(THINK_CLOSE) : -1;
  const reasoning = thinking ? (close >= 0 ? generated.slice(0, close) : generated).replace(/^\n+|\n+$/g, '') : '';
  const after = thinking ? (close >= 0 ? generated.slice(close + THINK_CLOSE.length) : '') : generated;
  const answerMatch = /(?:^|\n)[ ]*(A:[^\n]*)/.exec(after);
  if (!answerMatch) return { reasoning, text: '', answerStart: undefined };
  const answerLine = answerMatch[1]!.trim();
  const offset = (thinking && close >= 0 ? close + THINK_CLOSE.length : 0) + answerMatch.index + answerMatch[0].indexOf('A:');
  return { reasoning, text: answerLine, answerStart: offset + ANSWER_PREFIX.length };
}

/** Mean probability of the tokens from character `answerStart` on (the answer after `A: `). */
export function answerConfidence(
  tokens: readonly number[],
  probabilities: readonly number[],
  answerStart: number | undefined,
): number | undefined {
  if (answerStart === undefined) return undefined;
  let position = 0;
  const chosen: number[] = [];
  tokens.forEach((token, index) => {
    if (position >= answerStart) chosen.push(probabilities[index]!);
    position += decodeTokens([token]).length;
  });
  return chosen.length === 0 ? undefined : chosen.reduce((sum, value) => sum + value, 0) / chosen.length;
}

/** How much of `text`'s end could be the start of `</think>` (held back until the next token decides). */
function closePrefixLength(text: string): number {
  for (let length = Math.min(THINK_CLOSE.length - 1, text.length); length > 0; length -= 1) {
    if (text.endsWith(THINK_CLOSE.slice(0, length))) return length;
  }
  return 0;
}

/**
 * Streams a completion token by token into reasoning and answer deltas that add up to the sample's `reasoning` and
 * `text`: thinking as it grows (holding back what may start `</think>` and trailing newlines, which the sample trims),
 * then the answer line.
 */
export class LiveChannels {
  private reasoningSent = 0;
  private textSent = '';
  constructor(
    private readonly thinking: boolean,
    private readonly emit: (delta: string, channel: 'reasoning' | 'text') => void,
  ) {}

  update(generated: string, final: boolean): void {
    const close = this.thinking ? generated.indexOf(THINK_CLOSE) : -1;
    if (this.thinking) {
      let visible = close >= 0 ? generated.slice(0, close) : generated;
      if (close < 0 && !final) visible = visible.slice(0, visible.length - closePrefixLength(visible));
      const body = visible.replace(/^\n+/, '').replace(/\n+$/, '');
      if (body.length > this.reasoningSent) {
        this.emit(body.slice(this.reasoningSent), 'reasoning');
        this.reasoningSent = body.length;
      }
      if (close < 0) return;
    }
    const { text } = splitCompletion(generated, this.thinking);
    if (text.length > this.textSent.length && text.startsWith(this.textSent)) {
      this.emit(text.slice(this.textSent.length), 'text');
      this.textSent = text;
    }
  }
}
