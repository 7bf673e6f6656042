//! One file per subcommand.

pub mod completions;
pub mod eval;
pub mod man;
