/**
 * Nelder–Mead simplex minimisation (derivative-free), with the standard coefficients
 * (reflection 1, expansion 2, contraction ½, shrink ½) and the adaptive coefficients of
 * Gao & Han (2012) available for higher dimensions. No package in the project's
 * dependencies provides one (mathjs and simple-statistics do not).
 *
 * Stops when the spread of function values over the simplex is below `fTol` and its
 * largest edge from the best vertex is below `xTol`, or after `maxEvaluations`.
 *
 * The algorithm is written once, as a generator that yields the points it needs evaluated;
 * `nelderMead` drives it with a function, `nelderMeadAsync` with an asynchronous one (a
 * simulation on worker threads), so both take exactly the same steps.
 *
 * @example
 * const rosen = (x: readonly number[]) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
 * nelderMead(rosen, [-1.2, 1]).x; // ≈ [1, 1]
 */

export interface NelderMeadOptions {
  /** Initial step per coordinate (default 10% of |x0|, or 0.1 where x0 is 0). */
  readonly step?: readonly number[];
  readonly maxEvaluations?: number;
  readonly fTol?: number;
  readonly xTol?: number;
  /** Dimension-dependent coefficients (Gao & Han 2012). */
  readonly adaptive?: boolean;
}

export interface NelderMeadResult {
  readonly x: readonly number[];
  readonly f: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/** Minimise f from x0. A non-finite f value is treated as +Infinity. */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const g = nelderMeadSteps(x0, options);
  let r = g.next(0);
  while (!r.done) r = g.next(f(r.value));
  return r.value;
}

/** Minimise an asynchronous f from x0 (the same steps as nelderMead). */
export async function nelderMeadAsync(f: (x: readonly number[]) => Promise<number>, x0: readonly number[], options: NelderMeadOptions = {}): Promise<NelderMeadResult> {
  const g = nelderMeadSteps(x0, options);
  let r = g.next(0);
  while (!r.done) r = g.next(await f(r.value));
  return r.value;
}

/** The algorithm: yields each point to evaluate and receives its value. */
function* nelderMeadSteps(x0: readonly number[], options: NelderMeadOptions): Generator<readonly number[], NelderMeadResult, number> {
  const n = x0.length;
  if (n < 1) throw new RangeError("nelderMead needs at least one coordinate");
  const maxEval = options.maxEvaluations ?? 200 * n;
  const fTol = options.fTol ?? 1e-10;
  const xTol = options.xTol ?? 1e-8;
  const adaptive = options.adaptive ?? false;
  const alpha = 1;
  const gamma = adaptive ? 1 + 2 / n : 2;
  const rhoC = adaptive ? 0.75 - 1 / (2 * n) : 0.5;
  const sigma = adaptive ? 1 - 1 / n : 0.5;
  let evaluations = 0;
  function* evalF(x: readonly number[]): Generator<readonly number[], number, number> {
    evaluations++;
    const v = yield x;
    return Number.isFinite(v) ? v : Infinity;
  }

  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const v = x0.slice();
    const xi = x0[i] as number;
    v[i] = xi + (options.step?.[i] ?? (xi !== 0 ? 0.1 * Math.abs(xi) : 0.1));
    simplex.push(v);
  }
  const values: number[] = [];
  for (const v of simplex) values.push(yield* evalF(v));
  const order = (): void => {
    const idx = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
    const s = idx.map((i) => simplex[i] as number[]);
    const v = idx.map((i) => values[i] as number);
    for (let i = 0; i <= n; i++) {
      simplex[i] = s[i] as number[];
      values[i] = v[i] as number;
    }
  };
  const combine = (a: readonly number[], b: readonly number[], t: number): number[] => a.map((ai, i) => ai + t * ((b[i] as number) - ai));

  let converged = false;
  while (evaluations < maxEval) {
    order();
    const best = simplex[0] as number[];
    let size = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(((simplex[i] as number[])[j] as number) - (best[j] as number)));
    if ((values[n] as number) - (values[0] as number) <= fTol && size <= xTol) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += ((simplex[i] as number[])[j] as number) / n;
    const worst = simplex[n] as number[];
    const xr = combine(centroid, worst, -alpha);
    const fr = yield* evalF(xr);
    if (fr < (values[0] as number)) {
      const xe = combine(centroid, worst, -alpha * gamma);
      const fe = yield* evalF(xe);
      if (fe < fr) {
        simplex[n] = xe;
        values[n] = fe;
      } else {
        simplex[n] = xr;
        values[n] = fr;
      }
      continue;
    }
    if (fr < (values[n - 1] as number)) {
      simplex[n] = xr;
      values[n] = fr;
      continue;
    }
    // Contraction: outside when the reflection improved on the worst, inside otherwise.
    const outside = fr < (values[n] as number);
    const xc = outside ? combine(centroid, xr, rhoC) : combine(centroid, worst, rhoC);
    const fc = yield* evalF(xc);
    if (fc < (outside ? fr : (values[n] as number))) {
      simplex[n] = xc;
      values[n] = fc;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      simplex[i] = combine(best, simplex[i] as number[], sigma);
      values[i] = yield* evalF(simplex[i] as number[]);
    }
  }
  order();
  return { x: (simplex[0] as number[]).slice(), f: values[0] as number, evaluations, converged };
}
