//! Any bytes as an actuals file.
#![no_main]
use kpi::actuals::Actuals;
use kpi::diagnostic::Diagnostics;
use kpi::files::sheet::{decode, Sheet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(sheet) = Sheet::parse("actuals.csv", &decode(bytes)) {
        Actuals::default().add_sheet(&sheet, None, &mut Diagnostics::reading_on());
    }
});
