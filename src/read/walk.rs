//! One walk of files and folders for every command that takes them (`validate`, `rank`,
//! `gaps`, `test`, batches): each real file once, whatever links lead to it; a folder that
//! links back to itself is entered once; an entry that cannot be read is reported and the walk
//! goes on; files are taken in a stable order (sorted by path). In folders only regular files
//! are taken: a FIFO, a socket or a device would block a reader or never end, and each is
//! named in [`Walk::not_files`]. A path named on the command line is read whatever it is
//! (`<(…)` in a shell is a pipe).

use std::path::{Path, PathBuf};

/// What a walk found: the files to read, in order, and what could not be walked.
///
/// ```
/// let w = par_index::files::walk_inputs(&["examples/data/district"], &["json"]);
/// assert_eq!(w.files.len(), 22 + 32 + 1); // submissions, stage files, the survey
/// assert!(w.problems.is_empty());
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Walk {
    /// The files, each real file once, sorted within each folder.
    pub files: Vec<PathBuf>,
    /// Entries that could not be read, with why (`cannot read folder x: permission denied`):
    /// [`crate::Error::Io`] for a path named, [`crate::Error::Folder`] for a folder or an
    /// entry of one.
    pub problems: Vec<crate::Error>,
    /// Files in the folders walked that were not taken (another extension).
    pub skipped: usize,
    /// Entries of the folders walked that are not regular files (FIFOs, sockets, devices),
    /// each named with what it is: not read, said.
    pub not_files: Vec<String>,
    /// The size in bytes of each of `files` when it was walked (a batch adds them up
    /// against its limit without asking the file system again).
    pub(crate) sizes: Vec<u64>,
}

impl Walk {
    /// When the walk found no file: the error every command gives, naming the paths walked,
    /// the kind of file looked for (`.json`) and how many other files were skipped.
    ///
    /// ```
    /// let w = par_index::files::walk_inputs(&["docs"], &["json"]);
    /// let err = w.nothing_found(&["docs"], ".json").unwrap();
    /// assert!(matches!(err, par_index::Error::NothingToRead { .. }));
    /// let msg = err.to_string();
    /// assert!(msg.starts_with("nothing to read in docs: no .json files ("), "{msg}");
    /// ```
    pub fn nothing_found<P: AsRef<Path>>(&self, paths: &[P], what: &str) -> Option<crate::Error> {
        if !self.files.is_empty() {
            return None;
        }
        let shown: Vec<String> = paths
            .iter()
            .map(|p| crate::model::text::printable(&p.as_ref().display().to_string()).into_owned())
            .collect();
        Some(crate::Error::NothingToRead {
            paths: shown.join(", "),
            what: what.to_owned(),
            skipped: self.skipped,
        })
    }
}

/// The identity of a file or folder on disk: device and inode where the system has them,
/// the canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

fn identity(path: &Path, meta: &std::fs::Metadata) -> Identity {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        Identity::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Identity::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
    }
}

/// Whether a file's extension is one of `exts`, ignoring case (`.JSON` is JSON).
pub(crate) fn has_ext(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| exts.iter().any(|e| x.eq_ignore_ascii_case(e)))
}

/// Walk files and folders as every command does: a file named is taken whatever its name; in
/// folders, the files whose extension is one of `exts` (ignoring case), each real file once
/// (links and loops followed once), sorted; entries that cannot be read are reported in
/// [`Walk::problems`] and the walk goes on.
///
/// ```
/// let w = par_index::files::walk_inputs(&["criteria", "no/such/folder"], &["toml"]);
/// // The three methodologies and the code map of two of them.
/// assert_eq!(w.files.len(), 4);
/// assert!(w.problems[0].to_string().starts_with("cannot read no/such/folder"));
/// ```
pub fn walk_inputs<P: AsRef<Path>>(paths: &[P], exts: &[&str]) -> Walk {
    walk(paths, &|p| has_ext(p, exts))
}

/// Walk `paths`: a file named is taken whatever its name; in folders, the files `take` accepts.
pub(crate) fn walk<P: AsRef<Path>>(paths: &[P], take: &dyn Fn(&Path) -> bool) -> Walk {
    let mut out = Walk::default();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        // Follows links: a link is walked as what it points to.
        let meta = std::fs::metadata(p.as_ref());
        visit(p.as_ref(), meta, true, take, &mut seen, &mut out);
    }
    out
}

/// The path as a message shows it (built only for a message).
fn shown(path: &Path) -> String {
    crate::model::text::printable(&path.display().to_string()).into_owned()
}

fn visit(
    path: &Path,
    meta: std::io::Result<std::fs::Metadata>,
    named: bool,
    take: &dyn Fn(&Path) -> bool,
    seen: &mut std::collections::HashSet<Identity>,
    out: &mut Walk,
) {
    let meta = match meta {
        Ok(m) => m,
        Err(e) => {
            out.problems.push(crate::Error::Io {
                path: shown(path),
                cause: e,
            });
            return;
        }
    };
    if meta.is_dir() {
        if !seen.insert(identity(path, &meta)) {
            // A folder reached again through a link: walked once.
            return;
        }
        let entries = match std::fs::read_dir(path) {
            Ok(e) => e,
            Err(e) => {
                out.problems.push(crate::Error::Folder {
                    path: shown(path),
                    entry: false,
                    cause: e,
                });
                return;
            }
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => children.push(e.path()),
                Err(e) => out.problems.push(crate::Error::Folder {
                    path: shown(path),
                    entry: true,
                    cause: e,
                }),
            }
        }
        children.sort();
        // The entries' metadata on all cores (a folder of many files is mostly this), in
        // the entries' order; they are then visited in that order.
        use rayon::prelude::*;
        let metas: Vec<_> = children.par_iter().map(std::fs::metadata).collect();
        for (c, meta) in children.iter().zip(metas) {
            visit(c, meta, false, take, seen, out);
        }
    } else if !named && !meta.is_file() {
        if take(path) {
            out.not_files.push(format!(
                "{} is {}, not a regular file: not read",
                shown(path),
                what_it_is(&meta)
            ));
        } else {
            out.skipped = out.skipped.saturating_add(1);
        }
    } else if named || take(path) {
        if seen.insert(identity(path, &meta)) {
            out.files.push(path.to_owned());
            out.sizes.push(meta.len());
        }
    } else {
        out.skipped = out.skipped.saturating_add(1);
    }
}

/// What an entry that is neither a folder nor a regular file is.
fn what_it_is(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = meta;
    "a special file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn loops_and_repeated_links_are_walked_once() {
        let dir = std::env::temp_dir().join(format!("par-index-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::write(dir.join("a/x.json"), "{}").unwrap();
        std::fs::write(dir.join("a/y.txt"), "").unwrap();
        std::os::unix::fs::symlink(&dir, dir.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("a/x.json"), dir.join("again.json")).unwrap();
        let w = walk(&[&dir], &|p| has_ext(p, &["json"]));
        assert_eq!(w.files.len(), 1, "{:?}", w.files);
        assert_eq!(w.skipped, 1);
        assert!(w.problems.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A FIFO in a folder is named, never opened (a reader would wait for a writer forever).
    #[test]
    fn a_fifo_in_a_folder_is_named_not_read() {
        let dir = std::env::temp_dir().join(format!("par-index-fifo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.json"), "{}").unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(dir.join("b.json"))
            .status()
            .is_ok_and(|s| s.success());
        if made {
            let w = walk(&[&dir], &|p| has_ext(p, &["json"]));
            assert_eq!(w.files, [dir.join("a.json")]);
            assert_eq!(w.not_files.len(), 1, "{:?}", w.not_files);
            assert!(
                w.not_files[0]
                    .ends_with("b.json is a FIFO (named pipe), not a regular file: not read"),
                "{}",
                w.not_files[0]
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
