/** @module How well a verifier's scores rank and are calibrated: ROC AUC and expected calibration error over labelled chains. */

/** ROC AUC: the probability that a random correct chain outscores a random wrong one (ties count half); NaN without both. */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((score, index) => ({ score, label: labels[index] === true })).sort((a, b) => a.score - b.score);
  let positives = 0;
  let negatives = 0;
  let rankSum = 0;
  // Mann-Whitney U with mid-ranks, so ties count half and the cost is O(n log n).
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && order[end]?.score === order[start]?.score) end++;
    const midRank = (start + 1 + end) / 2;
    for (let index = start; index < end; index++) {
      if (order[index]?.label) {
        positives++;
        rankSum += midRank;
      } else negatives++;
    }
    start = end;
  }
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** One calibration bin: scores in [low, high), their mean, and the share of them that were correct. */
export interface CalibrationBin {
  low: number;
  high: number;
  count: number;
  meanScore: number;
  accuracy: number;
}

/** Equal-width bins over [0, 1] (a score of 1 falls in the last); empty bins are left out. */
export function calibrationBins(scores: readonly number[], labels: readonly boolean[], bins = 10): CalibrationBin[] {
  const sums = Array.from({ length: bins }, () => ({ count: 0, score: 0, correct: 0 }));
  scores.forEach((score, index) => {
    const bin = sums[Math.min(bins - 1, Math.max(0, Math.floor(score * bins)))];
    if (!bin) return;
    bin.count++;
    bin.score += score;
    bin.correct += labels[index] ? 1 : 0;
  });
  return sums.flatMap((bin, index) =>
    bin.count === 0
      ? []
      : [
          {
            low: index / bins,
            high: (index + 1) / bins,
            count: bin.count,
            meanScore: bin.score / bin.count,
            accuracy: bin.correct / bin.count,
          },
        ],
  );
}

/** Expected calibration error: the count-weighted mean gap between a bin's mean score and its share correct. */
export function expectedCalibrationError(scores: readonly number[], labels: readonly boolean[], bins = 10): number {
  const total = scores.length;
  if (total === 0) return Number.NaN;
  return calibrationBins(scores, labels, bins).reduce((sum, bin) => sum + (bin.count / total) * Math.abs(bin.meanScore - bin.accuracy), 0);
}
