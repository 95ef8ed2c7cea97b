/** @module String-level answer cleanup: math delimiters, `\text{}` units, degrees, percent, `x =` prefixes, separators. */

/** A cleaned answer and whether it was written as a percentage. */
export interface CleanedAnswer {
  text: string;
  percent: boolean;
}

const textCommands = /\\(?:text|textbf|textit|textrm|mathrm|mathbf|mbox|operatorname)\s*\{([^{}]*)\}/g;
const spacingCommands = /\\(?:left|right|displaystyle|textstyle|big|Big|bigg|Bigg)(?![a-zA-Z])|\\[!,;: ]|\\quad|\\qquad/g;
const degreeMarks = /\^\s*\{?\s*\\circ\s*\}?|°|\\degree(?![a-zA-Z])/g;
const percentMarks = /\s*(?:\\%|%|\s+percent)\s*$/i;
const variablePrefix = /^[a-zA-Z](?:_\{?\w+\}?)?\s*=\s*(?!=)/;
const thousandsPattern = /^([+-]?)(\d{1,3}(?:([, ])\d{3})(?:\3\d{3})*)(\.\d+)?$/;
const trailingWords = /^([+-]?[\d.,/]*\d)\s+([a-zA-Z]+\.?\s*)+$/;
const mathWords = /\b(?:pi|e|i|sqrt|infinity|inf|or|and)\b/i;

/** Removes the outer `\boxed{…}` / `\fbox{…}` when it spans the whole answer. */
function unwrapBoxed(text: string): string {
  const match = /^\\(?:boxed|fbox)\s*\{([\s\S]*)\}$/.exec(text);
  if (!match) return text;
  const inner = match[1] ?? '';
  let depth = 0;
  for (const character of inner) {
    if (character === '{') depth += 1;
    else if (character === '}' && --depth < 0) return text;
  }
  return depth === 0 ? inner : text;
}

/** Removes `$…$`, `$$…$$`, `\(…\)`, `\[…\]` and a leading currency sign. */
function stripDelimiters(text: string): string {
  let result = text.trim();
  for (;;) {
    const before = result;
    const display = /^\$\$([\s\S]*)\$\$$/.exec(result) ?? /^\$([\s\S]*)\$$/.exec(result) ?? /^\\[([]([\s\S]*)\\[\])]$/.exec(result);
    if (display) result = (display[1] ?? '').trim();
    result = unwrapBoxed(result).trim();
    if (result === before) break;
  }
  return result.replace(/^\\?\$\s*(?=[\d.+-])/, '').replace(/^-\\?\$\s*(?=\d)/, '-');
}

/** Drops `\text{ cm}`-style units next to a number; unwraps text that is the whole answer (`\text{yes}`). */
function handleTextGroups(text: string): string {
  if (!text.includes('\\')) return text;
  const withoutText = text.replace(textCommands, '').trim();
  if (withoutText !== '' && /\d/.test(withoutText) && !/[a-zA-Z]$/.test(withoutText.replace(/\\[a-zA-Z]+/g, ''))) return withoutText;
  return text.replace(textCommands, (_match, inner: string) => inner);
}

/** Cleans an answer for comparison; never throws. */
export function cleanAnswer(raw: string): CleanedAnswer {
  let text = stripDelimiters(String(raw ?? ''))
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/\{,\}/g, ',')
    .replace(spacingCommands, ' ')
    .replace(degreeMarks, '');
  text = handleTextGroups(text).replace(/\\\$/g, '').trim();
  text = text.replace(/[.;!]+$/, '').trim();
  let percent = false;
  if (percentMarks.test(text)) {
    percent = true;
    text = text.replace(percentMarks, '').trim();
  }
  const prefix = variablePrefix.exec(text);
  if (prefix && text.length > prefix[0].length) text = text.slice(prefix[0].length).trim();
  text = text.replace(/\s+/g, ' ');
  const thousands = thousandsPattern.exec(text);
  if (thousands) text = `${thousands[1] ?? ''}${(thousands[2] ?? '').replace(/[, ]/g, '')}${thousands[4] ?? ''}`;
  const words = trailingWords.exec(text);
  if (words && !mathWords.test(text.slice(words[1]?.length ?? 0))) text = (words[1] ?? text).replace(/,(?=\d{3}\b)/g, '');
  return { text, percent };
}
