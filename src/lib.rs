//! kpi: evaluate the KPIs of a public body's performance plan.
//!
//! Data flows one way: files ([`files`]) → [`plan::Plan`] and
//! [`actuals::Actuals`] → [`evaluate::evaluate`] → one renderer per format
//! ([`report`]).
//!
//! Around that flow: [`check`] finds every problem of the inputs in one run,
//! [`template`] lists the values a year needs, [`explain`] writes out how one
//! score was made, [`evaluate::trend()`] evaluates years side by side, and
//! [`actuals::Decision`] is an evaluator's decision (neutralize, force a score).
//!
//! The same flow as a library, on a plan of one indicator:
//!
//! ```
//! use kpi::actuals::Actuals;
//! use kpi::diagnostic::Diagnostics;
//! use kpi::evaluate::{evaluate, Options};
//! use kpi::plan::{load_plan, PlanOptions};
//! use kpi::files::sheet::Sheet;
//!
//! let plan = "level,code,formula,unit,target_2024\n\
//!             indicator,EC05.1,[Patrimonio netto] / [Immobilizzazioni],%,>= 105 %\n";
//! let actuals = "year,code,variable,value\n\
//!                2024,EC05.1,Patrimonio netto,84\n\
//!                2024,EC05.1,Immobilizzazioni,100\n";
//! // Every problem and warning goes to one collector; this one stops at the
//! // first error, as `kpi eval` does.
//! let mut diagnostics = Diagnostics::default();
//! let plan = load_plan(&Sheet::parse("plan.csv", plan)?, PlanOptions::default(), &mut diagnostics)?;
//! let mut given = Actuals::default();
//! given.add_sheet(&Sheet::parse("actuals.csv", actuals)?, None, &mut diagnostics);
//! diagnostics.no_error()?;
//! let evaluation = evaluate(&plan, &given, 2024, Options::default())?;
//! // 84 / 100 = 0.84 against >= 1.05: ratio 100 × 0.84 / 1.05 = 80
//! assert_eq!(evaluation.score.map(|s| s.to_string()), Some("80".to_string()));
//! # Ok::<(), kpi::diagnostic::Diagnostic>(())
//! ```

pub mod actuals;
pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod error;
pub mod evaluate;
pub mod explain;
pub mod figure;
pub mod files;
pub mod fold;
pub mod formula;
pub mod gap;
pub mod import;
pub mod lang;
pub mod maybe_decimal;
pub mod maybe_value;
pub mod needs;
pub mod output;
pub mod plan;
pub mod report;
pub mod scale;
pub mod similar;
pub mod target;
pub mod template;
pub mod threads;
pub mod unit;
pub mod value;
pub mod visible;
