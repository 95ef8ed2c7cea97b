"""The text the learned verifiers read, shared by their data, trainer and tests; src/verify/learned-verifier-text.ts is its twin.

A chain `{prompt}\n<think>\n{line 1}\n...\n{line k}\n</think>\nA: {answer}\n`: the verdict (`+` right, `-` wrong) is the
token after a newline: after line i's newline it values the prefix through line i (process), after the answer line's
newline it judges the whole chain (outcome). One forward pass reads every verdict of a chain.
"""
import re

THINK_OPEN, THINK_CLOSE = '<think>', '</think>'
GOOD, BAD = '+', '-'
_ANSWER_LINE = re.compile(r'(?:^|\n)[ ]*(A:[^\n]*)')


def split_chain(completion):
    """(thinking lines, answer line or None) of a completion, as the runtime splits it (splitCompletion)."""
    rest = completion
    if rest.startswith(THINK_OPEN):
        rest = rest[len(THINK_OPEN):]
    close = rest.find(THINK_CLOSE)
    thinking = (rest if close < 0 else rest[:close]).strip('\n')
    answer = None
    if close >= 0:
        match = _ANSWER_LINE.search(rest[close + len(THINK_CLOSE):])
        if match and match.group(1).strip():
            answer = match.group(1).strip()
    return (thinking.split('\n') if thinking else []), answer


def chain_lines(completion):
    return split_chain(completion)[0]


def verifier_text(prompt, completion):
    """(text, character index of each thinking line's newline, index of the answer line's newline or None)."""
    lines, answer = split_chain(completion)
    text = f'{prompt}\n{THINK_OPEN}\n'
    ends = []
    for line in lines:
        text += line
        ends.append(len(text))
        text += '\n'
    outcome = None
    if answer is not None:
        text += f'{THINK_CLOSE}\n{answer}'
        outcome = len(text)
        text += '\n'
    return text, ends, outcome
