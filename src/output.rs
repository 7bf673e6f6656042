//! Where results go: standard output (a closed pipe is not an error), or a
//! file. A regular file (or a new one) is written atomically: to a temporary
//! file beside it, synced to disk, then renamed over it, so an error midway,
//! an interruption or a crash leaves the earlier file intact; the temporary
//! file is removed on any error and on SIGINT, SIGTERM and SIGHUP. Anything
//! else (a device such as `/dev/null`, a FIFO, `/dev/stdout`) is written to
//! directly: it cannot be replaced.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use anyhow::{bail, Context};

use crate::error::UsageError;

/// Writes through `render` to `path`, or to standard output when `None`.
pub fn write_output(path: Option<&Path>, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    match path {
        Some(path) => write_file(path, render),
        None => write_stdout(render),
    }
}

/// Writes to standard output. A closed pipe (the reader has what it wanted,
/// as with `| head`) is not an error; a full device or a closed standard
/// output is.
pub fn write_stdout(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    if stdout_is_closed() {
        bail!("cannot write to standard output: it is closed; give -o FILE, or leave standard output open");
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = render(&mut out).and_then(|()| out.flush());
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// True when standard output was closed when kpi started (`>&-`). The
/// runtime then opens `/dev/null` in its place, read-write, before kpi runs,
/// so writes would vanish without an error; a shell's `> /dev/null` opens it
/// write-only, and stays a success.
fn stdout_is_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        let is_null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|target| target == Path::new("/dev/null"));
        let read_write = std::fs::read_to_string("/proc/self/fdinfo/1").ok().is_some_and(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("flags:"))
                .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2)
        });
        is_null && read_write
    }
    #[cfg(not(target_os = "linux"))]
    false
}

/// Refuses an output file that is one of the files the run reads (the plan,
/// an actuals file, the published plan): writing it would replace an input.
/// Links are followed, so another name for the same file is caught too.
pub fn refuse_output_over_inputs<'a>(
    output: Option<&Path>,
    inputs: impl IntoIterator<Item = (&'a str, &'a Path)>,
) -> Result<(), UsageError> {
    let Some(output) = output else { return Ok(()) };
    let Some(written) = identity(output) else { return Ok(()) };
    for (what, input) in inputs {
        if identity(input).as_ref() == Some(&written) {
            let names = if output == input { "would replace" } else { "names the same file as" };
            return Err(UsageError(format!(
                "-o {} {names} {what} {}, which this run reads: write the output to another file",
                output.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// What tells two names of one existing regular file apart from two files.
fn identity(path: &Path) -> Option<(u64, u64)> {
    let metadata = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::fs::canonicalize(path).ok()?.hash(&mut h);
        Some((0, h.finish()))
    }
}

/// Writes `path`: atomically when it is a regular file or a new one,
/// directly otherwise.
pub fn write_file(path: &Path, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    match resolve(path) {
        Target::Direct => write_directly(path, render),
        Target::File(file) => write_file_atomically(&file, render),
    }
}

/// How a path is written.
enum Target {
    /// A device, a FIFO, a socket, or a file reached through `/proc` or
    /// `/dev/fd` (`/dev/stdout`): opened and written as it is.
    Direct,
    /// A regular file, or none yet: the file at the end of its links.
    File(PathBuf),
}

/// Follows a path's links to their end (a link to a link to a file is the
/// file), and says how to write what is there.
fn resolve(path: &Path) -> Target {
    let mut current = path.to_path_buf();
    // As many links as the system itself follows.
    for _ in 0..40 {
        if current.starts_with("/proc") || current.starts_with("/dev/fd") {
            return Target::Direct;
        }
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&current) {
                Ok(target) => {
                    current = match current.parent() {
                        Some(dir) if target.is_relative() => dir.join(target),
                        _ => target,
                    }
                }
                Err(_) => return Target::File(current),
            },
            Ok(m) if !m.is_file() => return Target::Direct,
            _ => return Target::File(current),
        }
    }
    // A loop of links: opening it says so.
    Target::Direct
}

/// Writes to what is already there, without a temporary file.
fn write_directly(path: &Path, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!("cannot write {}: it is a folder; name a file", path.display());
    }
    // Appending: a file behind `/dev/stdout` keeps what the shell asked (`>` emptied it, `>>` did not).
    let file =
        OpenOptions::new().append(true).open(path).with_context(|| format!("cannot write {}", path.display()))?;
    let mut out = BufWriter::new(file);
    match render(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.with_context(|| format!("cannot write {}", path.display())),
    }
}

/// Writes to a temporary file beside `path`, syncs it, then renames it into
/// place. The new file gets the permissions of the one it replaces, or those
/// a new file gets (read for others, as the umask allows), never a temporary
/// file's private ones.
pub fn write_file_atomically(path: &Path, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let earlier = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kpi-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let cannot_write = || format!("cannot write {}", path.display());
    let (mut temp, _removed_on_signal) = Pending::create(|| builder.tempfile_in(dir))
        .with_context(|| format!("cannot create a file in {}", dir.display()))?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        render(&mut out).and_then(|()| out.flush()).with_context(cannot_write)?;
    }
    if let Some(permissions) = earlier {
        temp.as_file().set_permissions(permissions).with_context(cannot_write)?;
    }
    temp.as_file().sync_all().with_context(cannot_write)?;
    temp.persist(path).with_context(cannot_write)?;
    // The rename itself reaches the disk with the folder.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Temporary files being written, removed if a signal ends kpi first.
fn pending() -> &'static Mutex<Vec<PathBuf>> {
    static PENDING: OnceLock<Mutex<Vec<PathBuf>>> = OnceLock::new();
    PENDING.get_or_init(|| {
        watch_signals();
        Mutex::new(Vec::new())
    })
}

/// A temporary file's place in [`pending`], for as long as it is written.
struct Pending(PathBuf);

impl Pending {
    /// Creates the temporary file and lists it in one step, under the lock
    /// the signal watcher takes: a signal arriving meanwhile waits, then
    /// finds the file listed.
    fn create(
        make: impl FnOnce() -> io::Result<tempfile::NamedTempFile>,
    ) -> io::Result<(tempfile::NamedTempFile, Pending)> {
        let mut files = pending().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let temp = make()?;
        files.push(temp.path().to_path_buf());
        let path = temp.path().to_path_buf();
        Ok((temp, Pending(path)))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut files) = pending().lock() {
            files.retain(|p| p != &self.0);
        }
    }
}

/// On SIGINT, SIGTERM or SIGHUP: removes the temporary files being
/// written, then ends kpi as the signal would have.
#[cfg(unix)]
fn watch_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Taken whole: a file being renamed now is not half removed.
            let files = pending().lock().map(|mut f| std::mem::take(&mut *f)).unwrap_or_default();
            for file in files {
                let _ = std::fs::remove_file(file);
            }
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn watch_signals() {}

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

    #[cfg(unix)]
    #[test]
    fn the_file_keeps_its_permissions_and_its_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.csv");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_file_atomically(&path, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o664);
        // A new file is readable by others unless the umask says otherwise: never a private 0600.
        let fresh = dir.path().join("fresh.csv");
        write_file_atomically(&fresh, |out| out.write_all(b"x")).unwrap();
        assert_ne!(std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o600);
        // Through a link: the linked file changes, the link stays.
        let link = dir.path().join("latest.csv");
        std::os::unix::fs::symlink("report.csv", &link).unwrap();
        write_file(&link, |out| out.write_all(b"newer")).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&path).unwrap(), b"newer");
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
