//! Batch runs: find the input files, process them in parallel, hand the
//! records to a sink in path order.
//!
//! Memory stays bounded whatever the number of files: files are processed in
//! chunks of [`CHUNK`] paths; at most two chunks of records are held at a time,
//! and each file's bytes are dropped as soon as its record is built. Output
//! order (sorted by path) and content do not depend on the number of threads.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::pipeline::{self, Engine};
use crate::record::Record;

/// Paths processed together before their records are written (two chunks of
/// records are alive at a time: one being written, the next being built).
pub const CHUNK: usize = 64;

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// Path as written in the record (as given, or joined under the
    /// directory given).
    pub display: String,
    /// Path to open.
    pub path: PathBuf,
}

/// Which files a directory walk picks up.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Accepted extensions (lower case, no dot).
    pub extensions: Vec<String>,
    /// Also accept files with no extension.
    pub no_extension: bool,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            extensions: vec!["txt".into(), "md".into(), "text".into()],
            no_extension: true,
        }
    }
}

impl Selection {
    /// Parse `--ext txt,md,text` (an empty item, as in `txt,,md`, or the
    /// word `none` accepts files with no extension).
    pub fn from_list(list: &str) -> Self {
        let mut sel = Selection {
            extensions: Vec::new(),
            no_extension: false,
        };
        for e in list
            .split(',')
            .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
        {
            if e.is_empty() || e == "none" {
                sel.no_extension = true;
            } else {
                sel.extensions.push(e);
            }
        }
        sel
    }

    fn accepts(&self, path: &Path) -> bool {
        match path.extension() {
            None => self.no_extension,
            Some(e) => {
                let e = e.to_string_lossy().to_ascii_lowercase();
                self.extensions.contains(&e)
            }
        }
    }
}

/// Expand files and directories (recursively) into a sorted list of inputs.
/// Paths named explicitly are always taken, whatever their extension (and
/// even when they cannot be read: they give an error record).
pub fn collect_inputs(paths: &[PathBuf], sel: &Selection) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            for entry in walkdir::WalkDir::new(p)
                .follow_links(false)
                .sort_by_file_name()
            {
                let Ok(entry) = entry else { continue };
                let path = entry.path();
                let ft = entry.file_type();
                // Symlinks inside a directory are taken when they point to a
                // file or point nowhere (a dangling link gives an error record).
                let wanted = ft.is_file() || (ft.is_symlink() && !path.is_dir());
                if wanted && sel.accepts(path) {
                    out.push(Input {
                        display: path.to_string_lossy().into_owned(),
                        path: path.to_path_buf(),
                    });
                }
            }
        } else {
            out.push(Input {
                display: p.to_string_lossy().into_owned(),
                path: p.clone(),
            });
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Read a list of paths, one per line (for `--files-from`).
pub fn read_path_list(reader: impl BufRead) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for line in reader.lines() {
        let line = line?;
        let t = line.trim_end_matches('\r');
        if !t.trim().is_empty() {
            out.push(PathBuf::from(t));
        }
    }
    Ok(out)
}

/// Totals of a batch run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Files that gave a plan record.
    pub plans: usize,
    /// Files that gave an error record.
    pub errors: usize,
    /// Raw bytes of the files that gave a plan record.
    pub bytes: u64,
}

/// Process `inputs` on `pool`, calling `sink` with each record in input
/// order, and `progress` after each chunk with (files done, bytes done).
/// Stops early (returning the sink's error) when the sink fails.
pub fn run<E>(
    inputs: &[Input],
    engine: &Engine,
    pool: &rayon::ThreadPool,
    mut sink: impl FnMut(&Record) -> Result<(), E>,
    mut progress: impl FnMut(usize, u64),
) -> Result<Summary, E> {
    let mut summary = Summary::default();
    let mut done = 0;
    let mut bytes_done = 0u64;
    let process = |chunk: &[Input]| -> Vec<Record> {
        pool.install(|| {
            chunk
                .par_iter()
                .map(|i| pipeline::process_path(&i.path, &i.display, engine))
                .collect()
        })
    };
    // Two chunks in flight: the pool builds the records of the next chunk
    // while this thread hands the records of the last one to the sink, so
    // the workers never wait for the writer.
    let mut chunks = inputs.chunks(CHUNK);
    let mut ready = chunks.next().map(process);
    while let Some(records) = ready.take() {
        let next = chunks.next();
        let emitted = std::thread::scope(|s| {
            let worker = next.map(|c| s.spawn(move || process(c)));
            let mut emitted = Ok(());
            for r in &records {
                match r {
                    Record::Plan(p) => {
                        summary.plans += 1;
                        summary.bytes += p.source.bytes;
                        bytes_done += p.source.bytes;
                    }
                    Record::Error(_) => summary.errors += 1,
                }
                if let Err(e) = sink(r) {
                    emitted = Err(e);
                    break;
                }
            }
            ready = worker.map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            emitted
        });
        emitted?;
        done += records.len();
        progress(done, bytes_done);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection() {
        let s = Selection::default();
        assert!(s.accepts(Path::new("a/b.TXT")));
        assert!(s.accepts(Path::new("a/README")));
        assert!(!s.accepts(Path::new("a/b.doc")));
        let s = Selection::from_list("md");
        assert!(!s.accepts(Path::new("x")));
        assert!(Selection::from_list("md,").accepts(Path::new("x")));
    }

    #[test]
    fn path_list() {
        let got = read_path_list(&b"a.txt\r\n\n b c.md\n"[..]).unwrap();
        assert_eq!(got, vec![PathBuf::from("a.txt"), PathBuf::from(" b c.md")]);
    }
}
