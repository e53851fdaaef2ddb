// Least-squares line through points: the floor's trend and how well a straight line explains it.

export interface Fit {
  slope: number;
  intercept: number;
  /** Coefficient of determination: 1 = all points on the line; 0 = the line explains nothing. */
  r2: number;
}

export function fitLine(xs: ArrayLike<number>, ys: ArrayLike<number>): Fit | null {
  const n = xs.length;
  if (n < 2) return null;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += xs[i]!;
    meanY += ys[i]!;
  }
  meanX /= n;
  meanY /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - meanX;
    const dy = ys[i]! - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  // A flat series is perfectly explained by a flat line.
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept: meanY - slope * meanX, r2 };
}
