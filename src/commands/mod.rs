//! One file per subcommand.

pub mod check;
pub mod eval;
pub mod import;
pub mod template;
