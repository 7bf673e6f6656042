//! Any text as the published layout (the plan's text from its PDF).
#![no_main]
use kpi::import::import_published;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(plan) = import_published(text) {
        let _ = plan.to_canonical_csv();
    }
});
