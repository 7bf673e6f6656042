//! One file per subcommand.

pub mod completions;
pub mod eval;
pub mod import;
pub mod man;
