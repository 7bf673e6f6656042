//! The integration tests, one binary: the suite builds and links once.

mod adjustments;
mod browser;
mod check;
mod check_large;
mod cli;
mod common;
mod conformance;
mod diagnostics;
mod explain;
mod hostile;
mod import_cells;
mod import_editions;
mod import_large;
mod import_never_panics;
mod import_real_plan;
mod manual;
mod plans_as_written;
mod properties;
mod real_fixtures;
mod real_plan;
mod relazione;
mod sample_plan;
mod spreadsheets_in;
mod spreadsheets_out;
mod template;
mod trend;
