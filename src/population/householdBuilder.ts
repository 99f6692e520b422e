/**
 * Growing structure-of-arrays buffer for households whose count is not known in advance
 * (a register streamed from disk). Capacity doubles; `finish` trims to the exact count.
 *
 * @example
 * const b = new HouseholdBuilder();
 * const i = b.add(); b.size[i] = 3; b.income[i] = 2500;
 * const h = b.finish(1);
 */
import type { Households } from "../model/households.js";

export class HouseholdBuilder {
  count = 0;
  size: Uint8Array;
  income: Float64Array;
  labour: Uint8Array;
  segment: Uint8Array;
  cause: Uint8Array;
  flags: Uint8Array;
  village: Uint32Array;
  cohort: Uint16Array;
  /** 1 (the default) = registered poor at the start; `finish` keeps the array only when some household is 0. */
  registered: Uint8Array;

  constructor(private capacity = 1024) {
    this.size = new Uint8Array(capacity);
    this.income = new Float64Array(capacity);
    this.labour = new Uint8Array(capacity);
    this.segment = new Uint8Array(capacity);
    this.cause = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.village = new Uint32Array(capacity);
    this.cohort = new Uint16Array(capacity);
    this.registered = new Uint8Array(capacity).fill(1);
  }

  /** Reserve the next household; returns its index. */
  add(): number {
    if (this.count === this.capacity) this.grow();
    return this.count++;
  }

  private grow(): void {
    const c = this.capacity * 2;
    const g = <A extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.size = g(this.size, (n) => new Uint8Array(n));
    this.income = g(this.income, (n) => new Float64Array(n));
    this.labour = g(this.labour, (n) => new Uint8Array(n));
    this.segment = g(this.segment, (n) => new Uint8Array(n));
    this.cause = g(this.cause, (n) => new Uint8Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
    this.village = g(this.village, (n) => new Uint32Array(n));
    this.cohort = g(this.cohort, (n) => new Uint16Array(n));
    this.registered = g(this.registered, (n) => new Uint8Array(n).fill(1));
    this.capacity = c;
  }

  /** The households added so far, in arrays of exactly `count` elements. */
  finish(villages: number, extra: Pick<Households, "ids" | "villageNames" | "cohortNames"> = {}): Households {
    const n = this.count;
    const registered = this.registered.subarray(0, n).includes(0) ? { registered: this.registered.slice(0, n) } : {};
    return {
      count: n,
      size: this.size.slice(0, n),
      income: this.income.slice(0, n),
      labour: this.labour.slice(0, n),
      segment: this.segment.slice(0, n),
      cause: this.cause.slice(0, n),
      flags: this.flags.slice(0, n),
      village: this.village.slice(0, n),
      cohort: this.cohort.slice(0, n),
      villages,
      ...registered,
      ...extra,
    };
  }
}
