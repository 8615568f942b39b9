import { and, eq, isNull } from "drizzle-orm";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as schema from "#db/schema";
import { seedDemoOffice } from "#db/seed/seed";
import { cancelBooking } from "#app/domain/booking/booking.server";
import { bookingJobs } from "#app/domain/booking/jobs.server";
import { backgroundTick } from "#app/jobs.server";
import { queueMessage } from "#app/domain/messages/outbox.server";
import { enqueue, pendingJobs, runDueJobs } from "#app/lib/jobs.server";
import { createMailer, deliverOutbox } from "#app/lib/mail.server";
import { createTestDatabase, type TestDatabase } from "#tests/support/database";
import { bookAppointment, personDetails } from "#tests/support/factories";

let tdb: TestDatabase;
const now = new Date("2026-11-23T06:00:00Z");
beforeAll(async () => {
  tdb = await createTestDatabase(async (db) => {
    await seedDemoOffice(db, now);
  });
});
afterAll(() => tdb?.drop());

function book(startsAt: string, name: string, language: "tr" | "de") {
  return bookAppointment(tdb.db, {
    serviceId: "residence-extension",
    startsAt: new Date(startsAt),
    now,
    contact: personDetails({ name, birthDate: "1985-05-05", email: `${name.split(" ")[0]}@example.org`, language }),
  });
}

describe("reminders", () => {
  test("one day before, in the person's language, only if the appointment still stands", async () => {
    const kept = await book("2026-11-26T08:00:00Z", "Kemal Yilmaz", "tr");
    const dropped = await book("2026-11-26T08:20:00Z", "Dora Brandt", "de");
    await cancelBooking(tdb.db, dropped.manageToken!, now);
    const reminders = await pendingJobs(tdb.db, "reminder");
    expect(reminders.map((j) => j.runAt.toISOString())).toEqual(["2026-11-25T08:00:00.000Z", "2026-11-25T08:20:00.000Z"]);

    // The cancellation asked for its place to be offered to the waitlist (nobody waits here).
    expect((await pendingJobs(tdb.db, "waitlist-offer")).map((j) => j.payload)).toHaveLength(1);
    expect(await runDueJobs(tdb.db, bookingJobs("http://lotse.test"), new Date("2026-11-25T07:59:00Z"))).toBe(1);
    expect(await pendingJobs(tdb.db, "waitlist-offer")).toEqual([]);
    expect(await runDueJobs(tdb.db, bookingJobs("http://lotse.test"), new Date("2026-11-25T08:30:00Z"))).toBe(2);
    const sent = await tdb.db.select().from(schema.outbox).where(eq(schema.outbox.kind, "booking-reminder"));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ toEmail: "Kemal@example.org", language: "tr" });
    expect(sent[0]!.subject).toMatch(/^Hatırlatma: /);
    expect(sent[0]!.body).toContain(kept.code);
    expect(await pendingJobs(tdb.db, "reminder")).toEqual([]);
  });
});

describe("the job queue", () => {
  test("two workers racing over ten jobs run each exactly once", async () => {
    const runs: number[] = [];
    const handlers = {
      count: async (_db: unknown, payload: Record<string, unknown>) => {
        runs.push(Number(payload.n));
      },
    };
    for (let n = 0; n < 10; n++) await enqueue(tdb.db, "count", { n }, now);
    const counts = await Promise.all([runDueJobs(tdb.db, handlers, now, 10), runDueJobs(tdb.db, handlers, now, 10)]);
    expect(counts[0]! + counts[1]!).toBe(10);
    expect(runs.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test("a failing job is retried later, with the error kept", async () => {
    let calls = 0;
    const handlers = {
      flaky: async () => {
        calls++;
        if (calls === 1) throw new Error("mail server down");
      },
    };
    await enqueue(tdb.db, "flaky", {}, now, "flaky-1");
    await enqueue(tdb.db, "flaky", {}, now, "flaky-1"); // the same key: not twice
    expect(await runDueJobs(tdb.db, handlers, now)).toBe(1);
    const [job] = await pendingJobs(tdb.db, "flaky");
    expect(job).toMatchObject({ attempts: 1, lastError: "mail server down" });
    expect(job!.runAt.getTime()).toBe(now.getTime() + 2 * 60_000);
    expect(await runDueJobs(tdb.db, handlers, new Date(now.getTime() + 60_000))).toBe(0);
    expect(await runDueJobs(tdb.db, handlers, new Date(now.getTime() + 2 * 60_000))).toBe(1);
    expect(await pendingJobs(tdb.db, "flaky")).toEqual([]);
  });
});

describe("e-mail through SMTP", () => {
  test("the outbox is delivered to a real SMTP server once", async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        let raw = "";
        stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
        stream.on("end", () => {
          received.push(raw);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const mailer = createMailer(`smtp://127.0.0.1:${port}`, "Lotse <lotse@example.org>")!;
      await tdb.db.delete(schema.outbox);
      await queueMessage(tdb.db, { kind: "test", toEmail: "ayse@example.org", toPhone: null, language: "de", subject: "Ihr Termin", body: "Guten Tag" });
      await queueMessage(tdb.db, { kind: "test", toEmail: null, toPhone: "+491511234567", language: "de", subject: "SMS", body: "x" });
      await backgroundTick(tdb.db, mailer, "http://lotse.test", now);
      expect(received).toHaveLength(1);
      expect(received[0]).toContain("Subject: Ihr Termin");
      expect(received[0]).toContain("To: ayse@example.org");
      expect(await deliverOutbox(tdb.db, mailer, now)).toBe(0);
      const unsent = await tdb.db
        .select()
        .from(schema.outbox)
        .where(and(isNull(schema.outbox.sentAt)));
      expect(unsent.map((m) => m.toPhone)).toEqual(["+491511234567"]);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
