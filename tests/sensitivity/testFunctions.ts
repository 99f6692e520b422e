/**
 * Test functions with known Sobol indices, and their analytic values.
 *
 * - Ishigami & Homma (1990): f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁ on [−π, π]³.
 * - Sobol' G-function (Saltelli & Sobol' 1995): f = Π (|4xᵢ − 2| + aᵢ)/(1 + aᵢ) on [0, 1]^k.
 *
 * @example
 * ishigamiIndices(7, 0.1).first; // [0.3139, 0.4424, 0]
 */

export interface AnalyticIndices {
  readonly first: readonly number[];
  readonly total: readonly number[];
  readonly variance: number;
}

export const ishigami =
  (a: number, b: number) =>
  (x: Float64Array): number => {
    const s1 = Math.sin(x[0]!);
    const s2 = Math.sin(x[1]!);
    const x3 = x[2]!;
    return s1 + a * s2 * s2 + b * x3 * x3 * x3 * x3 * s1;
  };

/** Closed forms: V₁ = ½(1 + bπ⁴/5)², V₂ = a²/8, V₁₃ = b²π⁸(1/18 − 1/50), V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½. */
export function ishigamiIndices(a: number, b: number): AnalyticIndices {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = (a * a) / 8;
  const v13 = b * b * pi8 * (1 / 18 - 1 / 50);
  const variance = (a * a) / 8 + (b * pi4) / 5 + (b * b * pi8) / 18 + 0.5;
  return {
    first: [v1 / variance, v2 / variance, 0],
    total: [(v1 + v13) / variance, v2 / variance, v13 / variance],
    variance,
  };
}

export const gFunction =
  (a: readonly number[]) =>
  (x: Float64Array): number => {
    let p = 1;
    for (let i = 0; i < a.length; i++) p *= (Math.abs(4 * x[i]! - 2) + a[i]!) / (1 + a[i]!);
    return p;
  };

/** Vᵢ = (1/3)/(1 + aᵢ)², V = Π(1 + Vᵢ) − 1, Sᵢ = Vᵢ/V, S_Tᵢ = Vᵢ Π_{j≠i}(1 + Vⱼ)/V. */
export function gFunctionIndices(a: readonly number[]): AnalyticIndices {
  const vi = a.map((ai) => 1 / 3 / (1 + ai) ** 2);
  const product = vi.reduce((p, v) => p * (1 + v), 1);
  const variance = product - 1;
  return {
    first: vi.map((v) => v / variance),
    total: vi.map((v) => (v * (product / (1 + v))) / variance),
    variance,
  };
}
