import express, { type Router } from "express";

/** /api/messages while Teams is off: refused with 401, so a forgotten registration is not mistaken for a missing route. */
export function refuseTeams(): Router {
  const router = express.Router();
  router.post("/api/messages", (_req, res) => {
    res.status(401).json({ error: "teams_not_configured" });
  });
  return router;
}
