//! Every figure kpi writes, for people and for files, written here once:
//! numbers, percents, dates, values in their unit, targets, scores and
//! weights (README, "Figures").
//!
//! Reading is [`crate::value`]'s and [`crate::target`]'s business; this
//! module only writes, and what it writes they read back as the same value
//! (or, for the rounded figures of the human outputs, as the figure shown).
//! A human output writes in its reader's [`Style`]: Italian `1.336`,
//! `104,67 %`, `31-03-2024` by default, English `1,336`, `104.67 %`,
//! `31/03/2024` with `--lang en`. Files and machine outputs have forms of
//! their own that do not depend on the language ([`cell`], [`canonical`]).

pub mod canonical;
pub mod cell;
mod date;
mod human;
mod number;
mod style;

pub use date::date;
pub use human::{exact, figure, full, operand, score, target, value, weight};
pub use number::{grouped, points, round};
pub use style::Style;
