/**
 * @module Column work: the digit-level lines a scratchpad writes before a multi-digit sum, difference or product.
 * Each line is a single-digit fact with a running partial result (`4+8+1=13 >32`), so a small model never has to add
 * multi-digit numbers in one step: it looks up a digit fact and prepends one digit to the partial.
 */

const digitsOf = (value: number): number[] => String(value).split('').reverse().map(Number);

/** `347+285`: `7+5=12 >2`, `4+8+1=13 >32`, `3+2+1=6 >632` (missing digits count as 0; the last column writes its whole sum). */
export function additionWork(left: number, right: number): string[] {
  const a = digitsOf(left);
  const b = digitsOf(right);
  const columns = Math.max(a.length, b.length);
  const lines: string[] = [];
  let carry = 0;
  let partial = '';
  for (let column = 0; column < columns; column++) {
    const x = a[column] ?? 0;
    const y = b[column] ?? 0;
    const sum = x + y + carry;
    const last = column === columns - 1;
    partial = (last ? String(sum) : String(sum % 10)) + partial;
    lines.push(`${x}+${y}${carry ? '+1' : ''}=${sum} >${partial}`);
    carry = sum >= 10 ? 1 : 0;
  }
  return lines;
}

/** `52-17` (left ≥ right ≥ 0): `12-7=5 >5`, `5-1-1=3 >35`; a column that borrows writes its digit plus 10. */
export function subtractionWork(left: number, right: number): string[] {
  const a = digitsOf(left);
  const b = digitsOf(right);
  const lines: string[] = [];
  let borrow = 0;
  let partial = '';
  for (let column = 0; column < a.length; column++) {
    const x = a[column] ?? 0;
    const y = b[column] ?? 0;
    const borrowOut = x - y - borrow < 0 ? 1 : 0;
    const top = x + 10 * borrowOut;
    const difference = top - y - borrow;
    partial = String(difference) + partial;
    lines.push(`${top}-${y}${borrow ? '-1' : ''}=${difference} >${partial}`);
    borrow = borrowOut;
  }
  return lines;
}

/** `347*8`: `7*8=56 >6`, `4*8+5=37 >76`, `3*8+3=27 >2776` (a multi-digit number times one digit). */
export function digitProductWork(big: number, digit: number): string[] {
  const a = digitsOf(big);
  const lines: string[] = [];
  let carry = 0;
  let partial = '';
  for (let column = 0; column < a.length; column++) {
    const x = a[column] ?? 0;
    const product = x * digit + carry;
    const last = column === a.length - 1;
    partial = (last ? String(product) : String(product % 10)) + partial;
    lines.push(`${x}*${digit}${carry ? `+${carry}` : ''}=${product} >${partial}`);
    carry = Math.floor(product / 10);
  }
  return lines;
}

/**
 * The column work for one scratchpad equation `a op b`, or [] when the line needs none (single digits, division, a
 * product with a negative factor, or a product neither of whose factors is one digit times a power of ten).
 *
 * The work opens with a header that restates the operation (`17*70:`), so every digit the columns need sits one line
 * above them rather than somewhere up the scratchpad; a difference whose result is negative says which operand is
 * larger before it works on the swapped pair (`23-26: 26>23`). A chain that went negative goes on from a negative left
 * operand: the header names the unsigned operation that is worked (`-20-53: 20+53`, `-15+89: 89>15`, `-58+17: 58>17`).
 */
export function columnWork(expression: string): string[] {
  const division = /^(\d+)\/(\d+)$/.exec(expression);
  if (division) return divisionHeaderWork(Number(division[1]), Number(division[2]));
  const negative = /^-(\d+)([+-])(\d+)$/.exec(expression);
  if (negative) return negativeLeftWork(expression, Number(negative[1]), negative[2] as '+' | '-', Number(negative[3]));
  const match = /^(\d+)([+\-*])(\d+)$/.exec(expression);
  if (!match) return [];
  const left = Number(match[1]);
  const right = Number(match[3]);
  if (left < 10 && right < 10) return [];
  if (match[2] === '+') return [`${expression}:`, ...additionWork(left, right)];
  if (match[2] === '-') {
    if (left >= right) return [`${expression}:`, ...subtractionWork(left, right)];
    return [`${expression}: ${right}>${left}`, ...subtractionWork(right, left)];
  }
  // A product: one factor must be a digit times a power of ten (long multiplication writes `347*50`, and `17*70`).
  const place = (value: number) => /^[1-9]0*$/.test(String(value));
  const [big, small] = place(right) && (!place(left) || right <= left) ? [left, right] : [right, left];
  if (!place(small) || big < 10) return [];
  return [`${expression}:`, ...digitProductWork(big, Number(String(small)[0]))];
}

/** `-a-b` is -(a+b); `-a+b` is b-a, worked as the larger minus the smaller like a negative difference. */
function negativeLeftWork(expression: string, magnitude: number, operator: '+' | '-', right: number): string[] {
  if (magnitude < 10 && right < 10) return [];
  if (operator === '-') return [`${expression}: ${magnitude}+${right}`, ...additionWork(magnitude, right)];
  const [larger, smaller] = right >= magnitude ? [right, magnitude] : [magnitude, right];
  return [`${expression}: ${larger}>${smaller}`, ...subtractionWork(larger, smaller)];
}

/** The largest divisor long division is worked for: the times tables up to 12 are what each step looks up. */
export const MAX_WORKED_DIVISOR = 12;

/**
 * `100/7`: `10/7=1 r3 >1`, `30/7=4 r2 >14` (the first chunk is the shortest prefix at least the divisor; then each
 * step brings down a digit after the remainder). Each step is a times-table fact, like the digit facts of a product.
 */
export function divisionWork(dividend: number, divisor: number): { lines: string[]; quotient: number; remainder: number } {
  const digits = String(dividend);
  let position = 0;
  let chunk = 0;
  while (position < digits.length && (chunk < divisor || position === 0)) chunk = chunk * 10 + Number(digits[position++]);
  while (chunk < divisor && position < digits.length) chunk = chunk * 10 + Number(digits[position++]);
  const lines: string[] = [];
  let partial = '';
  for (;;) {
    const digit = Math.floor(chunk / divisor);
    const remainder = chunk - digit * divisor;
    partial = partial === '' ? String(digit) : partial + String(digit);
    lines.push(`${chunk}/${divisor}=${digit} r${remainder} >${partial}`);
    if (position >= digits.length) return { lines, quotient: Number(partial), remainder };
    chunk = remainder * 10 + Number(digits[position++]);
  }
}

/** Long division with its header (`84/7:`), or [] for single-digit quotients of a times table and divisors above 12. */
function divisionHeaderWork(dividend: number, divisor: number): string[] {
  if (divisor < 1 || divisor > MAX_WORKED_DIVISOR || dividend < divisor * 10) return [];
  return [`${dividend}/${divisor}:`, ...divisionWork(dividend, divisor).lines];
}
