import type { Route } from "./+types/application-uploads";
import { uploadsAction } from "#app/domain/applications/upload-api.server";

// POST /application/:secret/uploads: announce a resumable upload, or send the upload form's files
// (see app/domain/applications/upload-api.server.ts).
export const action = (args: Route.ActionArgs) => uploadsAction(args, "draft");
