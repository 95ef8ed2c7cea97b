/** @module A single cheap pass over a JSON body's text that refuses shapes costly to parse: too many keys, too deep. */

/** Keys a request body may hold in all; a real chat request holds a few dozen, a long conversation a few thousand. */
export const MAX_JSON_KEYS = 10_000;
/** Nesting a request body may reach; chat requests nest about 5 deep. */
export const MAX_JSON_DEPTH = 64;

/** Why a body's shape is refused, or undefined when it is fine (malformed JSON is left to JSON.parse to report). */
export function jsonShapeProblem(text: string, maxKeys = MAX_JSON_KEYS, maxDepth = MAX_JSON_DEPTH): string | undefined {
  let keys = 0;
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92)
        index++; // backslash: skip the escaped character
      else if (code === 34) inString = false;
      continue;
    }
    if (code === 34) inString = true;
    else if (code === 58 && ++keys > maxKeys) return `more than ${maxKeys} keys`;
    else if ((code === 123 || code === 91) && ++depth > maxDepth) return `nesting deeper than ${maxDepth} levels`;
    else if (code === 125 || code === 93) depth--;
  }
  return undefined;
}
