//! lab (to come).
