//! sim (to come).
