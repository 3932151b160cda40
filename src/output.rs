//! Writing records: JSON Lines or one pretty JSON array, to stdout or to a
//! file that only appears under its final name once complete.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::record::Record;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One JSON object per line.
    #[default]
    Jsonl,
    /// One pretty-printed JSON array.
    Json,
}

/// Serializes records one at a time (never holds them all).
pub struct RecordWriter<W: Write> {
    out: BufWriter<W>,
    format: Format,
    count: usize,
}

impl<W: Write> RecordWriter<W> {
    /// A writer in `format` over `out`.
    pub fn new(out: W, format: Format) -> Self {
        RecordWriter {
            out: BufWriter::with_capacity(256 * 1024, out),
            format,
            count: 0,
        }
    }

    /// Write one record.
    pub fn write(&mut self, record: &Record) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, record)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                self.out
                    .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer_pretty(&mut self.out, record)?;
            }
        }
        self.count += 1;
        Ok(())
    }

    /// Close the array (json) and flush; returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// A file written under a temporary name in the destination's directory and
/// renamed over the destination by [`AtomicFile::commit`]. Dropped without
/// commit (an error, an interrupted run), the temporary file is removed and
/// the destination is untouched.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    dest: PathBuf,
}

impl AtomicFile {
    /// Start writing `dest`.
    pub fn create(dest: &Path) -> io::Result<Self> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".kehoach-tmp")
            .tempfile_in(dir)?;
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
        })
    }

    /// The file to write to.
    pub fn file(&mut self) -> &mut fs::File {
        self.tmp.as_file_mut()
    }

    /// Flush to disk and move into place.
    pub fn commit(self) -> io::Result<()> {
        self.tmp.as_file().sync_all()?;
        self.tmp.persist(&self.dest).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// Write `contents` to `dest` atomically.
pub fn write_atomic(dest: &Path, contents: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(dest)?;
    f.write_all(contents)?;
    f.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::ErrorRecord;

    fn rec() -> Record {
        Record::Error(ErrorRecord {
            schema: "s".into(),
            path: "p".into(),
            error: "e".into(),
            message: "m".into(),
        })
    }

    #[test]
    fn jsonl_and_json() {
        let mut w = RecordWriter::new(Vec::new(), Format::Jsonl);
        w.write(&rec()).unwrap();
        w.write(&rec()).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(out.lines().count(), 2);
        let mut w = RecordWriter::new(Vec::new(), Format::Json);
        w.write(&rec()).unwrap();
        w.write(&rec()).unwrap();
        let out = w.finish().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v.as_array().unwrap().len(), 2);
        let empty = RecordWriter::new(Vec::new(), Format::Json)
            .finish()
            .unwrap();
        assert_eq!(empty, b"[]\n");
    }

    #[test]
    fn atomic_file_only_appears_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.jsonl");
        {
            let mut f = AtomicFile::create(&dest).unwrap();
            f.write_all(b"partial").unwrap();
            // dropped without commit
        }
        assert!(!dest.exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "temporary file removed"
        );
        write_atomic(&dest, b"done").unwrap();
        assert_eq!(fs::read(&dest).unwrap(), b"done");
    }
}
