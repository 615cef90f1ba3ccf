import { apiError } from "~/api/apiError.server";

/** Anything else under /api/v1 is a JSON 404, not the app's HTML page. */
export const loader = async () => apiError("notFound");
export const action = loader;
