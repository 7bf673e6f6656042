//! Where results go: standard output (a closed pipe is not an error) or a
//! file written atomically, so an error midway leaves the earlier file intact.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::Context;

/// Writes through `render` to `path`, or to standard output when `None`.
pub fn write_output(path: Option<&Path>, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    match path {
        Some(path) => write_file_atomically(path, |out| render(out)),
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let result = render(&mut out).and_then(|()| out.flush());
            match result {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other.context("cannot write to standard output"),
            }
        }
    }
}

/// Writes to a temporary file beside `path`, then renames it into place.
pub fn write_file_atomically(path: &Path, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".kpi-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a file in {}", dir.display()))?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        render(&mut out).and_then(|()| out.flush()).with_context(|| format!("cannot write {}", path.display()))?;
    }
    temp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn an_error_midway_leaves_the_earlier_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.xlsx");
        std::fs::write(&path, b"the earlier report").unwrap();
        let result = write_file_atomically(&path, |out| {
            out.write_all(&[0x50, 0x4b, 0x03, 0x04])?;
            out.flush()?;
            Err(io::Error::other("the disk is full"))
        });
        let message = format!("{:#}", result.unwrap_err());
        assert!(message.contains("cannot write") && message.contains("the disk is full"), "{message}");
        assert_eq!(std::fs::read(&path).unwrap(), b"the earlier report");
        assert_eq!(files_in(dir.path()), ["report.xlsx"], "no temporary file is left behind");
    }

    #[test]
    fn a_finished_file_replaces_the_earlier_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.csv");
        std::fs::write(&path, b"old").unwrap();
        write_file_atomically(&path, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(files_in(dir.path()), ["report.csv"]);
    }
}
