//! Writing the outputs of `netsot build` into the output folder, safely on a hostile
//! repository.
//!
//! netsot runs in CI on clones anyone can write, so a repository may commit a symbolic
//! link where the output folder or a folder below it goes (`build -> /home/victim`), plant
//! links at temporary file names, or render paths that cannot all be written. Before the
//! first write, therefore:
//!
//! - the output folder and every folder below it that a file goes into must be a real
//!   folder, never a symbolic link ([`check_output_folder`], [`plan`]);
//! - the output folder must not be the repository's root, lie inside one of its inputs or
//!   hold one ([`check_outside_inputs`]);
//! - a file's place must not hold a folder (or a fifo, a device...), a folder's place must
//!   not hold a file ([`plan`]).
//!
//! Then, under an exclusive lock on the output folder (a second build waits for the
//! first; see [`lock`]), temporary files left by killed builds are removed, every changed
//! file is written to a fresh temporary file (an unpredictable name created exclusively,
//! which never follows a link) and synced, and only when all of them are written are they
//! renamed over their targets ([`write`]).
//!
//! What remains: folders are checked by path, not opened relative to each other (`openat`),
//! so a process that can write into the output folder *while* netsot runs could swap a
//! checked folder for a link between the check and the rename. That takes a local attacker
//! racing the build; the committed files of a repository alone cannot do it.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::Failure;
use crate::render::RenderedFile;

/// The name of the lock file in the output folder where a folder cannot be locked itself
/// (not unix); it stays there between builds.
pub const LOCK_FILE: &str = ".netsot.lock";
/// How the names of temporary files begin; the rest is random.
pub const TEMP_PREFIX: &str = ".netsot-tmp-";

/// Refuses an output folder that is a symbolic link, or exists and is not a folder. A
/// missing folder is fine: it is created when the lock is taken.
pub fn check_output_folder(out: &Path) -> Result<(), Failure> {
    match std::fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Failure {
            message: format!(
                "the output folder {} is a symbolic link; netsot does not write through links",
                out.display()
            ),
            help: Some(
                "a repository may commit a link where its build folder goes; remove it, or give \
                 a real folder with `--out DIR`"
                    .into(),
            ),
        }),
        Ok(meta) if !meta.is_dir() => Err(Failure::new(format!(
            "the output folder {} exists and is not a folder",
            out.display()
        ))),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Failure::new(format!("cannot read {}: {e}", out.display()))),
    }
}

/// Refuses an output folder inside the repository below a symbolic link: `--out build/site`
/// where the repository commits `build -> /home/victim`. Every folder between the root and
/// the output folder is checked; the root itself, and the folders above it, are the
/// user's choice.
pub fn check_folders_below_root(out: &Path, root: &Path) -> Result<(), Failure> {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let out_absolute = absolute(out);
    // The root as written, else with its links resolved (an `--out` given canonically).
    let Some((mut folder, below)) = [absolute(root), resolve(root)]
        .into_iter()
        .find_map(|base| {
            Some((
                base.clone(),
                out_absolute.strip_prefix(&base).ok()?.to_path_buf(),
            ))
        })
    else {
        return Ok(());
    };
    for part in below.components() {
        folder.push(part);
        if std::fs::symlink_metadata(&folder).is_ok_and(|meta| meta.file_type().is_symlink()) {
            return Err(Failure {
                message: format!(
                    "{} is a symbolic link inside the repository, and the output folder {} is \
                     below it; netsot does not write through links",
                    folder.display(),
                    out.display()
                ),
                help: Some("remove the link, or build into a folder outside the repository".into()),
            });
        }
    }
    Ok(())
}

/// Refuses an output folder that is the repository's root, lies inside one of its input
/// paths (relative to `root`: data, device types, templates) or holds one: the next
/// `check` would read the outputs back as inputs, or a build would replace its own inputs.
pub fn check_outside_inputs(out: &Path, root: &Path, inputs: &[&str]) -> Result<(), Failure> {
    let out_resolved = resolve(out);
    let root_resolved = resolve(root);
    let refuse = |what: String| Failure {
        message: format!("the output folder {} {what}", out.display()),
        help: Some(
            "build into a folder of its own, such as `build/` (the default): outputs written \
             among the inputs are read back by the next check"
                .into(),
        ),
    };
    if out_resolved == root_resolved {
        return Err(refuse("is the repository's root".into()));
    }
    if root_resolved.starts_with(&out_resolved) {
        return Err(refuse("holds the repository".into()));
    }
    for input in inputs {
        let normalized = crate::source::normalize(input);
        let input_resolved = resolve(&root.join(&normalized));
        if input_resolved == root_resolved || out_resolved.starts_with(&input_resolved) {
            return Err(refuse(format!(
                "is inside the input path `{input}` of netsot.yaml"
            )));
        }
    }
    Ok(())
}

/// An absolute path with links and `..` resolved as far as it exists; the missing rest is
/// appended as written.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(mut resolved) = existing.canonicalize() {
            resolved.extend(rest.iter().rev());
            return resolved;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// What a build writes, worked out from the disk before anything is written.
pub struct Plan<'a> {
    /// The files whose bytes differ from the disk (or are missing), in path order.
    pub stale: Vec<&'a RenderedFile>,
    /// Folders to create, relative to the output folder, parents first.
    missing_folders: Vec<&'a str>,
    /// Existing folders holding rendered files, relative ("" is the output folder itself).
    existing_folders: Vec<&'a str>,
}

/// Whether a folder below the output folder exists.
#[derive(Clone, Copy, PartialEq)]
enum Folder {
    Exists,
    Missing,
}

/// Compares every rendered file with the disk, without following links, and refuses every
/// place that cannot be written (a link or a file where a folder goes, a folder or a special
/// file where a file goes). All problems are reported together.
pub fn plan<'a>(out: &Path, files: &'a [RenderedFile]) -> Result<Plan<'a>, Failure> {
    let mut folders: HashMap<&'a str, Folder> = HashMap::new();
    let out_exists = std::fs::symlink_metadata(out).is_ok();
    let mut plan = Plan {
        stale: Vec::new(),
        missing_folders: Vec::new(),
        existing_folders: if out_exists { vec![""] } else { Vec::new() },
    };
    let mut problems = Vec::new();
    for file in files {
        let path = file.path.as_str();
        let mut parent = Folder::from_exists(out_exists);
        for (end, _) in path.match_indices('/') {
            let folder = &path[..end];
            parent = match folders.get(folder) {
                Some(state) => *state,
                None => {
                    let state = if parent == Folder::Missing {
                        Folder::Missing
                    } else {
                        match std::fs::symlink_metadata(out.join(folder)) {
                            Ok(meta) if meta.is_dir() => Folder::Exists,
                            Ok(meta) => {
                                let what = if meta.file_type().is_symlink() {
                                    "a symbolic link"
                                } else {
                                    "not a folder"
                                };
                                problems.push(format!(
                                    "`{folder}` is {what}, and `{path}` goes into it"
                                ));
                                Folder::Missing
                            }
                            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Folder::Missing,
                            Err(e) => {
                                problems.push(format!("cannot read `{folder}`: {e}"));
                                Folder::Missing
                            }
                        }
                    };
                    folders.insert(folder, state);
                    match state {
                        Folder::Missing => plan.missing_folders.push(folder),
                        Folder::Exists => plan.existing_folders.push(folder),
                    }
                    state
                }
            };
        }
        if parent == Folder::Missing {
            plan.stale.push(file);
            continue;
        }
        match same_bytes(&out.join(path), &file.bytes) {
            Ok(true) => {}
            Ok(false) => plan.stale.push(file),
            Err(problem) => problems.push(format!("`{path}` {problem}")),
        }
    }
    if problems.is_empty() {
        return Ok(plan);
    }
    Err(Failure {
        message: format!(
            "nothing written: {} cannot hold the outputs:\n  {}",
            out.display(),
            problems.join("\n  ")
        ),
        help: Some(
            "netsot writes only real files in real folders below the output folder, never \
             through symbolic links; remove what is in the way"
                .into(),
        ),
    })
}

impl Folder {
    fn from_exists(exists: bool) -> Folder {
        if exists {
            Folder::Exists
        } else {
            Folder::Missing
        }
    }
}

/// The bytes of the regular file at `path` (relative to `out`) left by an earlier build,
/// read without following a symbolic link at any part of the path; `None` when there is
/// none, or when something other than real folders and a regular file of at most 64 MiB
/// is there (which `plan` then reports or replaces).
pub fn read_previous(out: &Path, path: &str) -> Option<Vec<u8>> {
    let mut at = out.to_path_buf();
    for part in path.split('/') {
        at.push(part);
        let meta = std::fs::symlink_metadata(&at).ok()?;
        if meta.file_type().is_symlink() {
            return None;
        }
    }
    let meta = std::fs::symlink_metadata(&at).ok()?;
    if !meta.is_file() || meta.len() > 64 * 1024 * 1024 {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    open_no_follow(&at, OpenOptions::new().read(true))
        .and_then(|mut file| file.read_to_end(&mut bytes))
        .ok()?;
    Some(bytes)
}

/// Whether the regular file at `path` holds `bytes`; a missing file or a link (which is
/// replaced, never followed) does not. A folder or a special file is a problem.
fn same_bytes(path: &Path, bytes: &[u8]) -> Result<bool, String> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(format!("cannot be read: {e}")),
    };
    if meta.file_type().is_symlink() {
        return Ok(false);
    }
    if meta.is_dir() {
        return Err("is a folder where a file goes".into());
    }
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    if meta.len() != bytes.len() as u64 {
        return Ok(false);
    }
    let mut current = Vec::with_capacity(bytes.len());
    open_no_follow(path, OpenOptions::new().read(true))
        .and_then(|mut file| file.read_to_end(&mut current))
        .map_err(|e| format!("cannot be read: {e}"))?;
    Ok(current == bytes)
}

/// Opens `path` with `options`, failing if its last part is a symbolic link.
fn open_no_follow(path: &Path, options: &mut OpenOptions) -> std::io::Result<File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// The exclusive lock on an output folder, held until dropped.
pub struct Lock {
    _file: File,
}

/// Creates the output folder if needed and takes its lock, waiting while another build
/// holds it, so two builds into one folder never mix their files. On unix the lock is on
/// the folder itself (`flock` on the folder, opened without following a link), so a build
/// leaves no lock file behind; elsewhere it is on [`LOCK_FILE`] in the folder.
pub fn lock(out: &Path) -> Result<Lock, Failure> {
    if std::fs::symlink_metadata(out).is_err() {
        std::fs::create_dir_all(out)
            .map_err(|e| Failure::new(format!("cannot create {}: {e}", out.display())))?;
    }
    // Checked again after creating it, which narrows the window for a link planted since.
    check_output_folder(out)?;
    #[cfg(unix)]
    let (path, file) = {
        use std::os::unix::fs::OpenOptionsExt;
        let file = open_no_follow(
            out,
            OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_DIRECTORY),
        );
        (out.to_path_buf(), file)
    };
    #[cfg(not(unix))]
    let (path, file) = {
        let path = out.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .open(&path);
        (path, file)
    };
    let file =
        file.map_err(|e| Failure::new(format!("cannot open {} to lock it: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!(
                "waiting for another build to finish writing into {}",
                out.display()
            );
            file.lock()
                .map_err(|e| Failure::new(format!("cannot lock {}: {e}", path.display())))?;
        }
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(Failure::new(format!("cannot lock {}: {e}", path.display())))
        }
    }
    Ok(Lock { _file: file })
}

/// Writes the stale files of `plan` into `out`, all or nothing as far as the file system
/// allows: stale temporary files are removed, missing folders created, every file written
/// to a temporary file and synced; only then are they renamed over their targets. A failure
/// before the renames leaves every old output as it was. Returns the number of files written.
pub fn write(out: &Path, plan: &Plan, _lock: &Lock) -> Result<usize, Failure> {
    write_with(out, plan, &mut |file, bytes| file.write_all(bytes))
}

/// [`write`], with the writing of each temporary file's bytes given, so tests can make it
/// fail half way.
fn write_with(
    out: &Path,
    plan: &Plan,
    write_bytes: &mut dyn FnMut(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<usize, Failure> {
    for folder in &plan.existing_folders {
        remove_stale_temporaries(&out.join(folder));
    }
    let mut created = Vec::new();
    let staged =
        create_folders(out, plan, &mut created).and_then(|()| stage(out, plan, write_bytes));
    let staged = match staged {
        Ok(staged) => staged,
        Err(message) => {
            // The temporary files are deleted as they drop; the folders made for them go too.
            for folder in created.iter().rev() {
                let _ = std::fs::remove_dir(folder);
            }
            return Err(Failure {
                message: format!("{message}; nothing was replaced"),
                help: None,
            });
        }
    };
    let total = staged.len();
    for (done, (temporary, target)) in staged.into_iter().enumerate() {
        if let Err(e) = temporary.persist(&target) {
            return Err(Failure::new(format!(
                "cannot rename over {}: {}; {done} of {total} files were replaced",
                target.display(),
                e.error
            )));
        }
    }
    sync_folders(out, plan);
    Ok(total)
}

/// Creates the missing folders, parents first; `create_dir` fails on anything that
/// appeared at a folder's place since the plan, a link included.
fn create_folders(out: &Path, plan: &Plan, created: &mut Vec<PathBuf>) -> Result<(), String> {
    for folder in &plan.missing_folders {
        let path = out.join(folder);
        std::fs::create_dir(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        created.push(path);
    }
    Ok(())
}

/// Writes every stale file to a synced temporary file beside its target.
fn stage(
    out: &Path,
    plan: &Plan,
    write_bytes: &mut dyn FnMut(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<Vec<(tempfile::TempPath, PathBuf)>, String> {
    let mut staged = Vec::with_capacity(plan.stale.len());
    for file in &plan.stale {
        let target = out.join(&file.path);
        let folder = target.parent().unwrap_or(out);
        let mut temporary = temporary_in(folder)
            .map_err(|e| format!("cannot create a file in {}: {e}", folder.display()))?;
        write_bytes(temporary.as_file_mut(), &file.bytes)
            .and_then(|()| temporary.as_file().sync_all())
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        // Closed once synced, keeping only its path: a build writes tens of thousands of
        // files (a config per device), more than a process may hold open.
        staged.push((temporary.into_temp_path(), target));
    }
    Ok(staged)
}

/// A new temporary file in `folder`: a random name after [`TEMP_PREFIX`], created with
/// `O_CREAT | O_EXCL` (so a link at its name is never followed), readable as a plain file
/// would be (the umask applies).
fn temporary_in(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder)
}

/// Removes the temporary files a killed build left in `folder`: today's names and the
/// `.NAME.netsot-PID.tmp` of earlier versions. Only called under the lock, so no running
/// build owns them. Links are removed, never followed.
fn remove_stale_temporaries(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_temporary_name(name) && !is_folder {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether `name` is a temporary file of netsot, of this version or an earlier one.
fn is_temporary_name(name: &str) -> bool {
    if name.starts_with(TEMP_PREFIX) {
        return true;
    }
    let old = name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".tmp"))
        .and_then(|rest| rest.rsplit_once(".netsot-"));
    old.is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Syncs the folders that received files, so the renames survive a crash. Best effort:
/// some file systems cannot sync a folder, and the files themselves are already synced.
fn sync_folders(out: &Path, plan: &Plan) {
    let mut folders: Vec<&str> = plan
        .stale
        .iter()
        .map(|f| f.path.rsplit_once('/').map_or("", |(folder, _)| folder))
        .collect();
    folders.dedup();
    for folder in folders {
        if let Ok(handle) = File::open(out.join(folder)) {
            let _ = handle.sync_all();
        }
    }
}

/// Writes `bytes` to `path` atomically (a temporary file beside it, synced, renamed over
/// it), creating its folder. For commands that write into a folder the user names (`init`,
/// `schema --out`); `build` goes through [`plan`] and [`write`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut temporary = temporary_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, bytes: &str) -> RenderedFile {
        RenderedFile {
            path: path.into(),
            bytes: bytes.as_bytes().to_vec(),
        }
    }

    /// Every entry below `dir`, relative, sorted.
    fn listing(dir: &Path) -> Vec<String> {
        let mut names = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                names.push(path.strip_prefix(dir).unwrap().display().to_string());
                if path.is_dir() {
                    stack.push(path);
                }
            }
        }
        names.sort();
        names
    }

    #[test]
    fn a_failure_while_writing_temporaries_replaces_nothing() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir(out.path().join("b")).unwrap();
        std::fs::write(out.path().join("a.txt"), "old a").unwrap();
        std::fs::write(out.path().join("b/c.txt"), "old c").unwrap();
        let files = vec![
            file("a.txt", "new a"),
            file("b/c.txt", "new c"),
            file("d/e.txt", "new e"),
        ];
        let plan = plan(out.path(), &files).unwrap_or_else(|f| panic!("{}", f.message));
        assert_eq!(plan.stale.len(), 3);
        let before = listing(out.path());
        // The third temporary file fails, as a full disk would, after two were written.
        let mut calls = 0;
        let result = write_with(out.path(), &plan, &mut |file, bytes| {
            calls += 1;
            if calls == 3 {
                return Err(std::io::Error::other("no space left on device"));
            }
            file.write_all(bytes)
        });
        let failure = result.expect_err("the injected failure is reported");
        assert!(
            failure.message.contains("nothing was replaced"),
            "{}",
            failure.message
        );
        assert_eq!(calls, 3);
        assert_eq!(
            std::fs::read_to_string(out.path().join("a.txt")).unwrap(),
            "old a"
        );
        assert_eq!(
            std::fs::read_to_string(out.path().join("b/c.txt")).unwrap(),
            "old c"
        );
        // No temporary file is left, and the folder made for `d/e.txt` is gone again.
        assert_eq!(listing(out.path()), before);
        // Without the failure, the same plan writes everything.
        let written = write_with(out.path(), &plan, &mut |file, bytes| file.write_all(bytes))
            .unwrap_or_else(|f| panic!("{}", f.message));
        assert_eq!(written, 3);
        assert_eq!(
            std::fs::read_to_string(out.path().join("d/e.txt")).unwrap(),
            "new e"
        );
        assert_eq!(
            listing(out.path()),
            ["a.txt", "b", "b/c.txt", "d", "d/e.txt"]
        );
    }

    #[test]
    fn unchanged_files_are_not_stale() {
        let out = tempfile::tempdir().unwrap();
        std::fs::write(out.path().join("same"), "x").unwrap();
        std::fs::write(out.path().join("longer"), "xy").unwrap();
        std::fs::write(out.path().join("other"), "y").unwrap();
        let files = vec![file("longer", "x"), file("other", "x"), file("same", "x")];
        let plan = plan(out.path(), &files).unwrap_or_else(|f| panic!("{}", f.message));
        let stale: Vec<&str> = plan.stale.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(stale, ["longer", "other"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_excludes_a_second_build_until_dropped() {
        let out = tempfile::tempdir().unwrap();
        let folder = out.path().join("new");
        let held = lock(&folder).unwrap_or_else(|f| panic!("{}", f.message));
        let second = File::open(&folder).unwrap();
        assert!(matches!(
            second.try_lock(),
            Err(std::fs::TryLockError::WouldBlock)
        ));
        drop(held);
        assert!(second.try_lock().is_ok());
        // No lock file is left in the folder.
        assert_eq!(listing(&folder), Vec::<String>::new());
    }

    #[test]
    fn temporary_names_are_recognised() {
        assert!(is_temporary_name(".netsot-tmp-a1B2c3"));
        assert!(is_temporary_name(".leaf1.cfg.netsot-1234.tmp"));
        assert!(!is_temporary_name("leaf1.cfg"));
        assert!(!is_temporary_name(".leaf1.cfg.netsot-.tmp"));
        assert!(!is_temporary_name(".leaf1.cfg.netsot-12a.tmp"));
        assert!(!is_temporary_name(LOCK_FILE));
    }
}
