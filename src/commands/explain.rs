//! `kpi explain CODE YEAR`: how one score was made, with its arithmetic.

use std::process::ExitCode;

use crate::cli::ExplainArgs;
use crate::diagnostic::Diagnostics;
use crate::error::UsageError;
use crate::evaluate::evaluate;
use crate::explain::explain;
use crate::output::write_output;
use crate::similar::closest;

pub fn run(args: &ExplainArgs, diagnostics: &mut Diagnostics) -> anyhow::Result<ExitCode> {
    diagnostics.extend(args.scoring.unused());
    let plan = args.inputs.read_plan(diagnostics)?;
    diagnostics.no_error()?;
    let Some(index) = plan.find(&args.code) else {
        let near = closest(&args.code, plan.nodes.iter().map(|n| n.code()));
        let hint = near.map(|n| format!("; did you mean {n}?")).unwrap_or_default();
        return Err(UsageError(format!("`{}` is not a code of {}{hint}", args.code, plan.source)).into());
    };
    let actuals = args.inputs.read_actuals(diagnostics);
    diagnostics.no_error()?;
    let evaluation = evaluate(&plan, &actuals, args.year, args.scoring.options())?;
    let lines = explain(&plan, &actuals, &evaluation, index, args.lang.lang());
    write_output(None, |out| lines.iter().try_for_each(|line| writeln!(out, "{line}")))?;
    Ok(ExitCode::SUCCESS)
}
