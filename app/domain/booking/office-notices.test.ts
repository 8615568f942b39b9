import { expect, test } from "vitest";
import { readOfficeNotice, readServicePointNotice } from "./office-notices";

const params = (query: string) => new URLSearchParams(query);

test("office notices are read back from the address; anything malformed shows none", () => {
  expect(readOfficeNotice(params("saved=hours&weekday=3&unit="))).toEqual({ key: "hoursSaved", weekday: 3 });
  expect(readOfficeNotice(params("saved=hours&weekday=8"))).toBeNull();
  expect(readOfficeNotice(params("saved=slots&service=naturalisation"))).toEqual({ key: "slotsSaved", serviceId: "naturalisation" });
  expect(readOfficeNotice(params("saved=slots&service=<b>"))).toBeNull();
  expect(readOfficeNotice(params("saved=closed&day=2026-12-24&closureUnit=&cancelled=2"))).toEqual({ key: "closed", day: "2026-12-24", unitId: null, cancelled: 2 });
  expect(readOfficeNotice(params("saved=closed&day=2026-12-24&closureUnit=clearing&cancelled=-1"))).toBeNull();
  expect(readOfficeNotice(params("saved=removed"))).toEqual({ key: "removed" });
  expect(readOfficeNotice(params(""))).toBeNull();
});

test("service point notices come from the day's list, not from the address alone", () => {
  const day = [
    { id: 1, name: "Amira Haddad", status: "checked_in", ticket: 4, calledCounter: 2 },
    { id: 2, name: "Olena Koval", status: "no_show", ticket: null, calledCounter: null },
    { id: 3, name: "Ali Rahimi", status: "booked", ticket: null, calledCounter: null },
  ];
  expect(readServicePointNotice(params("checkedIn=1"), day)).toEqual({ key: "checkedIn", name: "Amira Haddad", ticket: 4 });
  expect(readServicePointNotice(params("called=1"), day)).toEqual({ key: "called", ticket: 4, counter: 2 });
  expect(readServicePointNotice(params("completed=1"), day)).toEqual({ key: "completed", ticket: 4 });
  expect(readServicePointNotice(params("noShow=2"), day)).toEqual({ key: "noShow", name: "Olena Koval" });
  expect(readServicePointNotice(params("noShow=3"), day)).toBeNull();
  expect(readServicePointNotice(params("checkedIn=99"), day)).toBeNull();
  expect(readServicePointNotice(params("checkedIn=x"), day)).toBeNull();
});
