/** @module Writes short Python programs for the tracing task (integer variables, loops, conditionals, small lists), levels 1-4. */
import type { Random } from './random.js';

/**
 * Level 1: straight-line code; 2: one loop; 3: a loop with a branch or a while loop; 4: lists, nested loops, prints in a
 * loop. Held-out shapes, never in training: L1 prints an expression, L2 loops over a range with a step, L3 halves in a
 * `while`, L4 nests a loop whose range depends on the outer variable.
 */
export const PROGRAM_LEVELS = [1, 2, 3, 4] as const;

const NAMES = ['a', 'b', 'c', 'n', 's', 't', 'k', 'm', 'p', 'q'];
const INDENT = '  ';

const small = (random: Random): number => random.int(1, 9);

/** Two or three distinct variable names. */
function names(random: Random, count: number): string[] {
  return random.shuffle(NAMES).slice(0, count);
}

/** `a * 3 - 4`, `b + a`, `7`: an expression over the given names and small literals. */
function expression(random: Random, known: readonly string[], operators: readonly string[]): string {
  const operand = (): string => (known.length > 0 && random.chance(0.6) ? random.pick(known) : String(small(random)));
  const first = operand();
  let text = `${first} ${random.pick(operators)} ${known.length > 0 && !known.includes(first) ? random.pick(known) : String(small(random))}`;
  if (random.chance(0.3)) text += ` ${random.pick(['+', '-'])} ${small(random)}`;
  return text;
}

/** An update of `target` inside a loop over `loop`: `s += i`, `s = s * 2 - i`, `t -= 1`. */
function update(random: Random, target: string, loop: string, others: readonly string[]): string {
  const roll = random.next();
  if (roll < 0.3) return `${target} += ${loop}`;
  if (roll < 0.45) return `${target} += ${loop} * ${random.int(2, 4)}`;
  if (roll < 0.6) return `${target} ${random.pick(['+=', '-='])} ${small(random)}`;
  if (roll < 0.75 && others.length > 0) return `${target} = ${target} + ${random.pick(others)}`;
  if (roll < 0.9) return `${target} = ${target} * 2 ${random.pick(['+', '-'])} ${loop}`;
  return `${target} += ${loop} * ${loop}`;
}

function range(random: Random, iterations: number, heldOut = false): string {
  if (heldOut) {
    const start = random.int(0, 3);
    return `range(${start}, ${start + 2 * iterations - 1}, 2)`;
  }
  if (random.chance(0.5)) return `range(${iterations})`;
  const start = random.int(1, 3);
  return `range(${start}, ${start + iterations})`;
}

function condition(random: Random, loop: string, target: string): string {
  const roll = random.next();
  if (roll < 0.4) return `${loop} % 2 == ${random.int(0, 1)}`;
  if (roll < 0.6) return `${loop} % 3 == 0`;
  if (roll < 0.8) return `${target} > ${random.int(3, 12)}`;
  return `${loop} ${random.pick(['<', '>', '<=', '>='])} ${random.int(1, 3)}`;
}

function straightLine(random: Random, heldOut: boolean): string[] {
  const [first, second, third] = names(random, 3) as [string, string, string];
  const lines = [`${first} = ${random.int(2, 12)}`, `${second} = ${expression(random, [first], ['+', '-', '*'])}`];
  if (random.chance(0.5)) {
    lines.push(`if ${first} ${random.pick(['>', '<', '=='])} ${second}:`, `${INDENT}${third} = ${first} - ${second}`);
    lines.push('else:', `${INDENT}${third} = ${second} - ${first}`);
  } else {
    lines.push(`${third} = ${expression(random, [first, second], ['+', '-', '*', '%', '//'])}`);
    if (random.chance(0.5)) lines.push(`${first} = ${expression(random, [first, third], ['+', '-'])}`);
  }
  if (heldOut) lines.push(`print(${first} ${random.pick(['+', '-', '*'])} ${third})`);
  else lines.push(random.chance(0.7) ? `print(${third})` : `print(${first}, ${third})`);
  return lines;
}

function oneLoop(random: Random, heldOut: boolean): string[] {
  const [target, other] = names(random, 2) as [string, string];
  const loop = random.pick(['i', 'j']);
  const lines = [`${target} = ${random.int(0, 9)}`];
  const two = random.chance(0.4);
  if (two) lines.push(`${other} = ${random.int(0, 9)}`);
  lines.push(`for ${loop} in ${range(random, random.int(2, 4), heldOut)}:`, `${INDENT}${update(random, target, loop, two ? [other] : [])}`);
  if (two) lines.push(`${INDENT}${update(random, other, loop, [target])}`);
  lines.push(two && random.chance(0.5) ? `print(${target}, ${other})` : `print(${target})`);
  return lines;
}

function branchingLoop(random: Random, heldOut: boolean): string[] {
  const [target, other] = names(random, 2) as [string, string];
  const loop = random.pick(['i', 'j']);
  if (heldOut || random.chance(0.35)) {
    const lines = [`${target} = ${random.int(10, 40)}`, `${other} = 0`, `while ${target} > ${random.int(0, 3)}:`];
    lines.push(`${INDENT}${target} = ${target} ${heldOut ? `// ${random.int(2, 3)}` : `- ${random.int(3, 9)}`}`);
    lines.push(`${INDENT}${other} += 1`, `print(${other}, ${target})`);
    return lines;
  }
  const lines = [`${target} = ${random.int(0, 3)}`, `for ${loop} in ${range(random, random.int(3, 5))}:`];
  lines.push(`${INDENT}if ${condition(random, loop, target)}:`, `${INDENT}${INDENT}${update(random, target, loop, [])}`);
  if (random.chance(0.6)) lines.push(`${INDENT}else:`, `${INDENT}${INDENT}${target} ${random.pick(['-=', '+='])} ${random.int(1, 3)}`);
  lines.push(`print(${target})`);
  return lines;
}

function listProgram(random: Random, heldOut: boolean): string[] {
  const [list, target] = random.chance(0.5) ? ['a', 's'] : ['b', 't'];
  const item = random.pick(['v', 'w']);
  const roll = random.next();
  if (!heldOut && roll < 0.35) {
    const values = Array.from({ length: random.int(3, 5) }, () => random.int(1, 20));
    const lines = [`${list} = [${values.join(', ')}]`, `${target} = 0`, `for ${item} in ${list}:`];
    const test = random.pick([`> ${random.int(3, 12)}`, `< ${random.int(5, 15)}`, '% 2 == 0', '% 3 == 0']);
    lines.push(`${INDENT}if ${item} ${test}:`, `${INDENT}${INDENT}${target} += ${item}`, `print(${target})`);
    return lines;
  }
  if (!heldOut && roll < 0.65) {
    const lines = [`${list} = [${random.int(0, 9)}]`, `for i in ${range(random, random.int(2, 4))}:`];
    const step = random.pick([`i * ${random.int(2, 5)}`, `i + ${random.int(1, 9)}`, `${list}[-1] + i`, `${list}[-1] * 2 - i`]);
    lines.push(`${INDENT}${list}.append(${step})`);
    if (random.chance(0.4)) lines.push(`${list}.append(${list}[0] + ${list}[${random.int(1, 2)}])`);
    lines.push(random.chance(0.7) ? `print(${list})` : `print(${list}[-1], len(${list}))`);
    return lines;
  }
  if (heldOut || roll < 0.85) {
    const lines = [`${target} = ${random.int(0, 9)}`, `for i in range(1, ${random.int(3, 4)}):`];
    lines.push(`${INDENT}for j in range(${heldOut ? random.pick(['i', 'i + 1', `i, ${random.int(3, 4)}`]) : random.int(2, 3)}):`);
    lines.push(`${INDENT}${INDENT}${target} += i ${random.pick(['*', '+', '-'])} j${random.chance(0.4) ? ` + ${random.int(1, 5)}` : ''}`);
    lines.push(`print(${target})`);
    return lines;
  }
  const lines = [`${target} = ${random.int(1, 9)}`, `for i in ${range(random, random.int(3, 4))}:`];
  lines.push(`${INDENT}${update(random, target, 'i', [])}`, `${INDENT}print(${target})`);
  return lines;
}

/** One program (lines of Python, two-space indents) for a level; `heldOut`: the level's held-out shape instead. */
export function writeProgram(level: number, random: Random, heldOut = false): string {
  const write = level <= 1 ? straightLine : level === 2 ? oneLoop : level === 3 ? branchingLoop : listProgram;
  return write(random, heldOut).join('\n');
}
