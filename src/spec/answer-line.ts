/** @module The answer line's grammar: one home for the tasks (reading the answer) and the strategies (splitting off thinking). */

// Optional list marker or quote, optional bold or underline, the label, optional closing bold, the colon.
const LABEL = String.raw`^\s*(?:[-*>]\s*)?(?:\*\*|__)?\s*(?:final\s+answer|answer|a)\s*(?:\*\*|__)?\s*[:：]`;

/** A line that opens with an answer label (`A:`, `Answer:`, `**Final answer:**`, `- answer:`), value or not. */
export const ANSWER_LABEL = new RegExp(LABEL, 'i');

/** A line that states the answer: `A: …`, `Answer: …`, `**Final answer:** …` (the value is group 1). */
export const ANSWER_LINE = new RegExp(String.raw`${LABEL}\s*(?:\*\*|__)?\s*(.+?)\s*$`, 'i');
