use std::process::ExitCode;

fn main() -> ExitCode {
    kpi::commands::main()
}
