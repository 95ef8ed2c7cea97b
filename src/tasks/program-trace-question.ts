/** @module The surface of a program-tracing question: `What does this program print?` then a Python program, one statement a line. */

/** The question's first line as the generator writes it. */
export const PROGRAM_QUESTION_HEADER = 'What does this program print?';

const HEADER_PATTERN =
  /^\s*(?:what does|what will) (?:this|the following|the) (?:python )?(?:program|code|script)(?: snippet)? (?:print|output)\s*\??\s*:?\s*$/i;

/** True when the text asks what a program prints and the program follows on the next lines. */
export function isProgramQuestion(text: string): boolean {
  const newline = text.indexOf('\n');
  return newline > 0 && HEADER_PATTERN.test(text.slice(0, newline).replace(/\r$/, '')) && /\S/.test(text.slice(newline));
}

const indentOf = (line: string): number => /^ */.exec(line)?.[0].length ?? 0;

/**
 * The canonical question: the generator's header, then the program without code fences, blank lines, trailing spaces
 * or a common indent (tabs become 4 spaces); the line structure Python needs is kept, unlike other questions' spaces.
 */
export function normalizeProgramQuestion(text: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/\t/g, '    ').replace(/\s+$/, ''))
    .filter((line) => line !== '' && !/^\s*```/.test(line));
  const common = Math.min(...lines.map(indentOf));
  return [PROGRAM_QUESTION_HEADER, ...lines.map((line) => line.slice(common))].join('\n');
}

/** The program of a program-tracing question, or undefined when the text is not one. */
export function programOf(question: string): string | undefined {
  if (!isProgramQuestion(question)) return undefined;
  const program = normalizeProgramQuestion(question).split('\n').slice(1).join('\n');
  return program === '' ? undefined : program;
}

/** A key that ignores spacing inside lines and the indent width (`s=s+1` = `s = s + 1`), keeping the block structure. */
export function programKey(question: string): string | undefined {
  const program = programOf(question);
  if (program === undefined) return undefined;
  const widths = [...new Set(program.split('\n').map(indentOf))].sort((a, b) => a - b);
  return program
    .split('\n')
    .map((line) => `${widths.indexOf(indentOf(line))}${line.replace(/\s+/g, '')}`)
    .join(';');
}
