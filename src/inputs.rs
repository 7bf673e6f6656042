//! Opens the files a user names: picks the reader by what the file is.

use std::path::Path;

use crate::error::InputError;
use crate::plan::{load_plan, Plan, PlanOptions};
use crate::sheet::Sheet;

/// Reads a table file (CSV, semicolon or tab separated).
pub fn read_sheet(path: &Path) -> Result<Sheet, InputError> {
    Sheet::read(path)
}

/// True for the files a folder given to `--actuals` contributes.
pub fn is_table_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("csv" | "tsv"))
}

/// Reads the plan, whatever form it comes in.
pub fn read_plan(path: &Path, options: PlanOptions, warnings: &mut Vec<String>) -> Result<Plan, InputError> {
    let sheet = read_sheet(path)?;
    load_plan(&sheet, options, warnings)
}
