// Generated from the Rust of `otau-api` (src/bindings.rs); do not edit.
// Refresh: OTAU_UPDATE_BINDINGS=1 cargo test -p otau-api bindings
// The stable error codes the UI decides on (translated by their message ids).
export const Code = {
  SignedOut: "desk-signed-out",
  Locked: "desk-locked",
  NoDatabase: "desk-no-database",
  DateFormat: "desk-date-format",
  Internal: "desk-internal",
  BadArguments: "desk-bad-arguments",
  Invalid: "store-invalid",
  Duplicates: "store-duplicates",
  IinTaken: "store-iin-taken",
  Forbidden: "store-forbidden",
  UserInactive: "store-user-inactive",
  SignInLocked: "store-sign-in-locked",
  VersionConflict: "store-version-conflict",
} as const;
