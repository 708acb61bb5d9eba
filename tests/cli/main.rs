//! The integration tests: one binary, one module per area, each running the
//! real program or the library's public pipeline.

mod util;

mod bad_input;
mod fixtures;
mod grade;
mod pty;
mod serve;
mod verify;
