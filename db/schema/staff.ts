// Staff accounts and sessions. Authentication lives behind app/domain/staff/auth.server.ts so
// that single sign-on can replace the password login later.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { units } from "./office";

export const staffUsers = pgTable(
  "staff_users",
  {
    id: serial("id").primaryKey(),
    /** Lower-cased; the login name. */
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    /** The unit a clearing clerk, case worker or service-point member belongs to. */
    unitId: text("unit_id").references(() => units.id),
    /** argon2id, PHC string format. */
    passwordHash: text("password_hash").notNull(),
    /** Base32 TOTP secret once the second factor is set up. */
    totpSecret: text("totp_secret"),
    /** The last TOTP time step accepted, so that a code cannot be used twice. */
    totpLastStep: integer("totp_last_step"),
    failedLogins: smallint("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  },
  (t) => [
    check("staff_users_role", sql`${t.role} IN ('clearing', 'case_worker', 'service_point', 'team_lead', 'admin')`),
    check("staff_users_email", sql`${t.email} = lower(${t.email}) AND ${t.email} LIKE '%_@_%'`),
    check("staff_users_unit", sql`${t.role} NOT IN ('clearing', 'case_worker', 'service_point') OR ${t.unitId} IS NOT NULL`),
  ],
);

export const staffSessions = pgTable(
  "staff_sessions",
  {
    /** sha256 of the session cookie's value; the value itself is never stored. */
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    /** False until the second factor is given (for accounts that have one). */
    complete: boolean("complete").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("staff_sessions_user").on(t.userId), index("staff_sessions_expiry").on(t.expiresAt)],
);
