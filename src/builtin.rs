//! Built-in labs, fixtures and quiz banks (to come).
