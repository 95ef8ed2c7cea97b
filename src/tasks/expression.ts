/** @module A safe integer expression parser and evaluator (`+ - * /`, parentheses, unary minus); never uses eval. */

/** A parsed expression tree. */
export type ExpressionNode =
  | { type: 'number'; value: number }
  | { type: 'negate'; operand: ExpressionNode }
  | { type: 'binary'; operator: '+' | '-' | '*' | '/'; left: ExpressionNode; right: ExpressionNode };

const MAX_EXPRESSION_CHARS = 300;
const MAX_DEPTH = 40;

/** Parses an integer expression; returns undefined for anything that is not one (garbage, unbalanced, too long). */
export function parseExpression(text: string): ExpressionNode | undefined {
  if (text.length > MAX_EXPRESSION_CHARS || !/^[0-9+\-*/() ]*$/.test(text)) return undefined;
  const tokens = text.match(/\d+|[+\-*/()]/g) ?? [];
  if (tokens.length === 0) return undefined;
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const parseSum = (depth: number): ExpressionNode | undefined => {
    let left = parseProduct(depth);
    while (left && (peek() === '+' || peek() === '-')) {
      const operator = tokens[position++] as '+' | '-';
      const right = parseProduct(depth);
      left = right ? { type: 'binary', operator, left, right } : undefined;
    }
    return left;
  };
  const parseProduct = (depth: number): ExpressionNode | undefined => {
    let left = parseFactor(depth);
    while (left && (peek() === '*' || peek() === '/')) {
      const operator = tokens[position++] as '*' | '/';
      const right = parseFactor(depth);
      left = right ? { type: 'binary', operator, left, right } : undefined;
    }
    return left;
  };
  const parseFactor = (depth: number): ExpressionNode | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    const token = tokens[position++];
    if (token === undefined) return undefined;
    if (token === '-') {
      const operand = parseFactor(depth + 1);
      return operand ? { type: 'negate', operand } : undefined;
    }
    if (token === '(') {
      const inner = parseSum(depth + 1);
      return tokens[position++] === ')' ? inner : undefined;
    }
    if (/^\d+$/.test(token)) {
      const value = Number(token);
      return Number.isSafeInteger(value) ? { type: 'number', value } : undefined;
    }
    return undefined;
  };
  const tree = parseSum(0);
  return tree && position === tokens.length ? tree : undefined;
}

/** Evaluates exactly; undefined on inexact division, division by zero or unsafe integers. */
export function evaluateNode(node: ExpressionNode): number | undefined {
  if (node.type === 'number') return node.value;
  if (node.type === 'negate') {
    const value = evaluateNode(node.operand);
    return value === undefined ? undefined : -value;
  }
  const left = evaluateNode(node.left);
  const right = evaluateNode(node.right);
  if (left === undefined || right === undefined) return undefined;
  let result: number;
  if (node.operator === '+') result = left + right;
  else if (node.operator === '-') result = left - right;
  else if (node.operator === '*') result = left * right;
  else {
    if (right === 0 || left % right !== 0) return undefined;
    result = left / right;
  }
  return Number.isSafeInteger(result) ? result + 0 : undefined;
}

/** Parses and evaluates in one go; undefined when the text is not a valid integer expression. */
export function evaluateExpression(text: string): number | undefined {
  const tree = parseExpression(text);
  return tree ? evaluateNode(tree) : undefined;
}

/** The literal numbers an expression uses, in order of appearance. */
export function numbersIn(node: ExpressionNode): number[] {
  if (node.type === 'number') return [node.value];
  if (node.type === 'negate') return numbersIn(node.operand);
  return [...numbersIn(node.left), ...numbersIn(node.right)];
}

/** Does the expression contain a unary minus anywhere? */
export function hasNegation(node: ExpressionNode): boolean {
  if (node.type === 'number') return false;
  if (node.type === 'negate') return true;
  return hasNegation(node.left) || hasNegation(node.right);
}
