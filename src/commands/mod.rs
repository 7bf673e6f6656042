//! One file per subcommand.

pub mod check;
pub mod completions;
pub mod eval;
pub mod explain;
pub mod import;
pub mod man;
pub mod needs;
pub mod template;
