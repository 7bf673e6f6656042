//! Where results go: standard output (a closed pipe is not an error) or a
//! file written atomically, so an error midway leaves the earlier file intact.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

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
/// The new file gets the permissions of the one it replaces, or those a new
/// file gets (read for others, as the umask allows), never a temporary
/// file's private ones; a symbolic link is followed, not replaced.
pub fn write_file_atomically(path: &Path, render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> anyhow::Result<()> {
    let target = follow_link(path);
    let path = target.as_path();
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
    let mut temp = builder.tempfile_in(dir).with_context(|| format!("cannot create a file in {}", dir.display()))?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        render(&mut out).and_then(|()| out.flush()).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(permissions) = earlier {
        temp.as_file().set_permissions(permissions).with_context(|| format!("cannot write {}", path.display()))?;
    }
    temp.persist(path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// The file a path names: the target of a symbolic link, so that writing
/// through the link updates the file rather than replacing the link.
fn follow_link(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return path.to_path_buf();
    }
    match std::fs::read_link(path) {
        Ok(target) if target.is_absolute() => target,
        Ok(target) => path.parent().map_or(target.clone(), |dir| dir.join(target)),
        Err(_) => path.to_path_buf(),
    }
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
        write_file_atomically(&link, |out| out.write_all(b"newer")).unwrap();
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
