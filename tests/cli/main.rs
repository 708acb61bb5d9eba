//! The integration tests: one binary, one module per area, each running the
//! real program or the library's public pipeline.

mod util;

mod architecture;
mod bad_input;
mod calc;
mod fixtures;
mod grade;
mod lint;
mod pty;
mod quiz;
mod serve;
mod snapshots;
mod verify;
