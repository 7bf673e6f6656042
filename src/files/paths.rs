//! The files behind the paths given for the actuals: a folder stands for its
//! table files.

use std::path::{Path, PathBuf};

use super::workbook::{is_lock_file, is_workbook, unsupported_workbook};
use crate::diagnostic::Diagnostic;

/// True for the files a folder given to `--actuals` contributes: text tables
/// and workbooks, but not the lock files an open workbook leaves beside it.
pub fn is_table_file(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    (matches!(ext.as_deref(), Some("csv" | "tsv")) || is_workbook(path)) && !is_lock_file(path)
}

/// The files behind the paths: a folder stands for its table files, sorted.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| {
                Diagnostic::error(path.display().to_string(), None, format!("cannot read the folder: {e}"))
            })?;
            // Workbooks kpi cannot read (.xls) are kept, so that reading them
            // says so, rather than their values going missing without a word.
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file() && (is_table_file(p) || (unsupported_workbook(p).is_some() && !is_lock_file(p)))
                })
                .collect();
            if found.is_empty() {
                return Err(Diagnostic::error(
                    path.display().to_string(),
                    None,
                    "the folder has no actuals files (.csv, .tsv, .xlsx or .ods): every indicator would be missing",
                )
                .with_hint("put the actuals files in it, or give them with --actuals FILE"));
            }
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(Diagnostic::error(
                path.display().to_string(),
                None,
                "no such file or folder (give actuals with --actuals FILE_OR_FOLDER)",
            ));
        }
    }
    Ok(files)
}
