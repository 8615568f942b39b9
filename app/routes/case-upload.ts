import type { Route } from "./+types/case-upload";
import { uploadAction, uploadLoader } from "#app/domain/applications/upload-api.server";

// GET, PUT and DELETE /case/:secret/uploads/:uploadId: one resumable upload
// (see app/domain/applications/upload-api.server.ts).
export const loader = (args: Route.LoaderArgs) => uploadLoader(args, "case");
export const action = (args: Route.ActionArgs) => uploadAction(args, "case");
