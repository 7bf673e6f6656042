//! Years side by side as a workbook: one sheet per year, each written like a
//! single year's workbook.

use std::io::{self, Write};

use super::TrendRenderer;
use crate::evaluate::trend::Trend;
use crate::plan::Plan;
use crate::report::xlsx::xlsx_error;
use crate::report::{ReportOptions, XlsxReport};

pub struct TrendXlsx {
    pub options: ReportOptions,
}

impl TrendRenderer for TrendXlsx {
    fn render(&self, plan: &Plan, trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
        let report = XlsxReport { options: self.options.clone() };
        let bytes = report.trend_workbook(plan, &trend.evaluations).map_err(xlsx_error)?;
        out.write_all(&bytes)
    }
}
