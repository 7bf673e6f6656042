//! kpi: evaluate the KPIs of a public body's performance plan.
//!
//! Data flows one way: files ([`sheet`], [`inputs`]) → [`plan::Plan`] and
//! [`actuals::Actuals`] → [`evaluate::evaluate`] → one renderer per format
//! ([`report`]).
//!
//! Around that flow: [`check`] finds every problem of the inputs in one run,
//! [`template`] lists the values a year needs, [`explain`] writes out how one
//! score was made, [`trend`] evaluates years side by side, and
//! [`adjustment`] holds the evaluator's decisions (neutralize, force a score).

pub mod actuals;
pub mod adjustment;
pub mod app;
pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod error;
pub mod evaluate;
pub mod explain;
pub mod formula;
pub mod import;
pub mod inputs;
pub mod output;
pub mod plan;
pub mod report;
pub mod rollup;
pub mod score;
pub mod sheet;
pub mod similar;
pub mod target;
pub mod template;
pub mod trend;
pub mod value;
pub mod workbook;
