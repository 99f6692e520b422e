/**
 * The yearly verification as the household loop reads it (src/engine/step.ts,
 * verificationTable): exits, relapses, registrations and what each household counts for,
 * checked case by case against the rules of model.md v2 as stated, not against the formula.
 */
import { describe, expect, it } from "vitest";
import {
  ST_ABOVE, ST_BELOW, ST_BLOCKED, ST_COVERED, ST_EXITED, ST_ILL, ST_NEW_SPELL, ST_REGISTERED, V_EVENT, V_PEX, V_POOR, V_REG, V_SPELL, verificationTable,
} from "../../src/engine/step.js";

function outcome(status: number, x: { stay: boolean; above: boolean; below: boolean }, inflow = 1, twoYear = false) {
  const t = new Int32Array(2048);
  verificationTable(inflow, twoYear ? 0 : 64, t);
  const v = t[status | (+x.stay << 8) | (+x.above << 9) | (+x.below << 10)] as number;
  const bit = (b: number): boolean => ((v >> b) & 1) === 1;
  return { status: v & 255, event: bit(V_EVENT), poor: bit(V_POOR), registered: bit(V_REG), leftBelow: bit(V_PEX), spellExit: bit(V_SPELL) };
}

const poor = { stay: false, above: false, below: true };
const between = { stay: true, above: false, below: false }; // above the relapse line, below the exit line
const out = { stay: true, above: true, below: false };

describe("verification table", () => {
  it("exits a registered poor household at or above the exit line, with no guarantee missing", () => {
    const r = outcome(ST_REGISTERED | ST_BELOW, out);
    expect(r.status & ST_EXITED).toBe(ST_EXITED);
    expect(r).toMatchObject({ event: true, poor: false, registered: true, leftBelow: true, spellExit: false });
    expect(r.status & ST_ABOVE).toBe(ST_ABOVE);
    expect(r.status & ST_BELOW).toBe(0);
  });

  it("keeps a household with a required guarantee missing registered poor, whatever its income", () => {
    const r = outcome(ST_REGISTERED | ST_BLOCKED, out);
    expect(r.status & ST_EXITED).toBe(0);
    expect(r.status & ST_BLOCKED).toBe(ST_BLOCKED); // the guarantee is still missing
    expect(r).toMatchObject({ event: false, poor: true, registered: true });
  });

  it("needs the exit line in two verifications in a row for two-year exits", () => {
    expect(outcome(ST_REGISTERED, out, 1, true).status & ST_EXITED).toBe(0);
    expect(outcome(ST_REGISTERED | ST_ABOVE, out, 1, true).status & ST_EXITED).toBe(ST_EXITED);
    expect(outcome(ST_REGISTERED, out, 1, false).status & ST_EXITED).toBe(ST_EXITED);
  });

  it("counts an exit of a household that entered registered poverty at the last verification as a new spell's exit", () => {
    expect(outcome(ST_REGISTERED | ST_NEW_SPELL, out).spellExit).toBe(true);
    expect(outcome(ST_REGISTERED, out).spellExit).toBe(false);
  });

  it("keeps an exited household out above the relapse line and relapses it below, registered poor again in a new spell", () => {
    const stays = outcome(ST_REGISTERED | ST_EXITED | ST_ABOVE, between);
    expect(stays.status & ST_EXITED).toBe(ST_EXITED);
    expect(stays).toMatchObject({ event: false, poor: false, registered: true });
    const relapses = outcome(ST_REGISTERED | ST_EXITED | ST_ABOVE, poor);
    expect(relapses.status & ST_EXITED).toBe(0);
    expect(relapses.status & ST_NEW_SPELL).toBe(ST_NEW_SPELL);
    expect(relapses).toMatchObject({ event: true, poor: true, registered: true });
  });

  it("registers a household found below the line where the plan has inflow, and only then", () => {
    const found = outcome(0, poor, 1);
    expect(found.status & ST_REGISTERED).toBe(ST_REGISTERED);
    expect(found.status & ST_NEW_SPELL).toBe(ST_NEW_SPELL);
    expect(found).toMatchObject({ event: true, poor: true, registered: true });
    const noInflow = outcome(0, poor, 0);
    expect(noInflow.status & ST_REGISTERED).toBe(0);
    expect(noInflow).toMatchObject({ event: false, poor: false, registered: false });
    // Above the line nobody is registered, and an unregistered household never exits.
    expect(outcome(0, out, 1)).toMatchObject({ event: false, registered: false, status: ST_ABOVE });
  });

  it("carries guarantees and illness cover over and clears the year's illness", () => {
    const r = outcome(ST_REGISTERED | ST_COVERED | ST_ILL, between);
    expect(r.status & ST_COVERED).toBe(ST_COVERED);
    expect(r.status & ST_ILL).toBe(0);
  });

  it("gives every status byte a status that is registered whenever it is exited", () => {
    for (const inflow of [0, 1])
      for (const two of [false, true])
        for (let st = 0; st < 256; st++)
          for (const x of [poor, between, out, { stay: false, above: false, below: false }]) {
            const r = outcome(st, x, inflow, two);
            if (r.status & ST_EXITED) expect(r.status & ST_REGISTERED).toBe(ST_REGISTERED);
            expect(r.registered).toBe((r.status & ST_REGISTERED) !== 0);
            expect(r.poor).toBe(r.registered && (r.status & ST_EXITED) === 0);
          }
  });
});
