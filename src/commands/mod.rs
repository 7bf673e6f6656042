//! One file per subcommand.

pub mod check;
pub mod eval;
pub mod explain;
pub mod import;
pub mod template;
