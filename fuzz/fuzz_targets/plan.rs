//! Any bytes as a plan file: decoded, split into rows, loaded.
#![no_main]
use kpi::diagnostic::Diagnostics;
use kpi::files::sheet::{decode, Sheet};
use kpi::plan::{load_plan, PlanOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(sheet) = Sheet::parse("plan.csv", &decode(bytes)) {
        let _ = load_plan(&sheet, PlanOptions::default(), &mut Diagnostics::reading_on());
    }
});
