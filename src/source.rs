//! Account sources (to come).
