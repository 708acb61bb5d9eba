//! checks (to come).
