/**
 * The household pass steps the idiosyncratic and the transitory streams side by side in one
 * loop (src/engine/step.ts, loop 1). Its incomes must be exactly those of drawing each
 * stream alone, household by household, with nextNormal — including households whose words
 * take the ziggurat's slow path in one stream or in both.
 */
import { describe, expect, it } from "vitest";
import { makeHouseholdPass, effectTables, ACC_SIZE, PAR_SIZE, P_PHI, P_SIGMA, P_TREND, P_COMMON, P_TSIGMA, P_TRENDYEARS, P_MARGIN, P_INFLOW, ST_REGISTERED } from "../../src/engine/step.js";
import type { PassContext } from "../../src/engine/step.js";
import { nextNormal } from "../../src/random/normal.js";
import { seedStream, seedTailStream } from "../../src/random/rng.js";

const N = 120_000; // about 17 households draw slow-path words in both streams
const V = 7;

function context(withTrend: boolean, slowQueue?: number): PassContext {
  const Y = 2;
  const { effMul, effAdd, srcLag } = effectTables(Y, [], [], []);
  const logBase = new Float32Array(N);
  const trendDev = new Float32Array(withTrend ? N : 0);
  const village = new Uint32Array(N);
  for (let i = 0; i < N; i++) {
    logBase[i] = 8 + ((i * 7919) % 1000) / 1000;
    village[i] = (i * 31) % V;
    if (withTrend) trendDev[i] = (((i * 104729) % 2001) - 1000) / 50_000;
  }
  return {
    n: N, Y, size: new Uint8Array(N).fill(3), segment: new Uint8Array(N), village, floorEligible: new Uint8Array(N), logBase, trendDev,
    villageEta: Float64Array.from({ length: V }, (_, v) => (v - 3) / 40), villageShared: true, exitYear: new Uint8Array(N).fill(Y), relapseBy: new Float64Array((Y + 1) * Y),
    events: new Int32Array(N), relCount: new Int32Array(1), persist: Float32Array.from({ length: N }, (_, i) => ((i % 13) - 6) / 30),
    lastLog: new Float32Array(N), status: new Uint8Array(N).fill(ST_REGISTERED), reloc: new Uint16Array(N),
    slotSrc: new Uint8Array(N * 3).fill(255), slotStart: new Uint8Array(N * 3), slotVal: new Float32Array(N * 3), srcLag, effMul, effAdd,
    pre: new Float64Array(N), effList: new Int32Array(N), effCount: new Int32Array(1), addS: new Float64Array(0),
    villageDis: new Float64Array(V), villageLift: new Float64Array(V), villageDisInsured: new Float64Array(V), insured: new Uint8Array(0), cash: new Float32Array(0),
    beforeMain: { fn: null }, followUp: new Float64Array(1), line: Float64Array.of(3000, 3000), exitLine: Float64Array.of(3000, 3000),
    floorStandard: new Float64Array(2), floorYear: new Int16Array(0), floorBefore: new Float64Array(0), villageHit: new Uint8Array(V), villagePoor: new Int32Array(V),
    idio: new Int32Array(4), idioTail: new Int32Array(4), illness: new Int32Array(4), transitory: new Int32Array(4), transitoryTail: new Int32Array(4),
    par: new Float64Array(PAR_SIZE), acc: new Float64Array(ACC_SIZE), ...(slowQueue !== undefined ? { slowQueue } : {}),
  };
}

/** Year y's log incomes drawn stream by stream, household by household, as the pass defines them. */
function expected(c: PassContext, persist0: Float32Array, seed: number, y: number, se: number): Float32Array {
  const p = c.par;
  const s = new Int32Array(4), st = new Int32Array(4), t = new Int32Array(4), tt = new Int32Array(4);
  seedStream(s, seed, 0, 3, y);
  seedTailStream(st, seed, 0, 3, y);
  seedStream(t, seed, 0, 4, y);
  seedTailStream(tt, seed, 0, 4, y);
  const persist = Float32Array.from(persist0);
  const out = new Float32Array(N);
  const shift = (p[P_TREND] as number) + (p[P_COMMON] as number);
  for (let i = 0; i < N; i++) {
    let e = (p[P_SIGMA] as number) * nextNormal(s, st) + (c.villageEta[c.village[i] as number] as number);
    e += (p[P_PHI] as number) * (persist[i] as number);
    persist[i] = e;
    let x = (c.logBase[i] as number) + shift + e;
    if (se > 0) x += se * nextNormal(t, tt);
    if (c.trendDev.length > 0) x += (c.trendDev[i] as number) * (p[P_TRENDYEARS] as number);
    out[i] = x; // the pass stores log income as float32 (lastLog), with nothing else added here
  }
  return out;
}

describe("household pass, loop 1 (idiosyncratic and transitory streams in one loop)", () => {
  // The slow-path queue at its default size, and full after 1 and after 40 households (the
  // rest of the loop then goes household by household).
  for (const [withTrend, se, queue] of [[true, 0.3, undefined], [false, 0.3, undefined], [true, 0, undefined], [true, 0.3, 1], [false, 0.3, 40]] as const) {
    it(`gives exactly the numbers of each stream drawn alone (trend ${withTrend ? "on" : "off"}, σ_e ${se}, slow-path queue ${queue ?? "default"})`, () => {
      const c = context(withTrend, queue);
      const persist0 = Float32Array.from(c.persist);
      const p = c.par;
      p[P_TREND] = 0.05;
      p[P_COMMON] = -0.02;
      p[P_SIGMA] = 0.25;
      p[P_PHI] = 0.8;
      p[P_TSIGMA] = se;
      p[P_TRENDYEARS] = 2;
      p[P_MARGIN] = 0;
      const seed = 11;
      const y = 1;
      seedStream(c.idio, seed, 0, 3, y);
      seedTailStream(c.idioTail, seed, 0, 3, y);
      seedStream(c.transitory, seed, 0, 4, y);
      seedTailStream(c.transitoryTail, seed, 0, 4, y);
      seedStream(c.illness, seed, 0, 5, y);
      makeHouseholdPass(c)(y);
      const want = expected(c, persist0, seed, y, se);
      let differ = 0;
      for (let i = 0; i < N; i++) differ += +(c.lastLog[i] !== want[i]);
      expect(differ).toBe(0);
    });
  }
});

describe("the whole kernel with the shock loop's slow-path queue full early", () => {
  it("gives the same runs on Linghai with queues of 1 and 40 households as with the default", async () => {
    const { loadScenario } = await import("../../src/scenario/index.js");
    const { buildPopulation } = await import("../../src/population/synthetic.js");
    const { engineModelFromScenario } = await import("../../src/engine/fromScenario.js");
    const { buildLedger } = await import("../../src/ledger/build.js");
    const { prepareModelKernel } = await import("../../src/engine/run.js");
    const loaded = await loadScenario("scenarios/linghai-2017.yaml");
    if (!loaded.ok) throw new Error("Linghai does not load");
    const s = loaded.value.scenario;
    const households = buildPopulation(s, { seed: 3 });
    if (!households.ok) throw new Error("no population");
    const model = engineModelFromScenario(s, buildLedger(s), households.value);
    const runs = (slowQueue?: number) => prepareModelKernel({ model, households: households.value, ...(slowQueue !== undefined ? { slowQueue } : {}) })({ seed: 5, runStart: 0, runEnd: 4 });
    const want = runs();
    for (const q of [1, 40]) expect(Buffer.from(runs(q).buffer).equals(Buffer.from(want.buffer))).toBe(true);
  });
});

describe("household loop, households not registered", () => {
  it("gives the same statuses and sums with the shortcut above the lines as with every income computed", () => {
    // Incomes at, just around and far from the line (3,000) and the exit line (3,300): log
    // incomes within 1e-12 … 1e-3 of each line's log on both sides, and far above and below.
    const logs: number[] = [];
    for (const t of [3000, 3300, 3000 * 0.9])
      for (const d of [0, 1e-12, 1e-10, 2e-9, 1e-8, 1e-6, 1e-3]) logs.push(Math.log(t) + d, Math.log(t) - d);
    logs.push(0, 5, 20, 650, -650, Math.log(1e6));
    const pass = (noShortcut: boolean, inflow: number) => {
      const c = context(false);
      const n = logs.length;
      const out = { ...c, n, line: Float64Array.of(3000, 3000), exitLine: Float64Array.of(3300, 3300), noShortcut };
      for (let i = 0; i < n; i++) {
        out.status[i] = i % 3 === 0 ? ST_REGISTERED : 0; // a third registered, the others not
        out.floorEligible[i] = i % 5 === 0 ? 2 : 0; // some reached by a floor for everyone
      }
      const p = out.par;
      p[P_MARGIN] = 0.1;
      p[P_INFLOW] = inflow;
      out.floorStandard.fill(2500);
      const run = makeHouseholdPass(out);
      // Year 0 draws the shocks; the household loop then reads pre: set it between the passes.
      out.beforeMain.fn = () => {
        for (let i = 0; i < n; i++) out.pre[i] = logs[i] as number;
      };
      run(0);
      return { status: Array.from(out.status.subarray(0, n)), acc: Array.from(out.acc), poor: Array.from(out.villagePoor) };
    };
    for (const inflow of [0, 1]) expect(pass(false, inflow)).toEqual(pass(true, inflow));
  });
});
