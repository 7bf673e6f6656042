//! kpi: evaluate the KPIs of a public body's performance plan.

pub mod import;
