//! Opens the files a user names: picks the reader by what the file is.

use std::path::Path;

use crate::error::InputError;
use crate::plan::{load_plan, Plan, PlanOptions};
use crate::sheet::Sheet;
use crate::workbook::{is_lock_file, is_workbook, read_workbook, unsupported_workbook};

/// Reads a table file: a workbook (`.xlsx`, `.ods`: the sheet named `sheet`,
/// else the first), or delimited text (CSV, semicolon or tab separated).
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<Sheet, InputError> {
    if is_workbook(path) {
        return read_workbook(path, sheet);
    }
    if let Some(message) = unsupported_workbook(path) {
        return Err(InputError::new(path.display().to_string(), None, message));
    }
    Sheet::read(path)
}

/// True for the files a folder given to `--actuals` contributes: text tables
/// and workbooks, but not the lock files an open workbook leaves beside it.
pub fn is_table_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    (matches!(ext.as_deref(), Some("csv" | "tsv")) || is_workbook(path)) && !is_lock_file(path)
}

/// Reads the plan, whatever form it comes in (`sheet` picks a workbook's sheet).
pub fn read_plan(
    path: &Path,
    sheet: Option<&str>,
    options: PlanOptions,
    warnings: &mut Vec<String>,
) -> Result<Plan, InputError> {
    if !path.exists() {
        let file = path.display().to_string();
        let beside = ["csv", "xlsx", "ods"].iter().map(|ext| path.with_extension(ext)).find(|p| p.is_file());
        let message = match beside {
            Some(other) => format!("no such file; there is {}: give --plan {0}", other.display()),
            None => "no such file (give the plan with --plan FILE)".to_string(),
        };
        return Err(InputError::new(file, None, message));
    }
    let sheet = read_sheet(path, sheet)?;
    load_plan(&sheet, options, warnings)
}
