// A whole-page drill's short code (site_build/render/drills.py `drill_code`), as a person types it: the
// facilitator's cards and the trainee's guided page both read it with this one function.

/** Capitals and digits only: "k7-qm " reads K7QM. */
export function normaliseCode(text) {
  return String(text).toUpperCase().replace(/[^A-Z0-9]/g, "");
}
