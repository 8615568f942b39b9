// The staff forms: one zod schema each, for server and browser. Messages are i18n keys of the
// staff namespace.
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, roles } from "./roles";

const text = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const raw = (v: unknown) => (typeof v === "string" ? v : "");

export const loginSchema = z.object({
  email: z.preprocess(text, z.string().min(1, { error: "errors.emailRequired" }).max(200, { error: "errors.invalid" })),
  password: z.preprocess(raw, z.string().min(1, { error: "errors.passwordRequired" }).max(1024, { error: "errors.invalid" })),
});

export const codeSchema = z.object({
  code: z.preprocess((v) => (typeof v === "string" ? v.replace(/[\s-]/g, "") : v), z.string().regex(/^\d{6}$/, { error: "errors.codeFormat" })),
});

const newPassword = z.string().min(PASSWORD_MIN_LENGTH, { error: "errors.passwordTooShort" }).max(PASSWORD_MAX_LENGTH, { error: "errors.passwordTooLong" });

export const passwordChangeSchema = z
  .object({
    current: z.preprocess(raw, z.string().min(1, { error: "errors.currentPasswordRequired" }).max(1024)),
    password: z.preprocess(raw, newPassword),
    repeat: z.preprocess(raw, z.string()),
  })
  .refine((v) => v.password === v.repeat, { path: ["repeat"], error: "errors.passwordMismatch" });

export const totpConfirmSchema = z.object({
  secret: z.string().regex(/^[A-Z2-7]{32}$/),
  code: codeSchema.shape.code,
});

export const newAccountSchema = z
  .object({
    name: z.preprocess(text, z.string().min(2, { error: "errors.nameRequired" }).max(100, { error: "errors.nameTooLong" })),
    email: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
      z.email({ error: "errors.emailInvalid" }).max(200, { error: "errors.emailInvalid" }),
    ),
    role: z.enum(roles, { error: "errors.roleRequired" }),
    unitId: z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null), z.string().max(100).nullable()),
  })
  .superRefine((v, ctx) => {
    const needs = v.role === "clearing" || v.role === "case_worker" || v.role === "service_point";
    if (needs && !v.unitId) ctx.addIssue({ code: "custom", path: ["unitId"], message: "errors.unitRequired" });
  })
  .transform((v) => ({ ...v, unitId: v.role === "clearing" || v.role === "case_worker" || v.role === "service_point" ? v.unitId : null }));
