import { describe, expect, it } from "vitest";
import { assignAccountManagers } from "../../src/index.js";
import { codeAndPath } from "../helpers/errors.js";

const key = { keyAccount: { minValue: 100 } } as const;

describe("assignAccountManagers with skills", () => {
  const team = [
    { managerId: "anna", capacity: 2, skills: ["german", "wholesale"] },
    { managerId: "ben", capacity: 3 },
    { managerId: "cleo", capacity: 1, skills: ["wholesale"] },
  ];
  it("places a customer who needs a skill with the least-loaded manager who has it", () => {
    // By value: w1 (900, wholesale) → anna and cleo have the skill, both at load 0: anna (id order).
    // g1 (800, german) → only anna. w2 (700, wholesale) → anna is full (2), cleo takes it.
    // p1 (600, no skill) → anyone with room: ben (load 0). w3 (500, wholesale): anna and cleo full → unassigned.
    const book = [
      { customerId: "w1", value: 900, skill: "wholesale" },
      { customerId: "g1", value: 800, skill: "german" },
      { customerId: "w2", value: 700, skill: "wholesale" },
      { customerId: "p1", value: 600 },
      { customerId: "w3", value: 500, skill: "wholesale" },
    ];
    const r = assignAccountManagers(book, team, key);
    expect(r.assignments).toEqual([
      { customerId: "g1", managerId: "anna" },
      { customerId: "p1", managerId: "ben" },
      { customerId: "w1", managerId: "anna" },
      { customerId: "w2", managerId: "cleo" },
    ]);
    expect(r.unassigned).toEqual([{ customerId: "w3", keyAccount: true, reason: "no manager has free capacity" }]);
  });

  it("moves a customer whose manager lacks the skill, and says why no one can take a skill nobody has", () => {
    const book = [
      { customerId: 1, value: 500, skill: "german", currentManager: "ben" },
      { customerId: 2, value: 400, skill: "french", currentManager: "ben" },
      { customerId: 3, value: 300, currentManager: "cleo" },
    ];
    const r = assignAccountManagers(book, team, key);
    expect(r.reassignments).toEqual([
      { customerId: 1, from: "ben", to: "anna", reason: "manager ben lacks skill german" },
      { customerId: 2, from: "ben", to: null, reason: "manager ben lacks skill french; no active manager covers customers without a region with skill french" },
    ]);
    expect(r.unassigned).toEqual([{ customerId: 2, keyAccount: true, reason: "no active manager covers customers without a region with skill french" }]);
    // Customer 3 needs no skill: cleo keeps it.
    expect(r.assignments).toContainEqual({ customerId: 3, managerId: "cleo" });
  });

  it("combines regions and skills", () => {
    const ms = [{ managerId: "n", capacity: 5, regions: ["north"], skills: ["german"] }, { managerId: "s", capacity: 5, regions: ["south"] }];
    const r = assignAccountManagers([{ customerId: 1, value: 200, region: "south", skill: "german" }], ms, key);
    expect(r.unassigned).toEqual([{ customerId: 1, keyAccount: true, reason: "no active manager covers region south with skill german" }]);
  });

  it("refuses a skill that is not a non-empty string, naming the row", () => {
    expect(codeAndPath(() => assignAccountManagers([{ customerId: 1, value: 200, skill: "" }], team, key))).toEqual(["INVALID_TYPE", "customers[0].skill"]);
    expect(codeAndPath(() => assignAccountManagers([], [{ managerId: "x", capacity: 1, skills: "german" as never }], key))).toEqual(["INVALID_TYPE", "managers[0].skills"]);
    expect(codeAndPath(() => assignAccountManagers([], [{ managerId: "x", capacity: 1, skills: [7 as never] }], key))).toEqual(["INVALID_TYPE", "managers[0].skills[0]"]);
  });
});

describe("assignAccountManagers", () => {
  it("keeps current managers within quota and moves exactly the overflow, lowest value first", () => {
    // m1 holds 5 key accounts with capacity 3: over quota by 2, so the two lowest (values 200 and 100)
    // move; m2 (capacity 5) takes them. Nobody else moves.
    const customers = [500, 400, 300, 200, 100].map((value, i) => ({ customerId: i + 1, value, currentManager: "m1" }));
    const r = assignAccountManagers([...customers, { customerId: 6, value: 250, currentManager: "m2" }], [{ managerId: "m1", capacity: 3 }, { managerId: "m2", capacity: 5 }], key);
    expect(r.reassignments).toEqual([
      { customerId: 4, from: "m1", to: "m2", reason: "manager m1 over quota by 2" },
      { customerId: 5, from: "m1", to: "m2", reason: "manager m1 over quota by 2" },
    ]);
    expect(r.managers).toEqual([
      { managerId: "m1", active: true, capacity: 3, customers: 3, value: 1200, free: 0 },
      { managerId: "m2", active: true, capacity: 5, customers: 3, value: 550, free: 2 },
    ]);
    expect(r.unassigned).toEqual([]);
  });

  it("reassigns the customers of a manager who left or is inactive, and places new key accounts", () => {
    const customers = [
      { customerId: "a", value: 900, currentManager: "gone" },
      { customerId: "b", value: 800, currentManager: "m3" },
      { customerId: "c", value: 700 },
      { customerId: "d", value: 50, currentManager: "m1" },
    ];
    const managers = [{ managerId: "m1", capacity: 2 }, { managerId: "m2", capacity: 2 }, { managerId: "m3", capacity: 2, active: false }];
    const r = assignAccountManagers(customers, managers, key);
    // By value: a (900) → m1 (tie at load 0, then id), b (800) → m2 (load 0 < 900), c (700) → m2 (800 < 900).
    expect(r.reassignments).toEqual([
      { customerId: "a", from: "gone", to: "m1", reason: "manager gone left" },
      { customerId: "b", from: "m3", to: "m2", reason: "manager m3 is inactive" },
      { customerId: "c", from: null, to: "m2", reason: "customer upgraded to key account" },
      { customerId: "d", from: "m1", to: null, reason: "no longer a key account (value 50)" },
    ]);
    expect(r.assignments).toEqual([
      { customerId: "a", managerId: "m1" },
      { customerId: "b", managerId: "m2" },
      { customerId: "c", managerId: "m2" },
    ]);
    expect(r.unassigned).toEqual([{ customerId: "d", keyAccount: false, reason: "not a key account (value 50)" }]);
    expect(r.managers.find((m) => m.managerId === "m3")).toEqual({ managerId: "m3", active: false, capacity: 2, customers: 0, value: 0, free: 0 });
  });

  it("lists the key accounts no manager can take, with the reason, and never drops a customer", () => {
    const customers = [
      { customerId: 1, value: 300, region: "north" },
      { customerId: 2, value: 200, region: "north" },
      { customerId: 3, value: 100, region: "south" },
    ];
    const r = assignAccountManagers(customers, [{ managerId: "m1", capacity: 1, regions: ["north"] }], key);
    expect(r.assignments).toEqual([{ customerId: 1, managerId: "m1" }]);
    expect(r.unassigned).toEqual([
      { customerId: 2, keyAccount: true, reason: "no manager has free capacity" },
      { customerId: 3, keyAccount: true, reason: "no active manager covers region south" },
    ]);
  });

  it("balances by value (largest first to the least loaded) or by count", () => {
    const customers = [100, 80, 60, 40].map((value, i) => ({ customerId: i + 1, value }));
    const managers = [{ managerId: "m1", capacity: 10 }, { managerId: "m2", capacity: 10 }];
    // value: 100 → m1; 80 → m2; 60 → m2 (80 < 100); 40 → m1 (100 < 140): 140 each.
    const byValue = assignAccountManagers(customers, managers, { keyAccount: { minValue: 0 } });
    expect(byValue.assignments.map((a) => a.managerId)).toEqual(["m1", "m2", "m2", "m1"]);
    expect(byValue.managers.map((m) => m.value)).toEqual([140, 140]);
    // count: 100 → m1; 80 → m2; 60 → m1 (1 = 1, then id); 40 → m2.
    const byCount = assignAccountManagers(customers, managers, { keyAccount: { minValue: 0 }, balance: "count" });
    expect(byCount.assignments.map((a) => a.managerId)).toEqual(["m1", "m2", "m1", "m2"]);
  });

  it("selects key accounts by tiers or as the top N by value (ties by id)", () => {
    const customers = [
      { customerId: "x", value: 10, tier: "A" },
      { customerId: 2, value: 10, tier: "B" },
      { customerId: 1, value: 5, tier: "A" },
    ];
    const managers = [{ managerId: 1, capacity: 5 }];
    expect(assignAccountManagers(customers, managers, { keyAccount: { tiers: ["A"] } }).assignments.map((a) => a.customerId)).toEqual([1, "x"]);
    // topN 1: values 10, 10 tie; numbers come before strings, so customer 2.
    expect(assignAccountManagers(customers, managers, { keyAccount: { topN: 1 } }).assignments.map((a) => a.customerId)).toEqual([2]);
  });

  it("with keepExisting false, places every key account afresh", () => {
    const customers = [{ customerId: 1, value: 500, currentManager: "m2" }, { customerId: 2, value: 400, currentManager: "m2" }];
    const r = assignAccountManagers(customers, [{ managerId: "m1", capacity: 5 }, { managerId: "m2", capacity: 5 }], { keyAccount: { minValue: 0 }, keepExisting: false });
    // 500 → m1 (tie, id), 400 → m2 (0 < 500): customer 2 stays with m2, so only customer 1 is a move.
    expect(r.reassignments).toEqual([{ customerId: 1, from: "m2", to: "m1", reason: "reassigned (keepExisting is false)" }]);
  });

  it("refuses bad rows and rules with coded errors naming the place", () => {
    const c = [{ customerId: 1, value: 10 }];
    const m = [{ managerId: "m1", capacity: 1 }];
    expect(codeAndPath(() => assignAccountManagers(c, [{ managerId: "m1", capacity: -1 }], key))).toEqual(["NEGATIVE_VALUE", "managers[0].capacity"]);
    expect(codeAndPath(() => assignAccountManagers(c, [{ managerId: "m1", capacity: 1.5 }], key))).toEqual(["NOT_INTEGER", "managers[0].capacity"]);
    expect(codeAndPath(() => assignAccountManagers(c, [...m, { managerId: "m1", capacity: 2 }], key))).toEqual(["DUPLICATE_ID", "managers[1].managerId"]);
    expect(codeAndPath(() => assignAccountManagers([...c, { customerId: 1, value: 3 }], m, key))).toEqual(["DUPLICATE_ID", "customers[1].customerId"]);
    expect(codeAndPath(() => assignAccountManagers([{ customerId: 1, value: -3 }], m, key))).toEqual(["NEGATIVE_VALUE", "customers[0].value"]);
    expect(codeAndPath(() => assignAccountManagers(c, m, {} as never))).toEqual(["INVALID_OPTION", "options.keyAccount"]);
    expect(codeAndPath(() => assignAccountManagers(c, m, { keyAccount: { minValue: 1, topN: 3 } }))).toEqual(["INVALID_OPTION", "options.keyAccount"]);
    expect(codeAndPath(() => assignAccountManagers(c, m, { keyAccount: { topn: 3 } as never }))).toEqual(["UNKNOWN_OPTION", "options.keyAccount.topn"]);
    expect(codeAndPath(() => assignAccountManagers(c, [{ managerId: "m1", capacity: 1, skill: "german" } as never], key))).toEqual(["UNKNOWN_OPTION", "managers[0].skill"]);
  });
});
