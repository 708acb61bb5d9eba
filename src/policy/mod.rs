//! policy (to come).
