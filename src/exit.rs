//! Exit codes: one meaning each, shared by every command.

/// Every check passed (skipped probes do not count against it).
pub const OK: u8 = 0;
/// Some check failed or is still pending.
pub const CHECKS_FAILED: u8 = 1;
/// Bad usage, or a lab, fixture, roster or bank that is not valid.
pub const USAGE: u8 = 2;
/// Could not verify: credentials, network, access denied.
pub const COULD_NOT_VERIFY: u8 = 3;
