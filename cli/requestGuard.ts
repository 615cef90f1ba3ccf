import type { NextFunction, Request, Response } from "express";

/** Largest request body the server reads at all; routes apply tighter limits of their own. */
export const MAX_REQUEST_BYTES = 12 * 1024 * 1024;

const tooLarge = { error: { code: "bodyTooLarge", message: "提交内容过大", messageEn: "The submission is too large" } };

/**
 * Refuses oversized bodies before Remix reads them, and passes the socket address on for the
 * login rate limit (a client-supplied header of the same name is overwritten).
 */
export function guardRequest(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    req.headers["x-niangjia-client-address"] =
      process.env.TRUST_PROXY === "true" ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0].trim() || req.socket.remoteAddress || "unknown" : req.socket.remoteAddress || "unknown";
    const length = Number(req.headers["content-length"] ?? 0);
    if (length > maxBytes) {
      res.status(413).json(tooLarge);
      req.resume();
      return;
    }
    next();
  };
}
