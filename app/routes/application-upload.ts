import type { Route } from "./+types/application-upload";
import { uploadAction, uploadLoader } from "#app/domain/applications/upload-api.server";

// GET, PUT and DELETE /application/:secret/uploads/:uploadId: one resumable upload
// (see app/domain/applications/upload-api.server.ts).
export const loader = (args: Route.LoaderArgs) => uploadLoader(args, "draft");
export const action = (args: Route.ActionArgs) => uploadAction(args, "draft");
