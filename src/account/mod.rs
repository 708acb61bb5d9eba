//! account (to come).
